"""The engine's public face. Pure Python/numpy/scipy: no ORM, no Django settings.

Scoring is directional but one formula: a need is the query, capabilities are the documents.
score(need, capability) is the same number whether it was computed for one need against all
capabilities, for one capability against all needs, or in a full run: candidates are chosen on
score blocks, and every returned pair is then scored once more on its own (``Scorer.pairs``),
in an order that does not depend on how it was found. The formula is in ``scoring.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

import numpy as np

from matching.engine.blocks import Block, default_workers, in_order, merge_need_side, score_block
from matching.engine.bm25 import TextIndex
from matching.engine.config import DEFAULT_CONFIG, EngineConfig
from matching.engine.explain import build_pairs
from matching.engine.feedback import expand_needs
from matching.engine.scoring import Scorer, WeightTable
from matching.engine.selection import ColumnTopK
from matching.engine.semantic import SemanticIndex
from matching.engine.structured import (
    LanguageFactor,
    MaturityFactor,
    RegulatoryFactor,
    SetFactor,
)
from matching.engine.text import Analyzer
from matching.engine.types import CapabilityDoc, NeedDoc, ScoredPair, Weights

WeightsFor = Callable[[NeedDoc], Weights]  # per-hub weights: looked up from the need

BLOCK_PAIRS = 1_000_000  # need x capability scores held at once (4 MB per float32 array)
NEED_BLOCK = 256  # needs scored together against a tile of capabilities
# pairs per list in the capability side of a full run: explained pairs are Python objects
# (factors, shared terms); 100,000 took about 0.7 GB at the 10k x 100k scale (benchmarks.md)
CAPABILITY_SIDE_BATCH = 10_000


class Matcher:
    """Everything needed to score: the capability index (BM25 over analysed text, factor
    matrices, embeddings) and the needs' query side.

    Built once per run from plain docs; a long-lived worker may keep one and ``add_needs``.
    """

    def __init__(
        self,
        needs: Sequence[NeedDoc],
        capabilities: Sequence[CapabilityDoc],
        *,
        today: datetime.date,
        config: EngineConfig = DEFAULT_CONFIG,
        regulatory_implies: Mapping[int, Collection[int]] | None = None,
        block_pairs: int = BLOCK_PAIRS,
        workers: int | None = None,
    ) -> None:
        """``regulatory_implies``: item id -> items that holding it also satisfies (see
        ``structured.regulatory_implications``, which derives it from item names)."""
        self.capabilities = list(capabilities)
        self.today = today
        self.config = config
        self.block_pairs = block_pairs
        self.dense_share = 0.2  # see Scorer.candidates
        self.workers = default_workers() if workers is None else max(1, workers)
        self.cap_row = {cap.id: row for row, cap in enumerate(self.capabilities)}
        self.cap_ids = np.array([cap.id for cap in self.capabilities], dtype=np.int64)
        self.analyzer = Analyzer()
        caps = self.capabilities
        self.text = TextIndex(self.analyzer, caps, config)
        factors = {
            "semantic": SemanticIndex(
                [c.embedding for c in caps],
                full_z=config.semantic_full_z,
                dims=config.semantic_dims,
            ),
            "clinical_area": SetFactor([c.clinical_areas for c in caps], mode="coverage"),
            "technology": SetFactor([c.technology_types for c in caps], mode="coverage"),
            "care_setting": SetFactor([c.care_settings for c in caps], mode="any"),
            "maturity": MaturityFactor([c.trl for c in caps], step=config.trl_step),
            "regulatory": RegulatoryFactor(
                [c.regulatory for c in caps], today=today, implies=regulatory_implies
            ),
            "region": SetFactor([c.regions for c in caps], mode="any"),
            "language": LanguageFactor([c.languages for c in caps]),
        }
        self.scorer = Scorer(self.text, factors, config)
        self.needs: list[NeedDoc] = []
        self.need_row: dict[int, int] = {}
        self.need_ids = np.zeros(0, dtype=np.int64)
        self.add_needs(needs)

    def add_needs(self, needs: Sequence[NeedDoc]) -> None:
        """Add needs to the query side (a need already here is replaced). Cheap: the capability
        side (vocabulary statistics, factor matrices) stays as it is, so a freshly published need
        is scored in milliseconds by a worker that keeps its Matcher."""
        needs = list(needs)
        if not needs:
            return
        start = len(self.needs)
        self.needs.extend(needs)
        for offset, need in enumerate(needs):
            self.need_row[need.id] = start + offset
        self.need_ids = np.concatenate(
            [self.need_ids, np.array([n.id for n in needs], dtype=np.int64)]
        )
        self.text.add_needs(needs)
        factors = self.scorer.factors
        factors["semantic"].add_needs([n.embedding for n in needs])
        new_rows = np.arange(start, start + len(needs), dtype=np.int64)
        expand_needs(self.text, factors["semantic"], new_rows, self.config)
        factors["clinical_area"].add_needs([n.clinical_areas for n in needs])
        factors["technology"].add_needs([n.technology_types for n in needs])
        factors["care_setting"].add_needs([n.care_settings for n in needs])
        factors["maturity"].add_needs([n.min_trl for n in needs])
        factors["regulatory"].add_needs([n.required_regulatory for n in needs])
        factors["region"].add_needs([n.regions for n in needs])
        factors["language"].add_needs([n.language for n in needs])

    def _live_rows(self) -> np.ndarray:
        """Rows of the current needs (a replaced need's old row is left out)."""
        return np.array(sorted(self.need_row.values()), dtype=np.int64)

    # -- helpers ------------------------------------------------------------------------------

    def _weights(self, rows: np.ndarray, weights_for: WeightsFor) -> WeightTable:
        table = WeightTable(len(self.needs))
        table.fill(rows, [weights_for(self.needs[row]) for row in rows])
        return table

    def _exclusions(self, exclude: Collection[tuple[int, int]]) -> np.ndarray:
        """Dismissed pairs as sorted keys need_row * n_caps + cap_row."""
        n_caps = len(self.capabilities)
        keys = [
            self.need_row[n] * n_caps + self.cap_row[c]
            for n, c in exclude
            if n in self.need_row and c in self.cap_row
        ]
        return np.unique(np.array(keys, dtype=np.int64))

    def _blocks(
        self,
        parts: Iterable[tuple[np.ndarray, object]],
        table: WeightTable,
        excluded: np.ndarray,
        top_k: int,
        *,
        per_need: bool = True,
        per_cap: bool = False,
    ) -> Iterator[Block]:
        """Score (need rows, capability rows or tile) parts, on the worker threads."""

        def work(part: tuple[np.ndarray, object]) -> Block:
            need_rows, cap_rows = part
            return score_block(
                self.scorer,
                need_rows,
                cap_rows,
                table,
                excluded,
                len(self.capabilities),
                top_k,
                per_need=per_need,
                per_cap=per_cap,
                dense_share=self.dense_share,
            )

        return in_order(parts, work, self.workers)

    def _parts(self, rows: np.ndarray) -> list[tuple[np.ndarray, slice | None]]:
        """Need rows x all capabilities, cut into blocks of about ``block_pairs``: blocks of
        up to NEED_BLOCK needs against tiles of consecutive capabilities (so a tile's
        embeddings and postings stay in cache while a block of needs is scored against it).
        Fewer needs take wider tiles (one need: one block of every capability), which saves
        the fixed cost of some 25 small blocks when a single need is published."""
        n_caps = len(self.capabilities)
        width = max(1, self.block_pairs // max(1, min(NEED_BLOCK, len(rows))))
        if n_caps <= width:
            step = max(1, self.block_pairs // max(n_caps, 1))
            return [(rows[i : i + step], None) for i in range(0, len(rows), step)]
        tiles = [slice(a, min(a + width, n_caps)) for a in range(0, n_caps, width)]
        return [
            (rows[i : i + NEED_BLOCK], tile)
            for i in range(0, len(rows), NEED_BLOCK)
            for tile in tiles
        ]

    def _rows(self, ids: Collection[int], index: dict[int, int]) -> np.ndarray:
        rows = sorted({index[i] for i in ids if i in index})
        return np.array(rows, dtype=np.int64)

    def _explain(self, need_rows, cap_rows, table: WeightTable) -> list[ScoredPair]:
        return build_pairs(self, np.asarray(need_rows), np.asarray(cap_rows), table)

    # -- the contract -------------------------------------------------------------------------

    def for_needs(
        self,
        need_ids: Collection[int],
        *,
        weights_for: WeightsFor,
        top_k: int = 25,
        exclude: Collection[tuple[int, int]] = (),
    ) -> list[ScoredPair]:
        """Each listed need's best ``top_k`` capabilities scoring at least its threshold;
        (need_id, capability_id) pairs in ``exclude`` (dismissed) are never returned."""
        rows = self._rows(need_ids, self.need_row)
        if not len(rows) or not self.capabilities:
            return []
        table = self._weights(rows, weights_for)
        excluded = self._exclusions(exclude)
        blocks = list(self._blocks(self._parts(rows), table, excluded, top_k))
        need_rows, cap_rows = merge_need_side(blocks, top_k)
        return self._explain(need_rows, cap_rows, table)

    def for_capabilities(
        self,
        capability_ids: Collection[int],
        *,
        weights_for: WeightsFor,
        top_k: int = 25,
        exclude: Collection[tuple[int, int]] = (),
    ) -> list[ScoredPair]:
        """Each listed capability's best ``top_k`` needs (same scores as ``for_needs``)."""
        cols = self._rows(capability_ids, self.cap_row)
        all_rows = self._live_rows()
        if not len(cols) or not len(all_rows):
            return []
        table = self._weights(all_rows, weights_for)
        excluded = self._exclusions(exclude)
        best = ColumnTopK(len(self.capabilities), top_k)
        step = max(1, self.block_pairs // NEED_BLOCK)
        need_step = max(NEED_BLOCK, self.block_pairs // min(len(cols), step))
        parts = [
            (all_rows[i : i + need_step], cols[j : j + step])
            for j in range(0, len(cols), step)
            for i in range(0, len(all_rows), need_step)
        ]
        for block in self._blocks(parts, table, excluded, top_k, per_need=False, per_cap=True):
            block.offer_to(best)
        need_rows, cap_rows = best.pairs()
        return self._explain(need_rows, cap_rows, table)

    def all_pairs(
        self,
        *,
        weights_for: WeightsFor,
        top_k: int = 25,
        exclude: Collection[tuple[int, int]] = (),
        need_ids: Collection[int] | None = None,
        chunk_size: int = 256,
    ) -> Iterator[list[ScoredPair]]:
        """Full run, in chunks of needs: yields, chunk by chunk, the union of each need's top_k
        and (once all chunks are done, in the last yields: lists of up to
        CAPABILITY_SIDE_BATCH pairs, so memory stays flat) each capability's top_k needs that
        were not yielded already. ``need_ids`` restricts the run to a slice of needs (a Celery
        chunk); the per-capability side is then computed over that slice only, and the caller
        merges slices."""
        rows = self._live_rows() if need_ids is None else self._rows(need_ids, self.need_row)
        if not len(rows) or not self.capabilities:
            return
        table = self._weights(rows, weights_for)
        excluded = self._exclusions(exclude)
        n_caps = len(self.capabilities)
        best = ColumnTopK(n_caps, top_k)
        chunk_size = max(chunk_size, 1)
        chunks = [rows[i : i + chunk_size] for i in range(0, len(rows), chunk_size)]
        parts = [(c, part) for c, chunk in enumerate(chunks) for part in self._parts(chunk)]
        last = {chunk: index for index, (chunk, _) in enumerate(parts)}
        yielded, found = [], []
        blocks = self._blocks((part for _, part in parts), table, excluded, top_k, per_cap=True)
        for index, block in enumerate(blocks):
            block.offer_to(best)
            found.append(block)
            if index == last[parts[index][0]]:
                need_rows, cap_rows = merge_need_side(found, top_k)
                found = []
                yielded.append(need_rows * n_caps + cap_rows)
                yield self._explain(need_rows, cap_rows, table)
        need_rows, cap_rows = best.pairs()
        done = np.concatenate(yielded) if yielded else np.zeros(0, np.int64)
        fresh = ~np.isin(need_rows * n_caps + cap_rows, done)
        need_rows, cap_rows = need_rows[fresh], cap_rows[fresh]
        # the capability side in slices, so a caller storing each list keeps memory flat
        order = np.argsort(cap_rows, kind="stable")
        for start in range(0, len(order), CAPABILITY_SIDE_BATCH):
            part = order[start : start + CAPABILITY_SIDE_BATCH]
            yield self._explain(need_rows[part], cap_rows[part], table)
