"""The two references every figure is shown beside: the BM25 of the ``bm25s`` package (Lucene
variant, English Snowball stemming and stop words, k1=1.5 b=0.75: its defaults) over the same
text, and the naive pairwise scorer (the engine's own formula, pair by pair, in pure Python)."""

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
