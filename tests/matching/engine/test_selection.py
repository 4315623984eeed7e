"""Top-K selection: per row, per group, and the per-column heap merged in buffered steps."""

import numpy as np

from matching.engine import api
from matching.engine.api import Matcher
from matching.engine.selection import ColumnTopK, top_k_groups, top_k_rows
from matching.engine.types import Weights


def test_top_k_rows_skips_excluded_entries():
    scores = np.array([[0.1, -np.inf, 0.9, 0.5], [-np.inf, -np.inf, -np.inf, 0.2]], np.float32)
    rows, cols = top_k_rows(scores, 2)
    assert sorted(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 2), (0, 3), (1, 3)]


def test_top_k_groups_keeps_each_groups_best():
    groups = np.array([3, 1, 3, 3, 1])
    scores = np.array([0.2, 0.5, 0.9, 0.4, 0.1])
    assert sorted(top_k_groups(groups, scores, 2).tolist()) == [1, 2, 3, 4]


def test_column_top_k_matches_a_full_sort_whatever_the_buffer():
    rng = np.random.default_rng(3)
    scores = rng.random((40, 7)).astype(np.float32)
    for buffer in (1, 5, 10_000):
        best = ColumnTopK(7, 3, buffer=buffer)
        for start in range(0, 40, 6):
            best.update(scores[start : start + 6], np.arange(start, min(start + 6, 40)))
        rows, cols = best.pairs()
        for col in range(7):
            expected = set(np.argsort(-scores[:, col])[:3].tolist())
            assert set(rows[cols == col].tolist()) == expected


def test_full_run_capability_side_in_several_lists(monkeypatch):
    from healthmatch.bench.synthetic import generate_world

    world = generate_world(
        8, 30, seed=5, dim=8, topics=4, body_words=(8, 20), vocabulary=(100, 200)
    )
    weights = Weights(threshold=0.0)
    matcher = Matcher(world.needs, world.capabilities, today=world.today)
    whole = [p for c in matcher.all_pairs(weights_for=lambda n: weights, top_k=2) for p in c]
    monkeypatch.setattr(api, "CAPABILITY_SIDE_BATCH", 5)
    chunks = list(matcher.all_pairs(weights_for=lambda n: weights, top_k=2))
    assert len(chunks) > 2
    assert {(p.need_id, p.capability_id, p.score) for c in chunks for p in c} == {
        (p.need_id, p.capability_id, p.score) for p in whole
    }


def test_top_k_rows_on_mostly_tied_rows_fills_with_zeros_never_excluded():
    scores = np.full((3, 1000), -np.inf, dtype=np.float32)
    scores[0, :] = 0.0
    scores[0, [5, 500, 900]] = [0.3, 0.9, 0.1]  # three positive, k=5: two zeros fill up
    scores[1, [7, 8]] = [0.0, 0.4]  # one positive, one zero, the rest excluded
    scores[2, ::10] = np.linspace(0.01, 1.0, 100)  # many positive: the best 5
    rows, cols = top_k_rows(scores, 5)
    picked = {r: set(cols[rows == r]) for r in range(3)}
    assert {5, 500, 900} <= picked[0] and len(picked[0]) == 5
    assert all(scores[0, c] == 0.0 for c in picked[0] - {5, 500, 900})
    assert picked[1] == {7, 8}
    assert picked[2] == {950, 960, 970, 980, 990}
