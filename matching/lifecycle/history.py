"""A match's history as its page tells it: the status changes (MatchEvent rows) and the two
parties' answers ("interested", "not relevant": who, for which side, when), in time order.

An answer that does not move the match (the first "interested") is no status change, so it has
no MatchEvent; it lives on the match (``<side>_interest``, ``_at``, ``_by``, ``_reason``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from matching.access import BUYER, COMPANY
from matching.models import Match


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    what: str
    who: str = ""  # the person
    party: str = ""  # the side's organisation, for an answer
    note: str = ""


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def answers(match: Match) -> list[HistoryEntry]:
    entries = []
    for side, organisation in (
        (BUYER, match.need.organisation.name),
        (COMPANY, match.capability.company.organisation.name),
    ):
        interest, at = getattr(match, f"{side}_interest"), getattr(match, f"{side}_interest_at")
        if not interest or at is None:
            continue
        answer = Match.Interest(interest).label
        entries.append(
            HistoryEntry(
                at=at,
                what=_("Answered “%(answer)s”") % {"answer": answer},
                who=_name(getattr(match, f"{side}_interest_by")),
                party=organisation,
                # "Not relevant" dismisses the match: its reason is the dismissal's note.
                note=getattr(match, f"{side}_interest_reason")
                if interest == Match.Interest.INTERESTED
                else "",
            )
        )
    return entries


def match_history(match: Match) -> list[HistoryEntry]:
    """Every step of ``match``, oldest first; an answer before the change it caused."""
    steps = [(entry.at, 0, 0, entry) for entry in answers(match)]
    # The parties' page: coordinators' internal notes are never loaded for it.
    events = match.events.select_related("actor").defer("internal_note")
    for event in events.order_by("created_at", "pk"):
        entry = HistoryEntry(
            at=event.created_at,
            what=event.get_to_status_display(),
            who=_name(event.actor),
            note=event.note,
        )
        steps.append((event.created_at, 1, event.pk, entry))
    return [entry for *_key, entry in sorted(steps, key=lambda step: step[:3])]
