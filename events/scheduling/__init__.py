"""The meeting scheduler of matchmaking days: pure Python, no Django (an import-linter
contract). ``schedule(problem)`` gives the best schedule it can prove or find in its time
limit; ``greedy_schedule(problem)`` is first-come-first-served, the reference it beats.
See docs/decisions.md, "The meeting scheduler"."""

from events.scheduling.board import ScheduleInputError
from events.scheduling.greedy import greedy_schedule
from events.scheduling.outcome import CODES
from events.scheduling.places import Place, free_places
from events.scheduling.solver import schedule
from events.scheduling.types import (
    BUYER,
    COMPANY,
    Assignment,
    LockedMeeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Session,
    Slot,
    Table,
    Unscheduled,
)
from events.scheduling.values import meeting_value

__all__ = [
    "BUYER",
    "CODES",
    "COMPANY",
    "Assignment",
    "LockedMeeting",
    "Participant",
    "Place",
    "Problem",
    "Request",
    "Schedule",
    "ScheduleInputError",
    "Session",
    "Slot",
    "Table",
    "Unscheduled",
    "free_places",
    "greedy_schedule",
    "meeting_value",
    "schedule",
]
