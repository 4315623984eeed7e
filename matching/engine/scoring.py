"""The one scoring formula, on blocks (need rows x capability rows) and on lists of pairs.

    relevance   = weighted mean of the topical fits the pair has data for:
                  text (always), semantic, clinical area, technology type
    constraints = product over the need's constraints of (1 - weight * (1 - fit)):
                  care setting, maturity (TRL), regulatory, region, language
    score       = relevance * constraints                                  (0..1)

Topical factors say whether the capability addresses the need's problem; clinical area and
technology overlap can carry a match when the texts are in different languages. Constraints say
whether it fits the need's context; a full miss on one takes its weight off the score (a weight of
0.15 takes 15 % off). A factor the need says nothing about has no effect; a topical factor the
capability leaves blank drops out of the mean; a constraint it leaves blank gets
``EngineConfig.unknown_fit``. Hard filters drop a pair whatever its score; the threshold drops
pairs under it. Naive pair-by-pair arithmetic of the same formula is in ``naive.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from matching.engine.config import EngineConfig
from matching.engine.types import Weights

TOPICAL = ("semantic", "clinical_area", "technology")
CONSTRAINTS = ("care_setting", "maturity", "regulatory", "region", "language")
FACTORS = ("text", *TOPICAL, *CONSTRAINTS)
EXCLUDED = -np.inf


def cap_index(cap_rows, positions: np.ndarray) -> np.ndarray:
    """Capability rows of positions in a block whose columns are ``cap_rows``: None (all
    capabilities), a slice (a tile of consecutive rows) or an array of rows."""
    if cap_rows is None:
        return positions
    if isinstance(cap_rows, slice):
        return positions + cap_rows.start
    return cap_rows[positions]


class WeightTable:
    """Per-need weights as arrays indexed by need row (only the rows filled are meaningful)."""

    def __init__(self, n_needs: int) -> None:
        for name in (*FACTORS, "threshold"):
            setattr(self, name, np.zeros(n_needs, dtype=np.float32))
        self.regulatory_hard = np.zeros(n_needs, dtype=bool)
        self.maturity_hard = np.zeros(n_needs, dtype=bool)

    def fill(self, rows: Sequence[int], weights: Sequence[Weights]) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        for name in (*FACTORS, "threshold"):
            values = [getattr(w, name) for w in weights]
            if name in CONSTRAINTS:  # a constraint takes at most everything off
                values = [min(max(v, 0.0), 1.0) for v in values]
            else:
                values = [max(v, 0.0) for v in values]
            getattr(self, name)[rows] = values
        self.regulatory_hard[rows] = [w.regulatory_hard_filter for w in weights]
        self.maturity_hard[rows] = [w.maturity_hard_filter for w in weights]

    def weight(self, name: str) -> np.ndarray:
        return getattr(self, name)


class Scorer:
    def __init__(self, text, factors: Mapping[str, object], config: EngineConfig) -> None:
        self.text = text
        self.factors = factors  # name -> factor with applies/known/block/pairs
        self.config = config

    def _active(self, name: str, need_rows: np.ndarray, W: WeightTable) -> np.ndarray | None:
        factor = self.factors.get(name)
        if factor is None or getattr(factor, "enabled", True) is False:
            return None
        w = W.weight(name)[need_rows] * factor.applies[need_rows]
        return w if w.any() else None

    def _hard(self, name: str, need_rows: np.ndarray, W: WeightTable) -> np.ndarray | None:
        """Rows whose regulatory hard filter is on (the maturity filter is handled apart)."""
        factor = self.factors.get(name)
        if name != "regulatory" or factor is None:
            return None
        hard = W.regulatory_hard[need_rows] & factor.applies[need_rows]
        return hard if hard.any() else None

    # -- blocks -------------------------------------------------------------------------------

    def relevance_block(
        self, need_rows: np.ndarray, cap_rows: np.ndarray | None, W: WeightTable
    ) -> np.ndarray:
        """The relevance of need_rows x cap_rows (None: all capabilities), dense float32."""
        score = self.text.block(need_rows, cap_rows)
        w_text = W.text[need_rows]
        score *= w_text[:, None]
        denominator = None
        for name in TOPICAL:
            w = self._active(name, need_rows, W)
            if w is None:
                continue
            factor = self.factors[name]
            known = factor.known if cap_rows is None else factor.known[cap_rows]
            fit = factor.block(need_rows, cap_rows)
            if not known.all():
                fit *= known[None, :]
            fit *= w[:, None]
            score += fit
            if denominator is None:
                denominator = np.empty_like(score)
                denominator[:] = w_text[:, None]
            if known.all():
                denominator += w[:, None]
            else:
                denominator += np.outer(w, known.astype(np.float32))
        if denominator is None:
            scale = np.divide(1.0, w_text, out=np.zeros_like(w_text), where=w_text > 0)
            score *= scale[:, None]
        else:
            np.divide(score, denominator, out=score, where=denominator > 0)
        return score

    def block(
        self, need_rows: np.ndarray, cap_rows: np.ndarray | None, W: WeightTable
    ) -> np.ndarray:
        """Scores of need_rows x cap_rows (None: all), dense, EXCLUDED where a hard filter or
        the need's threshold drops the pair."""
        score = self.relevance_block(need_rows, cap_rows, W)
        unknown = np.float32(self.config.unknown_fit)
        for name in CONSTRAINTS:
            w = self._active(name, need_rows, W)
            hard = self._hard(name, need_rows, W)
            if w is None and hard is None:
                continue
            factor = self.factors[name]
            known = factor.known if cap_rows is None else factor.known[cap_rows]
            fit = factor.block(need_rows, cap_rows)
            if not known.all():
                fit[:, ~known] = unknown
            if hard is not None:
                score[hard] = np.where(fit[hard] < 1 - 1e-6, EXCLUDED, score[hard])
            if w is not None:
                fit *= w[:, None]
                fit += (1 - w)[:, None]
                score *= fit
        maturity = self.factors.get("maturity")
        if maturity is not None:
            hard = W.maturity_hard[need_rows] & maturity.applies[need_rows]
            if hard.any():
                below = maturity.below(need_rows[hard], cap_rows)
                score[hard] = np.where(below, EXCLUDED, score[hard])
        score[score < W.threshold[need_rows][:, None]] = EXCLUDED
        return score

    def candidates(
        self,
        need_rows: np.ndarray,
        cap_rows: np.ndarray | None,
        W: WeightTable,
        *,
        dense_share: float = 0.2,
    ) -> np.ndarray | tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The block's selectable scores: dense (as ``block``) when many pairs pass the
        threshold, else (row positions, column positions, scores) of the pairs that do.

        Constraints never raise a score, so only pairs whose relevance reaches the threshold
        can; their constraints are computed pair by pair (``constraint_pairs``)."""
        relevance = self.relevance_block(need_rows, cap_rows, W)
        passing = relevance >= W.threshold[need_rows][:, None]
        if passing.mean() > dense_share:
            del relevance, passing
            return self.block(need_rows, cap_rows, W)
        r, c = np.nonzero(passing)
        values = relevance[r, c]
        del relevance, passing
        constraints, hard = self.constraint_pairs(need_rows[r], cap_index(cap_rows, c), W)
        values *= constraints
        keep = ~hard & (values >= W.threshold[need_rows[r]])
        return r[keep], c[keep], values[keep]

    # -- pairs --------------------------------------------------------------------------------

    def constraint_pairs(
        self,
        need_rows: np.ndarray,
        cap_rows: np.ndarray,
        W: WeightTable,
        fits: dict[str, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The constraint product of each pair and whether a hard filter drops it; ``fits``
        receives each constraint's fit (NaN where it does not apply)."""
        constraints = np.ones(len(need_rows), dtype=np.float32)
        hard = np.zeros(len(need_rows), dtype=bool)
        for name in CONSTRAINTS:
            w = self._active(name, need_rows, W)
            rows_hard = self._hard(name, need_rows, W)
            if w is None and rows_hard is None:
                if fits is not None:
                    fits[name] = np.full(len(need_rows), np.nan, dtype=np.float32)
                continue
            factor = self.factors[name]
            values = factor.pairs(need_rows, cap_rows)
            values[~factor.known[cap_rows]] = self.config.unknown_fit
            applies = factor.applies[need_rows]
            if w is not None:
                constraints *= np.where(applies, 1 - w * (1 - values), 1).astype(np.float32)
            if rows_hard is not None:
                hard |= rows_hard & (values < 1 - 1e-6)
            if fits is not None:
                fits[name] = np.where(applies, values, np.nan).astype(np.float32)
        maturity = self.factors.get("maturity")
        if maturity is not None and W.maturity_hard[need_rows].any():
            shortfall = np.nan_to_num(maturity.need_min[need_rows] - maturity.cap_trl[cap_rows])
            hard |= W.maturity_hard[need_rows] & maturity.applies[need_rows] & (shortfall > 0)
        return constraints, hard

    def pairs(
        self, need_rows: np.ndarray, cap_rows: np.ndarray, W: WeightTable
    ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        """Every factor of the given pairs (NaN where it does not count for that pair), the
        relevance, constraints and score, and the shared term ids of the pairs (flat, with
        offsets: see ``TextIndex.pairs``)."""
        out: dict[str, np.ndarray] = {}
        top_terms = self.config.shared_terms
        text, terms, offsets = self.text.pairs(need_rows, cap_rows, top_terms=top_terms)
        out["text"] = text.copy()
        w_text = W.text[need_rows]
        numerator = text * w_text
        denominator = w_text.copy()
        for name in TOPICAL:
            fit = np.full(len(need_rows), np.nan, dtype=np.float32)
            w = self._active(name, need_rows, W)
            if w is not None:
                factor = self.factors[name]
                counts = factor.applies[need_rows] & factor.known[cap_rows]
                values = factor.pairs(need_rows, cap_rows)
                fit[counts] = values[counts]
                numerator += np.where(counts, values, 0) * w
                denominator += counts * w
            out[name] = fit
        relevance = np.divide(
            numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0
        )
        constraints, hard = self.constraint_pairs(need_rows, cap_rows, W, out)
        out["relevance"] = relevance
        out["constraints"] = constraints
        score = (relevance * constraints).astype(np.float32)
        score[hard | (score < W.threshold[need_rows])] = EXCLUDED
        out["score"] = score
        return out, terms, offsets
