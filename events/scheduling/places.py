"""Where one more meeting fits now: self-pick scheduling's question, answered with the board's
rules (availability, nobody double-booked, the caps, a free table or the host's booth), so a
participant picking a slot and the organiser's run never disagree about what is allowed.

Every meeting already placed is passed as locked: it stays where it is and takes its people's
slots, caps and table. Pure Python, no Django."""

from __future__ import annotations

from dataclasses import dataclass

from events.scheduling.board import Board, Prepared
from events.scheduling.types import Problem


@dataclass(frozen=True)
class Place:
    """A free slot for the request, and the table it would take: the host's booth, else the
    first free numbered table in the order of ``Problem.tables``."""

    slot: int
    table: int


def free_places(problem: Problem, request_id: int) -> list[Place]:
    """The slots (in time order) where ``request_id`` fits beside the locked meetings, each
    with its table. Raises ScheduleInputError when the problem contradicts itself."""
    prepared = Prepared(problem)
    if request_id not in prepared.requests:
        raise ValueError(f"unknown request {request_id}")
    board = Board(prepared)
    if request_id in board.placed:
        return []
    booth = prepared.meetings[request_id].booth
    order = [table.id for table in problem.tables]
    places = []
    for slot in prepared.candidates[request_id]:
        if not board.fits(request_id, slot):
            continue
        if booth is not None:
            places.append(Place(slot, booth))
            continue
        pool = set(prepared.pool[slot])
        free = [t for t in order if t in pool and (t, slot) not in board.tables_taken]
        if free:
            places.append(Place(slot, free[0]))
    return places
