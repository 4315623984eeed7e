"""The verbs of a match itself: who may see it, which side of it a person is on, and dismissing
a suggestion. The sub-domains' verbs are in their own packages (matching.runs,
matching.lifecycle, matching.notify, matching.bids).

Dismissing a suggestion: the buyer side (members of the organisation that owns the need) or
the company side (members of the company whose capability it is). Remembered: the pair is
excluded from every later run, so it is never suggested again."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from healthmatch.accounts.access import member_org_ids
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from needs.services import is_coordinator

BUYER = "buyer"
COMPANY = "company"
DISMISSED_STATUS = {
    BUYER: Match.Status.DISMISSED_BY_BUYER,
    COMPANY: Match.Status.DISMISSED_BY_COMPANY,
}


def sides_of(user, match: Match) -> set[str]:
    """The sides of the match ``user`` stands on (a person may belong to both)."""
    orgs = set(member_org_ids(user))
    sides = set()
    if match.need.organisation_id in orgs:
        sides.add(BUYER)
    if match.capability.company.organisation_id in orgs:
        sides.add(COMPANY)
    return sides


def match_visible_to(user, match: Match) -> bool:
    """Either side's members, and the coordinators of the need's hub."""
    return bool(sides_of(user, match)) or is_coordinator(user, match.need)


def can_dismiss(user, match: Match, side: str | None = None) -> bool:
    if match.status != Match.Status.SUGGESTED:
        return False
    sides = sides_of(user, match)
    return side in sides if side else bool(sides)


def dismiss(match: Match, *, by, side: str | None = None) -> Match:
    """Dismiss a suggestion for ``side`` ("buyer" or "company"; may be left out when the user
    stands on one side only). Dismissing again changes nothing."""
    sides = sides_of(by, match)
    if side is None and len(sides) == 1:
        side = next(iter(sides))
    if side not in DISMISSED_STATUS or side not in sides:
        raise PermissionDenied(_("Only the two parties of a match can dismiss it."))
    with transaction.atomic():
        locked = Match.objects.select_for_update().get(pk=match.pk)
        if locked.status in Match.DISMISSED:
            return locked
        if locked.status != Match.Status.SUGGESTED:
            raise ValidationError(
                _("This match is no longer a suggestion and cannot be dismissed."),
                code="not_suggested",
            )
        MatchEvent.objects.create(
            match=locked, from_status=locked.status, to_status=DISMISSED_STATUS[side], actor=by
        )
        locked.status = DISMISSED_STATUS[side]
        locked.acted_on = True
        locked.acted_by = by
        locked.acted_at = timezone.now()
        locked.save(update_fields=["status", "acted_on", "acted_by", "acted_at"])
    match.status, match.acted_on = locked.status, True
    match.acted_by, match.acted_at = locked.acted_by, locked.acted_at
    return match
