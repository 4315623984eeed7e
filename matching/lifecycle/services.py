"""The verbs of the match lifecycle. Every status change goes through
``transitions.change_status()``, which writes one MatchEvent (who, when, note) in the same
transaction; invalid transitions raise ValidationError and write nothing.

    suggested -> mutual (both sides interested) / approved (a coordinator)
    mutual -> approved -> introduced (the introduction email is sent) -> met -> pilot
    -> procurement -> contract; closed (with a reason) from any open stage.
    Any stage before "met" (dismissed and retired too) -> met when both sides of a meeting at
    an event want to follow up (``record_meeting``, called by events' feedback).

Moving forward past a stage (a pilot reported straight after the introduction) records each
stage passed, so the funnel, which counts MatchEvent.to_status, never loses one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from matching.access import BUYER, COMPANY, sides_of
from matching.lifecycle import emails
from matching.lifecycle.introductions import draft_introduction
from matching.lifecycle.models import MatchEvent
from matching.lifecycle.transitions import (
    change_status,
    lock_match,
    require_coordinator,
    sync_match,
)
from matching.models import Match
from needs.models import Need

Status = Match.Status
Interest = Match.Interest
DISMISSED_STATUS = {BUYER: Status.DISMISSED_BY_BUYER, COMPANY: Status.DISMISSED_BY_COMPANY}

# The stages after the introduction, in order: a match only moves forward along them.
PROGRESS = (Status.INTRODUCED, Status.MET, Status.PILOT, Status.PROCUREMENT, Status.CONTRACT)
OPEN = (Status.SUGGESTED, Status.MUTUAL, Status.APPROVED, *PROGRESS[:-1])
# What a coordinator may set by hand (mutual comes from the parties, introduced from sending).
COORDINATOR_TARGETS = (
    Status.APPROVED,
    Status.MET,
    Status.PILOT,
    Status.PROCUREMENT,
    Status.CONTRACT,
    Status.CLOSED,
)
# What the parties may report from the match page.
PARTY_TARGETS = (Status.MET, Status.PILOT)


def _label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


def _invalid(locked: Match, to_status: str):
    raise ValidationError(
        _("A match that is “%(current)s” cannot move to “%(target)s”.")
        % {"current": _label(locked.status), "target": _label(to_status)},
        code="invalid_transition",
    )


def _steps(current: str, to_status: str) -> list[str]:
    """The stages from ``current`` to ``to_status``, or [] when that is not a valid move."""
    if to_status == Status.CLOSED:
        return [Status.CLOSED] if current in OPEN else []
    if to_status == Status.APPROVED:
        return [Status.APPROVED] if current in (Status.SUGGESTED, Status.MUTUAL) else []
    if current in PROGRESS and to_status in PROGRESS:
        start, end = PROGRESS.index(current), PROGRESS.index(to_status)
        if end > start and to_status != Status.INTRODUCED:
            return list(PROGRESS[start + 1 : end + 1])
    return []


def can_report(user, match: Match) -> list[str]:
    """The stages ``user`` may report from the match page (a party of an introduced match)."""
    if not sides_of(user, match):
        return []
    return [s for s in PARTY_TARGETS if _steps(match.status, s)]


# --- Interest ---------------------------------------------------------------------------------


def state_interest(
    match: Match, *, by, interest: str, side: str | None = None, reason: str = ""
) -> Match:
    """One side says "interested" or "not relevant" (optional reason) on a suggestion.

    Not relevant dismisses the match for that side, as dismiss() does, so it is never suggested
    again. Interested keeps it (acted on: a re-run never retires it); when both sides are
    interested the match becomes mutual and the hub's coordinators are told. Saying the same
    thing again changes nothing."""
    sides = sides_of(by, match)
    if side is None and len(sides) == 1:
        side = next(iter(sides))
    if side not in (BUYER, COMPANY) or side not in sides:
        raise PermissionDenied(_("Only the two parties of a match can answer for it."))
    if interest not in (Interest.INTERESTED, Interest.NOT_RELEVANT):
        raise ValidationError(_("Choose “interested” or “not relevant”."), code="interest")
    other = COMPANY if side == BUYER else BUYER
    with transaction.atomic():
        locked = lock_match(match)
        if getattr(locked, f"{side}_interest") == interest:
            return sync_match(match, locked)
        if locked.status != Status.SUGGESTED:
            raise ValidationError(
                _("This match is no longer a suggestion: your answer cannot change."),
                code="not_suggested",
            )
        now = timezone.now()
        setattr(locked, f"{side}_interest", interest)
        setattr(locked, f"{side}_interest_at", now)
        setattr(locked, f"{side}_interest_reason", reason.strip())
        setattr(locked, f"{side}_interest_by", by)
        locked.acted_on, locked.acted_by, locked.acted_at = True, by, now
        fields = [
            f"{side}_interest",
            f"{side}_interest_at",
            f"{side}_interest_reason",
            f"{side}_interest_by",
            "acted_on",
            "acted_by",
            "acted_at",
        ]
        if interest == Interest.NOT_RELEVANT:
            change_status(locked, DISMISSED_STATUS[side], by=by, note=reason.strip(), fields=fields)
        elif getattr(locked, f"{other}_interest") == Interest.INTERESTED:
            event = change_status(locked, Status.MUTUAL, by=by, fields=fields)
            emails.match_mutual(locked, event)
        else:
            locked.save(update_fields=fields)
    return sync_match(match, locked)


# --- Coordinators and parties move the lifecycle ----------------------------------------------


def approve(match: Match, *, by, note: str = "", internal_note: str = "") -> Match:
    """A coordinator approves a suggestion or a mutual match; the introduction is drafted.
    ``note`` is shown to both sides, ``internal_note`` to the coordinators only."""
    require_coordinator(by, match)
    with transaction.atomic():
        locked = lock_match(match)
        if locked.status == Status.APPROVED:
            return sync_match(match, locked)
        if not _steps(locked.status, Status.APPROVED):
            _invalid(locked, Status.APPROVED)
        locked.acted_on, locked.acted_by, locked.acted_at = True, by, timezone.now()
        change_status(
            locked,
            Status.APPROVED,
            by=by,
            note=note,
            internal_note=internal_note,
            fields=["acted_on", "acted_by", "acted_at"],
        )
        draft_introduction(locked)
    return sync_match(match, locked)


def close(match: Match, *, by, reason: str, internal_note: str = "") -> Match:
    """Close an open match with a reason, shown to both sides (a coordinator, or a party
    answering "no go"); a coordinator's ``internal_note`` stays with the coordinators."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a reason for closing the match."), code="reason")
    with transaction.atomic():
        locked = lock_match(match)
        if not _steps(locked.status, Status.CLOSED):
            _invalid(locked, Status.CLOSED)
        locked.closed_reason = reason
        locked.acted_on = True
        change_status(
            locked,
            Status.CLOSED,
            by=by,
            note=reason,
            internal_note=internal_note,
            fields=["closed_reason", "acted_on"],
        )
    return sync_match(match, locked)


def _advance(locked: Match, to_status: str, *, by, note: str, internal_note: str = ""):
    steps = _steps(locked.status, to_status)
    if not steps:
        _invalid(locked, to_status)
    for step in steps:
        change_status(locked, step, by=by, note=note, internal_note=internal_note)


def move(match: Match, *, to: str, by, note: str = "", internal_note: str = "") -> Match:
    """A coordinator moves a match along its lifecycle (the admin's single and bulk actions).
    ``note`` is a message to both sides (the reason, when closing), shown on the match page;
    ``internal_note`` is for the coordinators only. Moving to where it already is changes
    nothing."""
    require_coordinator(by, match)
    if to not in COORDINATOR_TARGETS:
        raise ValidationError(
            _("Coordinators cannot set “%(target)s” by hand.") % {"target": _label(to)},
            code="invalid_target",
        )
    if to == Status.APPROVED:
        return approve(match, by=by, note=note, internal_note=internal_note)
    if to == Status.CLOSED:
        return close(match, by=by, reason=note, internal_note=internal_note)
    with transaction.atomic():
        locked = lock_match(match)
        if locked.status != to:
            _advance(locked, to, by=by, note=note, internal_note=internal_note)
    return sync_match(match, locked)


def report(match: Match, *, by, to: str, note: str = "") -> Match:
    """A party reports "we met" or "pilot started" from the match page (or a follow-up link).
    Reporting a stage the match has already reached changes nothing."""
    if not sides_of(by, match):
        raise PermissionDenied(_("Only the two parties of a match can report on it."))
    if to not in PARTY_TARGETS:
        _invalid(match, to)
    with transaction.atomic():
        locked = lock_match(match)
        reached = locked.status in PROGRESS and PROGRESS.index(locked.status) >= PROGRESS.index(to)
        if not reached:
            _advance(locked, to, by=by, note=note)
    return sync_match(match, locked)


# --- A meeting held outside the matching app (events) ------------------------------------------
# An event's feedback calls these when both sides of a meeting want to follow up (matching never
# imports events). A closed match stays closed: a coordinator closed it with a reason.

MEETING_FROM = (
    Status.SUGGESTED,
    Status.MUTUAL,
    Status.APPROVED,
    Status.INTRODUCED,
    Status.RETIRED,
    *Match.DISMISSED,
)


def ensure_match(need, capability, *, by, score: float = 0.0) -> tuple[Match, bool]:
    """The match of ``need`` and ``capability``, created (suggested, acted on by ``by``) when
    HealthMatch had none; the next scoring run rescores it in place and, acted on, never retires
    it. Returns (match, created); safe when two callers create the same pair at once."""
    return Match.objects.get_or_create(
        need=need,
        capability=capability,
        defaults={
            "hub_id": need.hub_id,
            "score": score,
            "acted_on": True,
            "acted_by": by,
            "acted_at": timezone.now(),
        },
    )


def record_meeting(match: Match, *, by, note: str = "") -> bool:
    """The two sides met and both want to follow up: the match moves to "meeting held" with one
    MatchEvent (the funnel counts the stages before it as passed). True when it moved; False
    when it had already reached "meeting held" or a later stage. A closed match raises
    ValidationError and writes nothing."""
    with transaction.atomic():
        locked = lock_match(match)
        if locked.status in PROGRESS[PROGRESS.index(Status.MET) :]:
            sync_match(match, locked)
            return False
        if locked.status not in MEETING_FROM:
            _invalid(locked, Status.MET)
        locked.acted_on, locked.acted_by, locked.acted_at = True, by, timezone.now()
        change_status(
            locked, Status.MET, by=by, note=note, fields=["acted_on", "acted_by", "acted_at"]
        )
    sync_match(match, locked)
    return True


# --- Lists ------------------------------------------------------------------------------------

IN_PROGRESS = (Status.MUTUAL, Status.APPROVED, *PROGRESS)


def in_progress_for(user, need=None, limit: int = 20):
    """The matches past the suggestion stage that ``user`` is a party of (of one need, if
    given), most recently changed first: the way back to each match page."""
    org_ids = member_org_ids(user)
    if not org_ids:
        return Match.objects.none()
    # The two sides' ids first: a filter across both joins made PostgreSQL join every match in
    # progress (40 ms at 50,000 matches); on ids it reads the two foreign-key indexes.
    need_ids = list(Need.objects.filter(organisation_id__in=org_ids).values_list("pk", flat=True))
    capability_ids = list(
        Capability.objects.filter(company__organisation_id__in=org_ids).values_list("pk", flat=True)
    )
    matches = Match.objects.filter(
        Q(need_id__in=need_ids) | Q(capability_id__in=capability_ids),
        status__in=IN_PROGRESS,
    )
    if need is not None:
        matches = matches.filter(need=need)
    return (
        matches.select_related("need__organisation", "capability__company__organisation")
        .annotate(changed_at=Max("events__created_at"))
        .order_by("-changed_at", "-pk")[:limit]
    )


# --- Dismissing a suggestion -------------------------------------------------------------------
# Either party may dismiss a suggestion for its side. Remembered: the pair is excluded from every
# later run, so it is never suggested again.


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
