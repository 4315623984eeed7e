"""The meeting scheduler's benchmark (``manage.py event_bench``): one generated event, three
schedules of it, and a re-run after late requests.

- the production scheduler (``events.scheduling.schedule``) with its time limit;
- first-come-first-served, what most event tools do (``greedy_schedule``, arrival order);
- the reference optimum: the same slot model solved by HiGHS from scratch, with its default
  settings (presolve on, no greedy start) and a generous time limit: its proved optimum, or
  else its proved bound;
- then every meeting of the production schedule is locked, late requests arrive, and the
  scheduler runs again: no locked meeting may move.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace

from events.scheduling import LockedMeeting, Problem, Schedule, greedy_schedule, schedule
from events.scheduling.board import Board, Prepared
from events.scheduling.highs import solve
from events.scheduling.model import build_model
from events.scheduling.values import MUST_MEET_BONUS
from healthmatch.bench.events_generator import generate_event, late_requests

REFERENCE_TIME_LIMIT = 300.0
LATE_REQUESTS = 50


def run(
    *,
    participants: int,
    requests: int,
    tables: int,
    slots: int,
    seed: int = 0,
    time_limit: float = 10.0,
    reference_time_limit: float = REFERENCE_TIME_LIMIT,
    late: int = LATE_REQUESTS,
    say: Callable[[str], None] = print,
) -> dict:
    problem = generate_event(participants, requests, tables, slots, seed=seed)
    must_meets = sum(1 for r in problem.requests if r.value > MUST_MEET_BONUS)
    say(
        f"event: {participants} participants, {len(problem.requests)} requests "
        f"({must_meets} must-meets), {tables} tables + "
        f"{sum(1 for p in problem.participants if p.booth is not None)} booths, {slots} slots; "
        f"seed {seed}; {os.cpu_count()} cores"
    )

    started = time.perf_counter()
    greedy = greedy_schedule(problem)
    greedy_seconds = time.perf_counter() - started
    say(_line("first-come-first-served", greedy, greedy_seconds, problem))

    started = time.perf_counter()
    result = schedule(problem, time_limit=time_limit, seed=seed)
    seconds = time.perf_counter() - started
    say(_line(f"scheduler ({result.method})", result, seconds, problem))

    started = time.perf_counter()
    model = build_model(Board(Prepared(problem)))
    reference = solve(model, time_limit=reference_time_limit, seed=seed, presolve=True)
    reference_seconds = time.perf_counter() - started
    reference_value = reference.value if reference else 0
    # the best proved bound of either run; the optimum when a schedule reaches it
    bounds = [b for b in (reference.bound if reference else None, result.bound) if b is not None]
    best_known = max(reference_value, result.value)
    proved = bool(bounds) and min(bounds) == best_known
    target = best_known if proved or not bounds else min(bounds)
    say(
        f"reference (HiGHS from scratch with presolve, limit {reference_time_limit:g} s): "
        + (f"value {reference_value}" if reference else "no solution")
        + (f", optimum {target}" if proved else f", bound {target}")
        + f" in {reference_seconds:.2f} s"
    )

    rerun = _late_rerun(problem, result, late=late, time_limit=time_limit, seed=seed)
    say(
        f"re-run after {rerun['late_requests']} late requests: {rerun['late_scheduled']} of "
        f"them scheduled, locked meetings moved: {rerun['moved_locked']}, "
        f"{rerun['rerun_seconds']:.2f} s"
    )
    ratio = result.value / target if target else 1.0
    say(
        f"scheduler at {ratio:.2%} of the {'optimum' if proved else 'bound'}, "
        f"{result.value / greedy.value if greedy.value else float('inf'):.2f}x "
        f"first-come-first-served's value"
    )
    figures = {
        "participants": participants,
        "requests": len(problem.requests),
        "tables": tables,
        "slots": slots,
        "seed": seed,
        "time_limit": time_limit,
        "method": result.method,
        "scheduled": len(result.assignments),
        "value": result.value,
        "must_meets_scheduled": _must_meets(result, problem),
        "seconds": round(seconds, 3),
        "proved_optimal": result.optimal,
        "greedy_scheduled": len(greedy.assignments),
        "greedy_value": greedy.value,
        "greedy_must_meets_scheduled": _must_meets(greedy, problem),
        "greedy_seconds": round(greedy_seconds, 3),
        "reference_seconds": round(reference_seconds, 3),
        "reference_optimal": bool(reference and reference.optimal),
        "ratio_to_optimum": round(ratio, 5),
        "ratio_to_greedy": round(result.value / greedy.value, 4) if greedy.value else None,
        **rerun,
    }
    if proved:
        figures["optimal_value"] = target
    else:
        figures["bound"] = target
        figures["reference_value"] = reference_value
    return figures


def _late_rerun(
    problem: Problem, first: Schedule, *, late: int, time_limit: float, seed: int
) -> dict:
    """Lock every meeting of ``first``, add late requests, schedule again."""
    locked = tuple(LockedMeeting(a.request, a.slot, a.table) for a in first.assignments)
    added = late_requests(problem, late, seed=seed)
    again = replace(problem, requests=problem.requests + added, locked=locked)
    started = time.perf_counter()
    second = schedule(again, time_limit=time_limit, seed=seed)
    seconds = time.perf_counter() - started
    where = {a.request: (a.slot, a.table) for a in second.assignments}
    moved = sum(1 for lock in locked if where.get(lock.request) != (lock.slot, lock.table))
    new_ids = {r.id for r in added}
    return {
        "late_requests": len(added),
        "late_scheduled": sum(1 for a in second.assignments if a.request in new_ids),
        "moved_locked": moved,
        "rerun_value": second.value,
        "rerun_seconds": round(seconds, 3),
    }


def _must_meets(result: Schedule, problem: Problem) -> int:
    values = {r.id: r.value for r in problem.requests}
    return sum(1 for a in result.assignments if values[a.request] > MUST_MEET_BONUS)


def _line(name: str, result: Schedule, seconds: float, problem: Problem) -> str:
    return (
        f"{name}: {len(result.assignments)} meetings "
        f"({_must_meets(result, problem)} must-meets), value {result.value}, {seconds:.2f} s"
    )
