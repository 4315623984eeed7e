"""Turning chosen (need, capability) pairs into ScoredPair: the score, every factor's fit, the
shared terms (readable words, most informative first) and the gaps, as codes.

``ScoredPair.factors`` holds the fit (0..1) of each factor that counts for the pair: "text",
"semantic", "clinical_area", "technology" (topical; absent when either side has no data),
"care_setting", "maturity", "regulatory", "region", "language" (constraints; absent when the need
says nothing; the neutral ``unknown_fit`` when the capability leaves it blank), plus "relevance"
(the weighted mean of the topical fits) and "constraints" (the product of the constraint terms);
score = relevance * constraints.

Gap codes: (factor, 0) for no overlap at all ("clinical_area", "technology", "care_setting",
"region", "language"); (factor + "_unknown", 0) when the capability leaves it blank;
("trl_below", need_min_trl), ("trl_unknown", need_min_trl); ("regulatory_missing", item_id),
("regulatory_expired", item_id).
"""

from __future__ import annotations

import gc

import numpy as np

from matching.engine.blocks import in_order
from matching.engine.scoring import FACTORS
from matching.engine.types import ScoredPair

PAIR_BATCH = 50_000
REPORTED = (*FACTORS, "relevance", "constraints")
SET_GAPS = ("clinical_area", "technology", "care_setting", "region", "language")


def build_pairs(matcher, need_rows: np.ndarray, cap_rows: np.ndarray, table) -> list[ScoredPair]:
    """ScoredPairs for the given rows, ordered by need id, best first; pairs whose own score
    falls under the threshold or a hard filter (possible only at float rounding) are dropped.
    The arithmetic of a batch runs on a worker thread while the previous batch becomes
    objects."""
    need_keys = matcher.need_ids[need_rows]
    order = np.lexsort((cap_rows, need_keys))
    need_rows, cap_rows, need_keys = need_rows[order], cap_rows[order], need_keys[order]
    bounds = [0]
    while bounds[-1] < len(need_rows):  # batches end where a need ends
        cut = bounds[-1] + PAIR_BATCH
        if cut < len(need_rows):
            aligned = int(np.searchsorted(need_keys, need_keys[cut], side="left"))
            cut = (
                aligned
                if aligned > bounds[-1]
                else int(np.searchsorted(need_keys, need_keys[cut], side="right"))
            )
        bounds.append(min(cut, len(need_rows)))
    batches = [(need_rows[a:b], cap_rows[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]

    def arithmetic(batch):
        return _arithmetic(matcher, batch[0], batch[1], table)

    out: list[ScoredPair] = []
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: the collector would only slow us down
    try:
        for prepared in in_order(batches, arithmetic, min(matcher.workers, 2)):
            out.extend(_objects(matcher, prepared))
    finally:
        if collecting:
            gc.enable()
    return out


def _arithmetic(matcher, need_rows: np.ndarray, cap_rows: np.ndarray, table) -> dict:
    values, terms, offsets = matcher.scorer.pairs(need_rows, cap_rows, table)
    score = values["score"]
    keep = np.isfinite(score)
    need_ids, cap_ids = matcher.need_ids[need_rows], matcher.cap_ids[cap_rows]
    order = np.lexsort((cap_ids, -score, need_ids))
    order = order[keep[order]]
    grid = np.stack([values[name] for name in REPORTED], axis=1)
    patterns = ~np.isnan(grid) @ (1 << np.arange(len(REPORTED)))
    gap_keys, short = _gap_keys(matcher, need_rows, cap_rows)
    return {
        "order": order,
        "need_rows": need_rows,
        "cap_rows": cap_rows,
        "need_ids": need_ids,
        "cap_ids": cap_ids,
        "score": score,
        "grid": grid,
        "patterns": patterns,
        "terms": terms,
        "offsets": offsets,
        "gap_keys": gap_keys,
        "short": short,
    }


def _objects(matcher, p: dict) -> list[ScoredPair]:
    order = p["order"]
    surface = matcher.analyzer.surface
    words = [surface(t) for t in p["terms"].tolist()]
    starts, ends = p["offsets"][:-1].tolist(), p["offsets"][1:].tolist()
    need_ids, cap_ids, scores = p["need_ids"].tolist(), p["cap_ids"].tolist(), p["score"].tolist()
    gaps = _gap_lists(matcher, p, order)
    grid, patterns = p["grid"], p["patterns"]
    factors: dict[int, dict] = {}
    for pattern in np.unique(patterns[order]).tolist():
        names = [name for bit, name in enumerate(REPORTED) if pattern >> bit & 1]
        columns = [REPORTED.index(name) for name in names]
        members = order[patterns[order] == pattern]
        for i, row in zip(members.tolist(), grid[np.ix_(members, columns)].tolist(), strict=True):
            factors[i] = dict(zip(names, row, strict=True))
    return [
        ScoredPair(
            need_id=need_ids[i],
            capability_id=cap_ids[i],
            score=scores[i],
            factors=factors[i],
            shared_terms=words[starts[i] : ends[i]],
            gaps=gaps[i],
        )
        for i in order.tolist()
    ]


def _gap_keys(matcher, need_rows, cap_rows) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: a bit pattern of its factor gaps (times 16, plus the need's minimum TRL), and
    whether it misses a required regulatory item."""
    factors = matcher.scorer.factors
    kinds = []
    for name in SET_GAPS:
        factor = factors[name]
        applies = factor.applies[need_rows]
        known = factor.known[cap_rows]
        fit = factor.pairs(need_rows, cap_rows)
        kinds.append(applies & known & (fit <= 0))
        kinds.append(applies & ~known)
    maturity = factors["maturity"]
    applies = maturity.applies[need_rows]
    known = maturity.known[cap_rows]
    with np.errstate(invalid="ignore"):
        kinds.append(applies & known & (maturity.cap_trl[cap_rows] < maturity.need_min[need_rows]))
    kinds.append(applies & ~known)
    bits = np.stack(kinds, axis=1) @ (1 << np.arange(len(kinds), dtype=np.int64))
    minimum = maturity.need_level[need_rows]
    regulatory = factors["regulatory"]
    short = regulatory.applies[need_rows] & (regulatory.pairs(need_rows, cap_rows) < 1 - 1e-6)
    return bits * 16 + minimum, short


_CODES = [c for name in SET_GAPS for c in ((name, 0), (f"{name}_unknown", 0))]
_CODES += [("trl_below", -1), ("trl_unknown", -1)]


def _gap_lists(matcher, p: dict, order: np.ndarray) -> dict[int, list[tuple[str, int]]]:
    templates: dict[int, tuple] = {}
    gaps = {}
    keys = p["gap_keys"]
    for i, key in zip(order.tolist(), keys[order].tolist(), strict=True):
        template = templates.get(key)
        if template is None:
            pattern, level = divmod(key, 16)
            template = templates[key] = tuple(
                (code, level if value < 0 else value)
                for bit, (code, value) in enumerate(_CODES)
                if pattern >> bit & 1
            )
        gaps[i] = list(template)
    regulatory = matcher.scorer.factors["regulatory"]
    need_rows, cap_rows = p["need_rows"], p["cap_rows"]
    for i in order[p["short"][order]].tolist():
        gaps[i].extend(regulatory.gaps(int(need_rows[i]), int(cap_rows[i])))
    return gaps
