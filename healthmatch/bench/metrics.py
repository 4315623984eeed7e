"""Retrieval metrics with trec_eval semantics, and TREC run files.

Runs are ranked the way trec_eval ranks them: by score, descending, ties broken by document id
descending. nDCG@k uses linear gains (the judged grade: 2 or 1) and log2 discounts, the ideal
ranking built from all judged documents (pytrec_eval's ``ndcg_cut``); Recall@k counts documents
judged above 0. Queries without any relevant document are left out, as trec_eval does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from pathlib import Path

Run = Mapping[str, Mapping[str, float]]  # query id -> doc id -> score
Qrels = Mapping[str, Mapping[str, int]]  # query id -> doc id -> grade


def ranked(scores: Mapping[str, float]) -> list[str]:
    return [doc for doc, _ in sorted(scores.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)]


def ndcg_at(run: Mapping[str, float], judged: Mapping[str, int], k: int) -> float:
    ranking = ranked(run)[:k]
    dcg = sum(judged.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranking))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(run: Mapping[str, float], judged: Mapping[str, int], k: int) -> float:
    relevant = {doc for doc, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked(run)[:k])) / len(relevant)


def evaluate(run: Run, qrels: Qrels, *, k_ndcg: int = 10, k_recall: int = 100) -> dict:
    """Mean nDCG@k and Recall@k over the judged queries with a relevant document (a judged
    query missing from the run scores 0) and the per-query values."""
    per_query = {}
    for qid, judged in qrels.items():
        if not any(g > 0 for g in judged.values()):
            continue
        scores = run.get(qid, {})
        per_query[qid] = (ndcg_at(scores, judged, k_ndcg), recall_at(scores, judged, k_recall))
    n = max(len(per_query), 1)
    return {
        f"ndcg@{k_ndcg}": sum(v[0] for v in per_query.values()) / n,
        f"recall@{k_recall}": sum(v[1] for v in per_query.values()) / n,
        "queries": len(per_query),
        "per_query": per_query,
    }


def write_trec_run(path: Path | str, run: Run, *, tag: str, depth: int = 100) -> None:
    """``qid Q0 docid rank score tag``, best first, ``depth`` lines per query."""
    with open(path, "w", encoding="utf-8") as out:
        for qid in sorted(run):
            for rank, doc in enumerate(ranked(run[qid])[:depth], start=1):
                out.write(f"{qid} Q0 {doc} {rank} {run[qid][doc]:.6f} {tag}\n")


def paired_bootstrap(
    a: Mapping[str, tuple[float, ...]],
    b: Mapping[str, tuple[float, ...]],
    *,
    metric: int = 0,
    samples: int = 10_000,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Mean of a - b over the queries both have (``metric`` indexes the per-query tuple of
    ``evaluate``: 0 nDCG, 1 Recall), with a 95 % paired-bootstrap interval over queries."""
    queries = sorted(set(a) & set(b))
    if not queries:
        return 0.0, 0.0, 0.0
    diffs = [a[q][metric] - b[q][metric] for q in queries]
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(sum(rng.choices(diffs, k=n)) / n for _ in range(samples))
    return sum(diffs) / n, means[int(0.025 * samples)], means[int(0.975 * samples) - 1]
