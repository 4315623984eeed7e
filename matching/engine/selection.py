"""Top-K selection on score blocks: per row (a need's best capabilities) and, across a run's
blocks, per column (a capability's best needs). EXCLUDED (-inf) entries are never selected."""

from __future__ import annotations

import numpy as np


def top_k_rows(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, column positions) of each row's best k selectable entries.

    Most of a row is usually one repeated value (EXCLUDED, or 0 where a capability shares
    nothing with the need), and numpy's introselect slows down about twentyfold on such ties.
    So each row selects among its positive entries first and falls back to the other finite
    ones only when it has fewer than k positive entries."""
    n, m = scores.shape
    if k <= 0 or n == 0 or m == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows, cols = [], []
    for i in range(n):
        row = scores[i]
        chosen = np.flatnonzero(row > 0)
        if len(chosen) > k:
            chosen = chosen[np.argpartition(row[chosen], len(chosen) - k)[len(chosen) - k :]]
        elif len(chosen) < k:
            rest = np.flatnonzero(np.isfinite(row) & ~(row > 0))
            if len(rest) > k - len(chosen):
                need = k - len(chosen)
                rest = rest[np.argpartition(row[rest], len(rest) - need)[len(rest) - need :]]
            chosen = np.concatenate([chosen, rest])
        rows.append(np.full(len(chosen), i, dtype=np.int64))
        cols.append(chosen.astype(np.int64, copy=False))
    return np.concatenate(rows), np.concatenate(cols)


def top_k_groups(groups: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the best k scores within each group (ties: the earlier entry)."""
    order = np.lexsort((np.arange(len(groups)), -scores, groups))
    ordered = groups[order]
    starts = np.searchsorted(ordered, ordered, side="left")
    return order[(np.arange(len(order)) - starts) < k]


class ColumnTopK:
    """Each column's best k (score, row) seen over a sequence of blocks of rows. Offers are
    buffered and merged a few million at a time; a column's k-th best so far (its floor) turns
    most later offers away before they are buffered."""

    def __init__(self, n_cols: int, k: int, *, buffer: int = 2_000_000) -> None:
        self.k = k
        self.scores = np.full((max(k, 0), n_cols), -np.inf, dtype=np.float32)
        self.rows = np.full((max(k, 0), n_cols), -1, dtype=np.int64)
        self.floor = np.full(n_cols, -np.inf, dtype=np.float32)  # each column's k-th best
        self.buffer = buffer
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._pending_size = 0

    def update(self, block: np.ndarray, row_ids: np.ndarray, col_ids: np.ndarray | None = None):
        """Offer a dense block of scores; ``row_ids`` name its rows, ``col_ids`` its columns
        (None: all columns, in order)."""
        if self.k <= 0 or not block.size:
            return
        floor = self.floor if col_ids is None else self.floor[col_ids]
        mask = block > floor[None, :]
        if mask.sum() > 4 * self.k * block.shape[1] and block.shape[0] > self.k:
            # dense early blocks: first cut each column to its k best in this block
            best = np.argpartition(block, block.shape[0] - self.k, axis=0)[-self.k :]
            cols = np.broadcast_to(np.arange(block.shape[1]), best.shape)
            keep = mask[best, cols]
            r, c = best[keep], cols[keep]
        else:
            r, c = np.nonzero(mask)
        if len(r):
            columns = c if col_ids is None else col_ids[c]
            self.offer(row_ids[r], columns, block[r, c])

    def offer(self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray) -> None:
        """Offer (row id, column, score) triplets."""
        if self.k <= 0 or not len(rows):
            return
        better = values > self.floor[columns]
        if not better.any():
            return
        self._pending.append((rows[better], columns[better], values[better].astype(np.float32)))
        self._pending_size += int(better.sum())
        if self._pending_size >= self.buffer:
            self._merge()

    def _merge(self) -> None:
        if not self._pending:
            return
        rows = np.concatenate([p[0] for p in self._pending])
        columns = np.concatenate([p[1] for p in self._pending])
        values = np.concatenate([p[2] for p in self._pending])
        self._pending, self._pending_size = [], 0
        touched = np.unique(columns)
        old_scores = self.scores[:, touched].ravel()
        held = np.isfinite(old_scores)
        all_scores = np.concatenate([old_scores[held], values])
        all_rows = np.concatenate([self.rows[:, touched].ravel()[held], rows])
        all_cols = np.concatenate([np.tile(touched, self.k)[held], columns])
        order = np.lexsort((all_rows, -all_scores, all_cols))
        all_scores, all_rows, all_cols = all_scores[order], all_rows[order], all_cols[order]
        starts = np.searchsorted(all_cols, all_cols, side="left")
        rank = np.arange(len(all_cols)) - starts
        keep = rank < self.k
        self.scores[:, touched] = -np.inf
        self.rows[:, touched] = -1
        self.scores[rank[keep], all_cols[keep]] = all_scores[keep]
        self.rows[rank[keep], all_cols[keep]] = all_rows[keep]
        self.floor[touched] = self.scores[self.k - 1, touched]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(row ids, column ids) of everything kept."""
        self._merge()
        rank, cols = np.nonzero(np.isfinite(self.scores))
        return self.rows[rank, cols], cols
