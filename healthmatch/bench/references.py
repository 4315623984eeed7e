"""The references every figure is shown beside: the BM25 of the ``bm25s`` package (Lucene
variant, English Snowball stemming and stop words, k1=1.5 b=0.75: its defaults) over the same
text, and the naive pairwise scorer (the engine's own formula, pair by pair, in pure Python).
With embeddings, a third: reciprocal-rank fusion of that BM25 with the embeddings' own ranking,
the method behind the reference figures in ../shared/benchdata/README.md."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from matching.engine.types import CapabilityDoc, NeedDoc


def doc_text(doc) -> str:
    return " ".join(part for part in (doc.title, " ".join(doc.tags), doc.body) if part)


def bm25s_run(
    needs: Sequence[NeedDoc], capabilities: Sequence[CapabilityDoc], *, k: int, threads: int = 0
) -> tuple[dict[int, dict[int, float]], dict]:
    """need id -> {capability id: score} (top k) and timings: index_seconds (tokenise + index),
    search_seconds (tokenise queries + retrieve)."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    started = time.perf_counter()
    corpus = bm25s.tokenize(
        [doc_text(c) for c in capabilities], stopwords="en", stemmer=stemmer, show_progress=False
    )
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    indexed = time.perf_counter()
    queries = bm25s.tokenize(
        [doc_text(n) for n in needs], stopwords="en", stemmer=stemmer, show_progress=False
    )
    k = min(k, len(capabilities))
    docs, scores = retriever.retrieve(queries, k=k, show_progress=False, n_threads=threads)
    searched = time.perf_counter()
    cap_ids = np.array([c.id for c in capabilities])
    run = {
        need.id: dict(zip(cap_ids[docs[i]].tolist(), scores[i].tolist(), strict=True))
        for i, need in enumerate(needs)
    }
    return run, {"index_seconds": indexed - started, "search_seconds": searched - indexed}


RRF_K = 60  # the usual constant of reciprocal-rank fusion (Cormack et al., 2009)


def rrf_run(
    needs: Sequence[NeedDoc],
    capabilities: Sequence[CapabilityDoc],
    *,
    k: int,
    depth: int = 1000,
) -> dict[int, dict[int, float]]:
    """BM25 (bm25s, top ``depth``) and cosine similarity of the items' embeddings (as given,
    all capabilities) fused by reciprocal rank: score = sum over both rankings of
    1 / (RRF_K + rank). need id -> {capability id: score} (top k). Needs the embeddings."""
    lexical, _ = bm25s_run(needs, capabilities, k=depth)
    cap_ids = np.array([c.id for c in capabilities])
    matrix = np.stack([np.asarray(c.embedding, dtype=np.float32) for c in capabilities])
    run = {}
    for need in needs:
        fused: dict[int, float] = {}
        matched = [(c, score) for c, score in lexical[need.id].items() if score > 0]
        ranked = sorted(matched, key=lambda kv: (-kv[1], kv[0]))
        for rank, (cap_id, _) in enumerate(ranked, start=1):
            fused[cap_id] = 1.0 / (RRF_K + rank)
        cosine = matrix @ np.asarray(need.embedding, dtype=np.float32)
        order = np.lexsort((cap_ids, -cosine))[:depth]
        for rank, row in enumerate(order, start=1):
            cap_id = int(cap_ids[row])
            fused[cap_id] = fused.get(cap_id, 0.0) + 1.0 / (RRF_K + rank)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        run[need.id] = dict(best)
    return run
