"""The scheduling state both the greedy and the solver use: the checked problem, which slots
each request could ever take, and a board that places meetings and says what blocks a slot."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from events.scheduling.types import BUYER, KINDS, Participant, Problem, Request


class ScheduleInputError(ValueError):
    """The problem contradicts itself (unknown ids, a request with oneself, locked meetings
    that collide): the organiser must fix the data, the scheduler cannot choose."""


# What can stop a meeting from taking a slot, in the order the board checks them.
BUSY = "busy"  # one of the two already meets someone else then
EVENT_CAP = "event_cap"  # one of the two has all the meetings they may have
SESSION_CAP = "session_cap"  # one of the two has all their meetings for this session
NO_TABLE = "no_table"  # every table (or the booth) is taken then


@dataclass(frozen=True)
class Meeting:
    """A request as the board sees it: its two participants and where it would take place
    (``booth``: the host's table id, or None for any free numbered table)."""

    request: Request
    booth: int | None


class Prepared:
    """The problem, checked and indexed. ``candidates[r]`` lists the slots (in time order)
    where request r could take place if nothing else were scheduled: both available and, for
    a booth meeting, the booth set up in that session."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.participants = _unique(problem.participants, "participant")
        self.sessions = _unique(problem.sessions, "session")
        slots = _unique(problem.slots, "slot")
        self.tables = _unique(problem.tables, "table")
        self.slot_order = sorted(slots, key=lambda s: (slots[s].order, s))
        self.session_of = {s.id: s.session for s in problem.slots}
        for slot in problem.slots:
            if slot.session not in self.sessions:
                raise ScheduleInputError(f"slot {slot.id}: unknown session {slot.session}")
        booths = set()
        for person in problem.participants:
            if person.kind not in KINDS:
                raise ScheduleInputError(f"participant {person.id}: unknown kind {person.kind}")
            if person.booth is not None:
                if person.booth not in self.tables:
                    raise ScheduleInputError(f"participant {person.id}: unknown booth")
                booths.add(person.booth)
            if person.max_meetings is not None and person.max_meetings < 0:
                raise ScheduleInputError(f"participant {person.id}: negative max_meetings")
            if not person.available <= slots.keys():
                raise ScheduleInputError(f"participant {person.id}: unknown available slot")
        self.booths = booths
        # numbered tables set up in each slot, booths excluded
        self.pool = {
            s: sorted(
                t.id
                for t in problem.tables
                if t.id not in booths and (t.sessions is None or self.session_of[s] in t.sessions)
            )
            for s in self.slot_order
        }
        self.requests = _unique(problem.requests, "request")
        self.meetings = {}
        for request in problem.requests:
            if request.a == request.b:
                raise ScheduleInputError(f"request {request.id}: a participant meets itself")
            if request.a not in self.participants or request.b not in self.participants:
                raise ScheduleInputError(f"request {request.id}: unknown participant")
            if not isinstance(request.value, int) or request.value < 1:
                raise ScheduleInputError(f"request {request.id}: value must be an integer >= 1")
            self.meetings[request.id] = Meeting(request, self.host_booth(request))
        self.locked = {}
        for lock in problem.locked:
            if lock.request not in self.requests:
                raise ScheduleInputError(f"locked meeting: unknown request {lock.request}")
            if lock.slot not in slots or lock.table not in self.tables:
                raise ScheduleInputError(f"locked request {lock.request}: unknown slot or table")
            if lock.request in self.locked:
                raise ScheduleInputError(f"request {lock.request} is locked twice")
            self.locked[lock.request] = lock
        self.candidates = {r: self._possible_slots(r) for r in self.requests}

    def host_booth(self, request: Request) -> int | None:
        """Where a booth meeting takes place: the booth of the one who has one; when both have,
        the buyer's (hospitals host), and between two of a kind, ``a``'s."""
        a, b = self.participants[request.a], self.participants[request.b]
        if a.booth is None or b.booth is None:
            return a.booth if a.booth is not None else b.booth
        if a.kind != b.kind and b.kind == BUYER:
            return b.booth
        return a.booth

    def table_open(self, table: int, slot: int) -> bool:
        sessions = self.tables[table].sessions
        return sessions is None or self.session_of[slot] in sessions

    def _possible_slots(self, request_id: int) -> list[int]:
        meeting = self.meetings[request_id]
        a = self.participants[meeting.request.a]
        b = self.participants[meeting.request.b]
        common = a.available & b.available
        return [
            s
            for s in self.slot_order
            if s in common and (meeting.booth is None or self.table_open(meeting.booth, s))
        ]

    def cap(self, person: Participant, slot: int) -> int | None:
        return self.sessions[self.session_of[slot]].max_per_participant.get(person.kind)


class Board:
    """Meetings placed so far, with the counts every rule needs. Locked meetings are placed
    first, exactly where they are; a lock that collides with another raises."""

    def __init__(self, prepared: Prepared):
        self.prepared = prepared
        self.placed: dict[int, int] = {}  # request -> slot
        self.busy: set[tuple[int, int]] = set()  # (participant, slot)
        self.count: Counter[int] = Counter()  # participant -> meetings
        self.session_count: Counter[tuple[int, int]] = Counter()  # (participant, session)
        self.pool_used: Counter[int] = Counter()  # slot -> numbered tables taken
        self.tables_taken: set[tuple[int, int]] = set()  # (table, slot) of locks and booths
        self.value = 0
        for lock in prepared.locked.values():
            self._place_locked(lock)

    def _place_locked(self, lock) -> None:
        request = self.prepared.requests[lock.request]
        for person in (request.a, request.b):
            if (person, lock.slot) in self.busy:
                raise ScheduleInputError(
                    f"locked meetings double-book participant {person} in slot {lock.slot}"
                )
        if (lock.table, lock.slot) in self.tables_taken:
            raise ScheduleInputError(f"two locked meetings at table {lock.table}, {lock.slot}")
        self.tables_taken.add((lock.table, lock.slot))
        if lock.table not in self.prepared.booths:
            self.pool_used[lock.slot] += 1
        self._count(request, lock.slot)

    def _count(self, request: Request, slot: int) -> None:
        session = self.prepared.session_of[slot]
        for person in (request.a, request.b):
            self.busy.add((person, slot))
            self.count[person] += 1
            self.session_count[person, session] += 1
        self.placed[request.id] = slot
        self.value += request.value

    def blockers(self, request_id: int, slot: int) -> list[str]:
        """What stops the request from taking this slot now (empty: it fits)."""
        prepared = self.prepared
        meeting = prepared.meetings[request_id]
        session = prepared.session_of[slot]
        found = []
        people = [prepared.participants[p] for p in (meeting.request.a, meeting.request.b)]
        if any((p.id, slot) in self.busy for p in people):
            found.append(BUSY)
        if any(p.max_meetings is not None and self.count[p.id] >= p.max_meetings for p in people):
            found.append(EVENT_CAP)
        for p in people:
            cap = prepared.cap(p, slot)
            if cap is not None and self.session_count[p.id, session] >= cap:
                found.append(SESSION_CAP)
                break
        if meeting.booth is not None:
            if (meeting.booth, slot) in self.tables_taken:
                found.append(NO_TABLE)
        elif self.pool_used[slot] >= len(prepared.pool[slot]):
            found.append(NO_TABLE)
        return found

    def fits(self, request_id: int, slot: int) -> bool:
        return not self.blockers(request_id, slot)

    def place(self, request_id: int, slot: int) -> None:
        meeting = self.prepared.meetings[request_id]
        if meeting.booth is not None:
            self.tables_taken.add((meeting.booth, slot))
        else:
            self.pool_used[slot] += 1
        self._count(meeting.request, slot)

    def first_fit(self, request_id: int) -> int | None:
        for slot in self.prepared.candidates[request_id]:
            if self.fits(request_id, slot):
                return slot
        return None

    def open_requests(self) -> list[int]:
        """Requests not placed yet, in arrival order."""
        return [r.id for r in self.prepared.problem.requests if r.id not in self.placed]


def _unique(items, what: str) -> dict:
    indexed = {}
    for item in items:
        if item.id in indexed:
            raise ScheduleInputError(f"duplicate {what} id {item.id}")
        indexed[item.id] = item
    return indexed


def group_by_slot(placed: dict[int, int]) -> dict[int, list[int]]:
    by_slot = defaultdict(list)
    for request, slot in placed.items():
        by_slot[slot].append(request)
    return by_slot
