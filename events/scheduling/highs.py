"""The model solved as a mixed-integer programme by HiGHS (``highspy``).

Chosen over OR-Tools CP-SAT after measuring both on the benchmark's event (docs/decisions.md,
"The meeting scheduler"): the model is a packing problem whose linear relaxation is nearly
tight, which branch-and-cut proves optimal in seconds where CP-SAT's search stalls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np

from events.scheduling.model import Model


@dataclass(frozen=True)
class Solution:
    chosen: list[int]  # indexes of the variables set to 1
    value: int
    bound: int | None  # no schedule of this model is worth more (None: not proved yet)
    optimal: bool


def solve(
    model: Model,
    *,
    hint: set[int] | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    threads: int = 2,
    presolve: bool = False,
) -> Solution | None:
    """Maximise the model's value within ``time_limit`` seconds, starting from ``hint`` (a
    feasible set of variable indexes). None when no solution was found in time. ``presolve``
    (HiGHS's default, off here) is for the benchmark's reference, a second way to the optimum."""
    n, m = len(model.variables), len(model.rows)
    highs = highspy.Highs()
    for option, value in (
        ("output_flag", False),
        ("log_to_console", False),
        ("time_limit", float(time_limit)),
        ("random_seed", int(seed)),
        ("threads", int(threads)),
        # Presolve finds little to remove in this model (all-ones rows) and, on big events,
        # ignores the time limit: 12 s of presolve on 1,000 people and 5,000 requests, which
        # solve to the optimum in 2 s without it (docs/decisions.md, "The meeting scheduler").
        ("presolve", "on" if presolve else "off"),
        # values are integers: a gap below 1 is a proof of optimality
        ("mip_abs_gap", 0.99),
        ("mip_rel_gap", 0.0),
    ):
        highs.setOptionValue(option, value)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.asarray(model.values, dtype=float)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.full(m, -highspy.kHighsInf)
    lp.row_upper_ = np.asarray([bound for _, bound in model.rows], dtype=float)
    lengths = [len(indexes) for indexes, _ in model.rows]
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kRowwise
    matrix.num_col_, matrix.num_row_ = n, m
    matrix.start_ = np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))).astype(np.int32)
    matrix.index_ = np.fromiter(
        (i for indexes, _ in model.rows for i in indexes), dtype=np.int32, count=sum(lengths)
    )
    matrix.value_ = np.ones(sum(lengths))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    highs.passModel(lp)
    if hint:
        start = highspy.HighsSolution()
        start.col_value = [1.0 if i in hint else 0.0 for i in range(n)]
        start.value_valid = True
        highs.setSolution(start)
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return None
    values = highs.getSolution().col_value
    chosen = [i for i in range(n) if values[i] > 0.5]
    value = sum(model.values[i] for i in chosen)
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = value if optimal else None
    if not optimal and math.isfinite(info.mip_dual_bound):
        bound = max(value, math.floor(info.mip_dual_bound + 1e-6))
    return Solution(chosen, value, bound, optimal)
