"""``match.created``: new suggestions to the organisations' own systems (docs/api.md,
"Webhooks"), the way match emails reach people.

A pass (beat, every few minutes: ``matching.tasks.send_match_created_webhooks``) takes the
matches a match email would announce (``selection.announceable``: live suggestions above the
hub's threshold, first seen within MATCH_NOTICES_MAX_AGE_DAYS) of the organisations that have an
active endpoint subscribed to ``match.created``, and emits one event per match and organisation:
the need's organisation, and the company unless the need is confidential and the company is not
invited to it (as for the emails). A MatchWebhookNotice row, written in the same transaction as
the delivery, makes it once per match and organisation, whoever runs the pass and how often.
Without a subscribed endpoint a pass is one query.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from healthmatch.webhooks.models import Endpoint
from healthmatch.webhooks.services import emit
from matching.models import Match
from matching.notify.models import MatchWebhookNotice
from matching.notify.selection import announceable, max_age
from matching.webhooks import match_data
from needs.models import NeedInvitation

EVENT = "match.created"


def subscribed_organisations() -> set[int]:
    return {
        endpoint.organisation_id
        for endpoint in Endpoint.objects.filter(active=True).only("organisation_id", "events")
        if endpoint.subscribes_to(EVENT)
    }


def _pending(org_ids: set[int], since: datetime.datetime, limit: int) -> list[tuple[Match, int]]:
    """(match, organisation id) pairs not announced yet, oldest first, at most ``limit``."""
    matches = (
        announceable(since=since)
        .filter(
            Q(need__organisation_id__in=org_ids)
            | Q(capability__company__organisation_id__in=org_ids)
        )
        .select_related("need", "capability__company")
        .order_by("first_seen_at", "pk")
    )
    done = set(
        MatchWebhookNotice.objects.filter(
            organisation_id__in=org_ids, created_at__gte=since
        ).values_list("match_id", "organisation_id")
    )
    rows = list(matches.iterator(chunk_size=500))
    invited = set(
        NeedInvitation.objects.filter(
            need_id__in={m.need_id for m in rows if m.need.is_confidential}
        ).values_list("need_id", "organisation_id")
    )
    pairs = []
    for match in rows:
        buyer = match.need.organisation_id
        company = match.capability.company.organisation_id
        targets = [buyer]
        if company != buyer and (
            not match.need.is_confidential or (match.need_id, company) in invited
        ):
            targets.append(company)
        for org_id in targets:
            if org_id in org_ids and (match.pk, org_id) not in done:
                pairs.append((match, org_id))
                if len(pairs) >= limit:
                    return pairs
    return pairs


def announce_new_matches(*, now: datetime.datetime | None = None) -> int:
    """Emit ``match.created`` for every new match of a subscribed organisation, at most
    WEBHOOKS_MATCH_CREATED_PER_PASS per pass (the rest wait for the next). Safe to run twice
    and at once. Returns the number of events emitted."""
    org_ids = subscribed_organisations()
    if not org_ids:
        return 0
    since = (now or timezone.now()) - max_age()
    limit = getattr(settings, "WEBHOOKS_MATCH_CREATED_PER_PASS", 1000)
    emitted = 0
    for match, org_id in _pending(org_ids, since, limit):
        try:
            with transaction.atomic():
                MatchWebhookNotice.objects.create(match=match, organisation_id=org_id)
                emit(EVENT, [org_id], match_data(match))
        except IntegrityError:
            continue  # a pass running at the same time announced it
        emitted += 1
    return emitted
