"""The follow-up: ``MATCH_FOLLOW_UP_DAYS`` after an introduction both sides are asked how it
went, with one signed link per answer (met / pilot started / no go). The beat task calls
``send_due_follow_ups()``; each match is claimed with a conditional UPDATE, so it is asked once
even when the task runs twice or at the same time. Opening a link (GET) only asks to confirm;
the POST moves the lifecycle."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from healthmatch.page_cache.versions import bump_site
from matching.lifecycle import emails, services
from matching.models import Match

log = logging.getLogger(__name__)

Status = Match.Status
SALT = "matching.lifecycle.follow_up"
MET, PILOT, NO_GO = "met", "pilot", "no_go"
ANSWERS = (MET, PILOT, NO_GO)
# Asked only while nothing later has been reported.
ASKED_WHILE = (Status.INTRODUCED, Status.MET)


def make_token(match: Match, user, answer: str) -> str:
    return signing.dumps({"m": match.pk, "u": user.pk, "a": answer}, salt=SALT, compress=True)


def read_token(token: str) -> dict | None:
    """{"m": match id, "u": user id, "a": answer} or None for a bad or expired token."""
    max_age = settings.MATCH_FOLLOW_UP_LINK_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") not in ANSWERS:
        return None
    return data


def links_for(match: Match):
    def links(user) -> dict:
        return {
            answer: settings.SITE_URL
            + reverse("lifecycle:follow_up", args=[make_token(match, user, answer)])
            for answer in ANSWERS
        }

    return links


def due(now=None):
    now = now or timezone.now()
    return Match.objects.filter(
        status__in=ASKED_WHILE,
        follow_up_due_at__lte=now,
        follow_up_sent_at__isnull=True,
    ).order_by("follow_up_due_at", "pk")


def send_due_follow_ups(now=None, limit: int = 500) -> int:
    """Ask both sides of every due match how it went. Returns the number of matches asked."""
    now = now or timezone.now()
    asked = 0
    for pk in list(due(now).values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            claimed = Match.objects.filter(
                pk=pk, follow_up_sent_at__isnull=True, status__in=ASKED_WHILE
            ).update(follow_up_sent_at=now)
            if not claimed:
                continue  # another run got it first
            bump_site()  # an update(): no signal
            match = Match.objects.select_related(
                "need__organisation", "capability__company__organisation", "hub"
            ).get(pk=pk)
            emails.follow_up(match, links_for(match))
            asked += 1
    return asked


def answer(match: Match, *, user, answer: str) -> Match:
    """Apply a follow-up answer: met and pilot move the match forward (never back), no go
    closes it. Answering what the match has already reached changes nothing."""
    if answer == NO_GO:
        if match.status == Status.CLOSED:
            return match
        return services.close(match, by=user, reason=_("No go (answer to the follow-up)."))
    target = Status.MET if answer == MET else Status.PILOT
    return services.report(match, by=user, to=target, note=_("Answer to the follow-up."))
