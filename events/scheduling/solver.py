"""The production scheduler: the best total value, locked meetings kept where they are.

1. Locked meetings go on the board first, exactly where they are.
2. Fast path: the highest-value-first greedy. When it places every request that could take
   any slot at all, nothing can do better and no solver runs (most small events end here).
3. Otherwise HiGHS solves the slot model (``model.py``) within the time limit, starting from
   the greedy's schedule, so the answer is never worse than it.
4. Whatever still fits goes in, tables are numbered, and every request left out gets a reason.

Deterministic for a given problem and seed whenever the solver finishes within its limit
(a proved optimum); a run stopped by the time limit may differ with the machine's speed.
"""

from __future__ import annotations

from events.scheduling import highs
from events.scheduling.board import Board, Prepared
from events.scheduling.greedy import VALUE, place_greedily
from events.scheduling.model import build_model
from events.scheduling.outcome import finish
from events.scheduling.types import Problem, Schedule

DEFAULT_TIME_LIMIT = 10.0


def schedule(
    problem: Problem,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    threads: int = 2,
) -> Schedule:
    prepared = Prepared(problem)
    board = Board(prepared)
    model = build_model(board)
    ceiling = board.value + model.upper_bound()

    greedy = Board(prepared)
    place_greedily(greedy, VALUE)
    if greedy.value == ceiling:
        return finish(greedy, method="fast", bound=ceiling, optimal=True)

    hint = model.indexes(greedy.placed)
    solution = highs.solve(model, hint=hint, time_limit=time_limit, seed=seed, threads=threads)
    proved = ceiling
    if solution is not None and solution.bound is not None:
        proved = min(ceiling, board.value + solution.bound)
    if solution is None or board.value + solution.value <= greedy.value:
        optimal = proved == greedy.value
        return finish(greedy, method="greedy", bound=proved, optimal=optimal)
    for i in solution.chosen:
        request, slot = model.variables[i]
        if not board.fits(request, slot):
            raise RuntimeError(f"the solver broke a rule placing request {request}")
        board.place(request, slot)
    return finish(
        board,
        method="solver",
        bound=proved,
        optimal=solution.optimal,
    )
