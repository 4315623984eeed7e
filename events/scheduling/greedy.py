"""Greedy scheduling: each request in turn takes the earliest slot where it fits.

In arrival order this is first-come-first-served, what most event tools do (the benchmark's
reference); in value order it is the solver's fast path and its starting point.
"""

from __future__ import annotations

from events.scheduling.board import Board, Prepared
from events.scheduling.outcome import finish
from events.scheduling.types import Problem, Schedule

ARRIVAL = "arrival"
VALUE = "value"


def place_greedily(board: Board, order: str = ARRIVAL) -> None:
    requests = board.open_requests()
    if order == VALUE:
        values = board.prepared.requests
        # stable: equal values keep their arrival order
        requests.sort(key=lambda r: -values[r].value)
    elif order != ARRIVAL:
        raise ValueError(f"unknown order {order!r}")
    for request in requests:
        slot = board.first_fit(request)
        if slot is not None:
            board.place(request, slot)


def greedy_schedule(problem: Problem, order: str = ARRIVAL) -> Schedule:
    """First-come-first-served (or highest-value-first) schedule; locked meetings stay."""
    board = Board(Prepared(problem))
    place_greedily(board, order)
    return finish(board, method="greedy", bound=None, optimal=False)
