"""Scoring blocks of pairs, possibly on several threads (numpy and scipy release the GIL for
the heavy work), and choosing each block's candidates for the two top-K lists."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from matching.engine.scoring import EXCLUDED, Scorer, WeightTable, cap_index
from matching.engine.selection import ColumnTopK, top_k_groups, top_k_rows

_EMPTY = np.zeros(0, dtype=np.int64)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@dataclass
class Block:
    """One scored block: each need's best pairs in it (with their scores, to merge across
    tiles), and what to offer the per-capability side (triplets, or the dense block)."""

    need_rows: np.ndarray = field(default_factory=lambda: _EMPTY)
    cap_rows: np.ndarray = field(default_factory=lambda: _EMPTY)
    values: np.ndarray = field(default_factory=lambda: _EMPTY)
    offer_rows: np.ndarray | None = None
    offer_caps: np.ndarray | None = None
    offer_values: np.ndarray | None = None
    dense: np.ndarray | None = None
    dense_needs: np.ndarray | None = None
    dense_caps: np.ndarray | None = None

    def offer_to(self, best: ColumnTopK) -> None:
        if self.dense is not None:
            best.update(self.dense, self.dense_needs, self.dense_caps)
        elif self.offer_rows is not None:
            best.offer(self.offer_rows, self.offer_caps, self.offer_values)


def _columns(cap_rows, n_caps: int) -> np.ndarray:
    if cap_rows is None:
        return np.arange(n_caps)
    if isinstance(cap_rows, slice):
        return np.arange(cap_rows.start, cap_rows.stop)
    return cap_rows


def score_block(
    scorer: Scorer,
    need_rows: np.ndarray,
    cap_rows,
    table: WeightTable,
    excluded: np.ndarray,
    n_caps: int,
    top_k: int,
    *,
    per_need: bool,
    per_cap: bool,
    dense_share: float,
) -> Block:
    """Score need_rows x cap_rows (None: all capabilities; a slice: a tile); dismissed pairs
    (keys need_row * n_caps + cap_row in ``excluded``) are dropped. Thread-safe."""
    found = scorer.candidates(need_rows, cap_rows, table, dense_share=dense_share)
    block = Block()
    if isinstance(found, tuple):
        r, c, values = found
        caps = cap_index(cap_rows, c)
        if len(excluded):
            keep = ~np.isin(need_rows[r] * n_caps + caps, excluded)
            r, caps, values = r[keep], caps[keep], values[keep]
        if per_cap:
            block.offer_rows, block.offer_caps, block.offer_values = need_rows[r], caps, values
        if per_need:
            chosen = top_k_groups(r, values, top_k)
            block.need_rows, block.cap_rows = need_rows[r[chosen]], caps[chosen]
            block.values = values[chosen]
        return block
    dense = found
    columns = _columns(cap_rows, n_caps)
    if len(excluded):
        dense[np.isin(need_rows[:, None] * n_caps + columns[None, :], excluded)] = EXCLUDED
    if per_cap:
        block.dense, block.dense_needs, block.dense_caps = dense, need_rows, columns
    if per_need:
        r, c = top_k_rows(dense, top_k)
        block.need_rows, block.cap_rows, block.values = need_rows[r], columns[c], dense[r, c]
    return block


def merge_need_side(blocks: list[Block], top_k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each need's best top_k over the tiles of its blocks."""
    needs = np.concatenate([b.need_rows for b in blocks]) if blocks else _EMPTY
    caps = np.concatenate([b.cap_rows for b in blocks]) if blocks else _EMPTY
    values = np.concatenate([b.values for b in blocks]) if blocks else _EMPTY
    chosen = top_k_groups(needs, values, top_k)
    return needs[chosen], caps[chosen]


def in_order(tasks: Iterable, work: Callable, workers: int) -> Iterator:
    """``work(task)`` for each task, results in task order; up to ``workers`` threads, and a
    bounded number of results waiting (memory stays flat)."""
    if workers <= 1:
        for task in tasks:
            yield work(task)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.submit(work, task))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
