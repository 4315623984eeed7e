"""From a filled board to the answer: tables numbered, and a reason for every request left out.

Reasons are English sentences marked for translation with ``gettext_noop`` (this module may
not import Django; ``makemessages`` finds the keyword all the same). A page translates
``Unscheduled.message`` with ``gettext`` and fills it from ``Unscheduled.params``.
"""

from __future__ import annotations

from events.scheduling.board import (
    BUSY,
    EVENT_CAP,
    NO_TABLE,
    SESSION_CAP,
    Board,
    group_by_slot,
)
from events.scheduling.types import Assignment, Schedule, Unscheduled


def gettext_noop(message: str) -> str:
    return message


NO_COMMON_SLOT = "no_common_slot"
BOOTH_CLOSED = "booth_closed"
CAP_REACHED = "cap_reached"
SESSION_CAP_REACHED = "session_cap"
NO_TABLE_FREE = "no_table"
NO_COMMON_FREE_SLOT = "no_common_free_slot"

MESSAGES = {
    NO_COMMON_SLOT: gettext_noop(
        "Participants %(a)s and %(b)s are never available at the same time."
    ),
    BOOTH_CLOSED: gettext_noop(
        "The booth of participant %(host)s is not set up when both participants are available."
    ),
    CAP_REACHED: gettext_noop(
        "Participant %(participant)s already has %(limit)s meetings, their limit for the event."
    ),
    SESSION_CAP_REACHED: gettext_noop(
        "Whenever both participants are free, one of them has reached their limit of meetings "
        "for that session."
    ),
    NO_TABLE_FREE: gettext_noop(
        "In %(slots)s of the slots where both participants are free, every table is taken."
    ),
    NO_COMMON_FREE_SLOT: gettext_noop(
        "Every slot in which both participants are available is taken by another meeting of "
        "one of them."
    ),
}
CODES = tuple(MESSAGES)


def explain(board: Board, request_id: int) -> Unscheduled:
    """Why a request is not on the board. Only meaningful on a board where nothing more fits
    (every path fills it last)."""
    prepared = board.prepared
    request = prepared.requests[request_id]
    a, b = prepared.participants[request.a], prepared.participants[request.b]
    candidates = prepared.candidates[request_id]

    def unscheduled(code: str, **params) -> Unscheduled:
        return Unscheduled(request_id, code, MESSAGES[code], params)

    if not candidates:
        booth = prepared.meetings[request_id].booth
        if booth is not None and a.available & b.available:
            host = a.id if a.booth == booth else b.id
            return unscheduled(BOOTH_CLOSED, host=host)
        return unscheduled(NO_COMMON_SLOT, a=a.id, b=b.id)
    for person in (a, b):
        if person.max_meetings is not None and board.count[person.id] >= person.max_meetings:
            return unscheduled(CAP_REACHED, participant=person.id, limit=person.max_meetings)
    blocked = [set(board.blockers(request_id, slot)) for slot in candidates]
    if any(not found for found in blocked):
        raise RuntimeError(f"request {request_id} fits a free slot but was left out")
    table_only = sum(1 for found in blocked if found == {NO_TABLE})
    if table_only:
        return unscheduled(NO_TABLE_FREE, slots=table_only)
    if any(SESSION_CAP in found and BUSY not in found for found in blocked):
        return unscheduled(SESSION_CAP_REACHED)
    assert all(BUSY in found or EVENT_CAP in found for found in blocked)
    return unscheduled(NO_COMMON_FREE_SLOT)


def number_tables(board: Board) -> list[Assignment]:
    """Locked meetings keep their table, booth meetings get the booth, and the others take the
    free numbered tables of their slot in table order (by request id)."""
    prepared = board.prepared
    assignments = [
        Assignment(lock.request, lock.slot, lock.table, locked=True)
        for lock in prepared.locked.values()
    ]
    for slot, requests in group_by_slot(board.placed).items():
        taken = {lock.table for lock in prepared.locked.values() if lock.slot == slot}
        free = iter(t for t in prepared.pool[slot] if t not in taken)
        for request in sorted(requests):
            if request in prepared.locked:
                continue
            booth = prepared.meetings[request].booth
            assignments.append(
                Assignment(request, slot, booth if booth is not None else next(free))
            )
    order = {slot: i for i, slot in enumerate(prepared.slot_order)}
    assignments.sort(key=lambda x: (order[x.slot], x.table, x.request))
    return assignments


def fill(board: Board) -> None:
    """Place whatever still fits, highest value first: a finished schedule leaves no request
    out that a free slot could take."""
    requests = board.prepared.requests
    for request in sorted(board.open_requests(), key=lambda r: -requests[r].value):
        slot = board.first_fit(request)
        if slot is not None:
            board.place(request, slot)


def finish(board: Board, *, method: str, bound: int | None, optimal: bool) -> Schedule:
    """Fill the board, number the tables, explain the left-out. ``bound``: the best value any
    schedule could reach, when known."""
    fill(board)
    unscheduled = tuple(explain(board, r) for r in board.open_requests())
    value = board.value
    return Schedule(
        assignments=tuple(number_tables(board)),
        unscheduled=unscheduled,
        value=value,
        bound=value if optimal else bound,
        optimal=optimal,
        method=method,
    )
