"""Pseudo-relevance feedback on the embeddings: a need's query vector moves towards its best
capabilities before it is scored (Rocchio's method, applied to sentence embeddings).

A need's title is short and its words are the buyer's, not the vendor's; the capabilities that
best answer it say the same thing in the vendor's words. So each need's vector becomes

    q' = normalise(q + feedback_weight * mean of the embeddings of its feedback_docs best
                   capabilities)

where "best" ranks the feedback_candidates capabilities nearest to q by text fit +
feedback_semantic * semantic fit (the engine's constants, not a hub's weights, so a need's vector
does not depend on who looks at it). The expanded vector is then the need's vector everywhere: in
the calibration (mean and spread of its cosines), in every block and every pair, from either side.
It is a property of the need against the capability corpus at the time the need is added to a
Matcher, like its BM25 weights. Tuned on NFCorpus dev (docs/benchmarks.md).
"""

from __future__ import annotations

import numpy as np

from matching.engine.bm25 import TextIndex
from matching.engine.config import EngineConfig
from matching.engine.semantic import SemanticIndex

COSINE_BLOCK = 12_000_000  # need x capability cosines held at once (48 MB of float32)


def expand_needs(
    text: TextIndex, semantic: SemanticIndex, need_rows: np.ndarray, config: EngineConfig
) -> None:
    """Replace the query vectors of need_rows (those with one) by their expanded vectors."""
    docs = config.feedback_docs
    if not semantic.enabled or docs <= 0 or config.feedback_weight <= 0:
        return
    rows = np.asarray(need_rows, dtype=np.int64)
    rows = rows[semantic.applies[rows]]
    known = semantic.known
    n_known = int(known.sum())
    if not len(rows) or n_known < config.feedback_min_capabilities:
        return
    candidates = min(config.feedback_candidates, n_known)
    docs = min(docs, candidates)
    step = max(1, COSINE_BLOCK // semantic.Ec.shape[0])
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        cosine = semantic.cosines(chunk)
        if n_known < len(known):
            cosine[:, ~known] = -np.inf
        near = np.argpartition(-cosine, candidates - 1, axis=1)[:, :candidates]
        near_cosine = np.take_along_axis(cosine, near, axis=1)
        del cosine
        pair_rows = np.repeat(chunk, candidates)
        flat = near.ravel()
        score = text.pair_fits(pair_rows, flat)
        score += np.float32(config.feedback_semantic) * semantic.fit_pairs(
            pair_rows, near_cosine.ravel()
        )
        score = score.reshape(len(chunk), candidates)
        # best first; ties go to the lower capability row, so the choice is reproducible
        order = np.lexsort((near, -score), axis=1)[:, :docs]
        chosen = np.take_along_axis(near, order, axis=1)
        centroid = semantic.Ec[chosen].astype(np.float64).mean(axis=1)
        vectors = semantic.En[chunk].astype(np.float64) + config.feedback_weight * centroid
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        semantic.replace_need_vectors(chunk, vectors)
