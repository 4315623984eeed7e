"""What the meeting scheduler takes and gives: plain frozen dataclasses, no Django.

Ids are the callers' (database primary keys in production, small integers in tests). A slot is
one meeting's time; slots belong to sessions (a morning, an afternoon) and are ordered by
``order``. Tables are interchangeable within a slot, except a participant's fixed booth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

BUYER = "buyer"
COMPANY = "company"
KINDS = (BUYER, COMPANY)


@dataclass(frozen=True)
class Participant:
    """A person or organisation that meets others. ``available`` holds the slot ids they can
    meet in; ``max_meetings`` caps their meetings over the whole event (None: no cap);
    ``booth`` is the table id of their fixed stand, where all their meetings take place."""

    id: int
    kind: str
    available: frozenset[int]
    max_meetings: int | None = None
    booth: int | None = None


@dataclass(frozen=True)
class Session:
    """A block of slots. ``max_per_participant`` caps one participant's meetings in this
    session, per kind of participant (``{"buyer": 6}``; a kind left out has no cap)."""

    id: int
    max_per_participant: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Slot:
    id: int
    session: int
    order: int


@dataclass(frozen=True)
class Table:
    """A numbered table; ``sessions`` are the sessions it is set up in (None: all of them).
    A table named as a participant's booth serves that participant only."""

    id: int
    sessions: frozenset[int] | None = None


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between participants ``a`` and ``b``, worth ``value``
    (a positive integer: see ``values.meeting_value``). Requests are listed in the order they
    arrived, which is the order first-come-first-served scheduling follows."""

    id: int
    a: int
    b: int
    value: int


@dataclass(frozen=True)
class LockedMeeting:
    """A confirmed meeting that a re-run keeps exactly where it is, until the organiser
    unlocks it (by leaving it out of ``Problem.locked``)."""

    request: int
    slot: int
    table: int


@dataclass(frozen=True)
class Problem:
    participants: tuple[Participant, ...]
    sessions: tuple[Session, ...]
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    requests: tuple[Request, ...]
    locked: tuple[LockedMeeting, ...] = ()


@dataclass(frozen=True)
class Assignment:
    request: int
    slot: int
    table: int
    locked: bool = False


@dataclass(frozen=True)
class Unscheduled:
    """A request left out. ``code`` is one of ``reasons.CODES``; ``message`` is an English
    sentence with named placeholders, marked for translation, filled from ``params``."""

    request: int
    code: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return self.message % dict(self.params)


@dataclass(frozen=True)
class Schedule:
    """The scheduler's answer. ``value`` counts every scheduled meeting, locked ones included;
    ``bound`` is the best value any schedule could reach, as proved by the solver (equal to
    ``value`` when ``optimal``; None when nothing was proved, as for the greedy). ``method``
    says which path produced it: ``"fast"`` (everything schedulable fitted, no solver
    needed), ``"solver"``, or ``"greedy"`` (the solver found nothing better in its time)."""

    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...]
    value: int
    bound: int | None
    optimal: bool
    method: str
