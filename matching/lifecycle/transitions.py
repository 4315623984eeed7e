"""The steps every change of a match's lifecycle takes, shared by the lifecycle's verbs
(matching.lifecycle.services) and the introduction (matching.lifecycle.introductions): lock the
match, change its status with one MatchEvent, copy the result back onto the caller's object."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from matching.lifecycle.models import MatchEvent
from matching.models import Match
from matching.signals import match_status_changed
from needs.services import is_coordinator


def require_coordinator(user, match: Match):
    if not is_coordinator(user, match.need):
        raise PermissionDenied(_("Only the coordinators of the match's hub can do this."))


def lock_match(match: Match) -> Match:
    return Match.objects.select_for_update().select_related("need", "hub").get(pk=match.pk)


def sync_match(target: Match, locked: Match) -> Match:
    """Copy the saved state onto the caller's object (it may be shown right after)."""
    for field in locked._meta.concrete_fields:
        setattr(target, field.attname, getattr(locked, field.attname))
    return target


def change_status(
    locked: Match, to_status: str, *, by, note: str = "", internal_note: str = "", fields=()
) -> MatchEvent:
    """Set the status, save it with ``fields``, write the MatchEvent and send
    ``match_status_changed`` (listeners: matching.webhooks.match_status_changed). ``note`` is
    shown to both sides; ``internal_note`` to the coordinators only."""
    from_status = locked.status
    event = MatchEvent.objects.create(
        match=locked,
        from_status=from_status,
        to_status=to_status,
        actor=by,
        note=note.strip(),
        internal_note=internal_note.strip(),
    )
    locked.status = to_status
    locked.save(update_fields=["status", *fields])
    match_status_changed.send(
        sender=Match, match=locked, from_status=from_status, to_status=to_status, actor=by
    )
    return event
