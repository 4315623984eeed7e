"""Which matches to announce, and to whom. A fixed number of queries, whatever the number of
people: one for the matches, one for the memberships, one for the invitations, a few for the
preferences and the notices already given.

A match is announced when it is
- still a suggestion (or a later curation state): never dismissed by either side, never retired;
- first seen within MATCH_NOTICES_MAX_AGE_DAYS (so switching emails back on, or joining an
  organisation, does not bring up every old match);
- scored at least the notification threshold of its hub (MatchingConfig.notify_threshold);
- between a published need and a published capability of a verified company.

The need side is every active member of the need's organisation; the company side every active
member of the capability's company. A confidential need reaches the company side only when that
company is invited to it: otherwise the company hears nothing about it, not even its title.
A person hears about a match once (a MatchNotice row), on one side (the need side first).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from companies.models import Capability
from healthmatch.accounts.models import Membership
from matching.models import Match
from matching.notify.models import MatchNotice, NotificationPreference
from matching.runs.config import Configs
from needs.models import Need, NeedInvitation

Frequency = NotificationPreference.Frequency
Side = MatchNotice.Side
DEFAULT_FREQUENCY = NotificationPreference._meta.get_field("frequency").default
NOT_ANNOUNCED = (*Match.DISMISSED, Match.Status.RETIRED, Match.Status.CLOSED)
IDS_PER_QUERY = 1000  # ids in one IN (...) list


@dataclass(frozen=True)
class Pending:
    """One match one person has not heard about yet, and the side they stand on."""

    match_id: int
    side: str
    score: float
    need_id: int
    capability_id: int


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "MATCH_NOTICES_MAX_AGE_DAYS", 14))


def chunks(ids: Iterable[int], size: int = IDS_PER_QUERY) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def threshold_q(configs: Configs) -> Q:
    """Score at least the notification threshold of the match's hub (or the default's)."""
    own = configs.by_hub
    default = Q(score__gte=configs.notify_threshold(None))
    if own:
        default &= ~Q(hub_id__in=list(own))
    q = default
    for hub_id, row in own.items():
        q |= Q(hub_id=hub_id, score__gte=row.notify_threshold)
    return q


def announceable(*, since: datetime.datetime, configs: Configs | None = None):
    """The matches worth an email, whoever they go to."""
    configs = configs or Configs()
    return (
        Match.objects.exclude(status__in=NOT_ANNOUNCED)
        .filter(
            first_seen_at__gte=since,
            need__status=Need.Status.PUBLISHED,
            capability__status=Capability.Status.PUBLISHED,
            capability__company__organisation__verified_at__isnull=False,
        )
        .filter(threshold_q(configs))
    )


def frequencies(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's frequency; people without a preference row have the default (daily)."""
    found = {}
    for ids in chunks(user_ids):
        found.update(
            NotificationPreference.objects.filter(user_id__in=ids).values_list(
                "user_id", "frequency"
            )
        )
    return defaultdict(lambda: DEFAULT_FREQUENCY, found)


def _members(org_ids: set[int], user_ids=None) -> dict[int, list[int]]:
    members = defaultdict(list)
    active = Membership.objects.active().filter(user__is_active=True)
    if user_ids is not None:
        active = active.filter(user_id__in=list(user_ids))
    for ids in chunks(org_ids):
        for org_id, user_id in active.filter(organisation_id__in=ids).values_list(
            "organisation_id", "user_id"
        ):
            members[org_id].append(user_id)
    return members


def _invited(need_ids: set[int]) -> set[tuple[int, int]]:
    invited = set()
    for ids in chunks(need_ids):
        invited.update(
            NeedInvitation.objects.filter(need_id__in=ids).values_list("need_id", "organisation_id")
        )
    return invited


def _announced(match_ids: list[int]) -> set[tuple[int, int]]:
    done = set()
    for ids in chunks(match_ids):
        done.update(MatchNotice.objects.filter(match_id__in=ids).values_list("match_id", "user_id"))
    return done


def pending(
    frequency: str,
    *,
    now: datetime.datetime | None = None,
    configs: Configs | None = None,
    user_ids: Iterable[int] | None = None,
) -> dict[int, list[Pending]]:
    """For each person whose preference is ``frequency`` (among ``user_ids`` when given): the
    matches they have not heard about, best first."""
    now = now or timezone.now()
    matches = announceable(since=now - max_age(), configs=configs)
    if user_ids is None and frequency != DEFAULT_FREQUENCY:
        # Few people choose "immediately" or "weekly", and the immediately pass runs every few
        # minutes: read only the matches of their organisations, not every recent match.
        user_ids = NotificationPreference.objects.filter(frequency=frequency).values_list(
            "user_id", flat=True
        )
    if user_ids is not None:
        if not isinstance(user_ids, models.QuerySet):
            user_ids = list(user_ids)
        orgs = Membership.objects.active().filter(user_id__in=user_ids).values("organisation_id")
        matches = matches.filter(
            Q(need__organisation_id__in=orgs) | Q(capability__company__organisation_id__in=orgs)
        )
    rows = list(
        matches.values_list(
            "pk",
            "need_id",
            "capability_id",
            "score",
            "need__organisation_id",
            "capability__company__organisation_id",
            "need__is_confidential",
        )
    )
    if not rows:
        return {}
    members = _members({r[4] for r in rows} | {r[5] for r in rows}, user_ids)
    invited = _invited({r[1] for r in rows if r[6]})
    done = _announced([r[0] for r in rows])
    everyone = {user_id for users in members.values() for user_id in users}
    wanted = frequencies(everyone)

    found: dict[int, dict[int, Pending]] = defaultdict(dict)
    for match_id, need_id, capability_id, score, buyer_org, company_org, confidential in rows:
        sides = [(Side.BUYER, buyer_org)]
        if not confidential or (need_id, company_org) in invited:
            sides.append((Side.COMPANY, company_org))
        for side, org_id in sides:
            for user_id in members.get(org_id, ()):
                if wanted[user_id] != frequency or (match_id, user_id) in done:
                    continue
                found[user_id].setdefault(
                    match_id, Pending(match_id, side, score, need_id, capability_id)
                )
    return {
        user_id: sorted(items.values(), key=lambda p: (-p.score, p.match_id))
        for user_id, items in found.items()
    }
