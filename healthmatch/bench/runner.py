"""What ``manage.py match_bench`` runs: the production Matcher on benchmark data, beside the two
references (bm25s, and the naive pairwise scorer), returning the figures as a dict. Everything
printed goes through ``say`` so the command (or a test) decides where it goes."""

from __future__ import annotations

import datetime
import resource
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from healthmatch.bench import embeddings, metrics
from healthmatch.bench.beir import load_beir
from healthmatch.bench.naive import NaiveScorer
from healthmatch.bench.platform import Taxonomy, embedding_text, load_platform
from healthmatch.bench.references import bm25s_run, rrf_run
from matching.engine import embedders
from matching.engine.api import BLOCK_PAIRS, Matcher
from matching.engine.bm25 import TextIndex
from matching.engine.config import DEFAULT_CONFIG
from matching.engine.selection import top_k_rows
from matching.engine.text import Analyzer
from matching.engine.types import Weights

Say = Callable[[str], None]
BENCH_WEIGHTS = Weights(threshold=0.0)  # the default weights; rank everything, no threshold
NAIVE_PAIRS = 300_000  # the naive scorer's budget (queries x documents) on a retrieval set
NEW_NEEDS = 5  # synthetic: new needs timed one by one after the full rescore (median reported)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _attach_embeddings(needs, capabilities, embedder, cache_dir: Path, say: Say):
    """Needs embedded as queries, capabilities as passages (text as the Django layer builds
    it), read from the on-disk cache when already computed."""
    cache = embeddings.EmbeddingCache(embedder, cache_dir)
    started = time.perf_counter()
    need_vectors = cache.embed([embedding_text(n) for n in needs], "query", progress=True)
    cap_vectors = cache.embed(
        [embedding_text(c) for c in capabilities], "passage", batch=128, progress=True
    )
    say(
        f"embeddings ({embedder.name}): {time.perf_counter() - started:.1f} s "
        f"(cached on disk under {cache_dir})"
    )
    needs = [replace(n, embedding=v) for n, v in zip(needs, need_vectors, strict=True)]
    caps = [replace(c, embedding=v) for c, v in zip(capabilities, cap_vectors, strict=True)]
    return needs, caps


def _keyed(run, need_keys, cap_keys) -> dict[str, dict[str, float]]:
    return {need_keys[n]: {cap_keys[c]: s for c, s in docs.items()} for n, docs in run.items()}


def _engine_run(
    needs, caps, *, today, k: int, implies=None, config=DEFAULT_CONFIG
) -> tuple[dict, dict, Matcher]:
    started = time.perf_counter()
    matcher = Matcher(needs, caps, today=today, config=config, regulatory_implies=implies)
    indexed = time.perf_counter()
    pairs = matcher.for_needs([n.id for n in needs], weights_for=lambda n: BENCH_WEIGHTS, top_k=k)
    searched = time.perf_counter()
    run: dict[int, dict[int, float]] = {n.id: {} for n in needs}
    for pair in pairs:
        run[pair.need_id][pair.capability_id] = pair.score
    seconds = searched - indexed
    timing = {
        "index_seconds": indexed - started,
        "search_seconds": seconds,
        "queries_per_second": len(needs) / seconds if seconds > 0 else 0.0,
    }
    return run, timing, matcher


def _embedder(semantic: bool, name: str, say: Say):
    """The embedder to use, or None (text only) when ``semantic`` is off or none is installed."""
    embedder = embeddings.get_embedder(name) if semantic else None
    if semantic and embedder is None and name != "off":
        say("no embedding model is installed: running without the semantic signal")
    return embedder


def _naive_run(
    needs, caps, *, today, k: int, implies=None, config=DEFAULT_CONFIG
) -> dict[int, dict[int, float]]:
    scorer = NaiveScorer(needs, caps, today=today, config=config, regulatory_implies=implies)
    return {n.id: dict(scorer.top_for_need(n.id, BENCH_WEIGHTS, k)) for n in needs}


def _figures(label: str, result: dict, say: Say) -> None:
    say(
        f"{label:<28} nDCG@10 {result['ndcg@10']:.4f}   Recall@100 {result['recall@100']:.4f}"
        f"   ({result['queries']} queries)"
    )


def _paired(name: str, engine: dict, reference: dict, out: dict, say: Say) -> None:
    """The engine minus a reference, per query, with a 95 % paired-bootstrap interval."""
    parts = []
    for index, metric in enumerate(("ndcg@10", "recall@100")):
        mean, low, high = metrics.paired_bootstrap(
            engine["per_query"], reference["per_query"], metric=index
        )
        out[f"engine_minus_{name}_{metric}"] = [mean, low, high]
        parts.append(f"{metric} {mean:+.4f} [{low:+.4f}, {high:+.4f}]")
    say(f"{'':<28} engine - {name}, 95 % paired bootstrap: " + ", ".join(parts))


def _compare(
    needs,
    caps,
    keys,
    qrels,
    *,
    today,
    semantic_note: str,
    say: Say,
    run_file=None,
    implies=None,
    naive_pairs: int = NAIVE_PAIRS,
    config=DEFAULT_CONFIG,
) -> dict:
    need_keys, cap_keys = keys
    engine, timing, _ = _engine_run(needs, caps, today=today, k=100, implies=implies, config=config)
    engine_metrics = metrics.evaluate(_keyed(engine, need_keys, cap_keys), qrels)
    _figures(f"engine ({semantic_note})", engine_metrics, say)
    say(
        f"{'':<28} index {timing['index_seconds']:.2f} s, "
        f"{timing['queries_per_second']:.0f} queries/s"
    )
    out = {
        "ndcg@10": engine_metrics["ndcg@10"],
        "recall@100": engine_metrics["recall@100"],
        "queries": engine_metrics["queries"],
        **timing,
        "semantic": semantic_note,
    }
    if run_file:
        metrics.write_trec_run(run_file, _keyed(engine, need_keys, cap_keys), tag="healthmatch")
        say(f"TREC run written to {run_file}")
    reference, ref_timing = bm25s_run(needs, caps, k=100)
    ref_metrics = metrics.evaluate(_keyed(reference, need_keys, cap_keys), qrels)
    _figures("bm25s (stemmed BM25)", ref_metrics, say)
    out.update(
        {
            "bm25s_ndcg@10": ref_metrics["ndcg@10"],
            "bm25s_recall@100": ref_metrics["recall@100"],
            "bm25s_index_seconds": ref_timing["index_seconds"],
            "bm25s_queries_per_second": len(needs) / max(ref_timing["search_seconds"], 1e-9),
        }
    )
    _paired("bm25s", engine_metrics, ref_metrics, out, say)
    if needs and caps and all(d.embedding is not None for d in (*needs, *caps)):
        fused = rrf_run(needs, caps, k=100)
        fused_metrics = metrics.evaluate(_keyed(fused, need_keys, cap_keys), qrels)
        _figures("bm25s + embeddings, RRF", fused_metrics, say)
        out.update(
            {"rrf_ndcg@10": fused_metrics["ndcg@10"], "rrf_recall@100": fused_metrics["recall@100"]}
        )
        _paired("rrf", engine_metrics, fused_metrics, out, say)
    subset = needs[: max(1, naive_pairs // max(len(caps), 1))]
    started = time.perf_counter()
    naive = _naive_run(subset, caps, today=today, k=100, implies=implies, config=config)
    naive_seconds = time.perf_counter() - started
    subset_qrels = {
        need_keys[n.id]: qrels[need_keys[n.id]] for n in subset if need_keys[n.id] in qrels
    }
    naive_metrics = metrics.evaluate(_keyed(naive, need_keys, cap_keys), subset_qrels)
    engine_subset = metrics.evaluate(_keyed(engine, need_keys, cap_keys), subset_qrels)
    worst = max(
        (
            abs(engine[n][c] - s)
            for n, docs in naive.items()
            for c, s in docs.items()
            if c in engine[n]
        ),
        default=0.0,
    )
    scope = "all" if len(subset) == len(needs) else f"first {len(subset)} of {len(needs)}"
    say(
        f"naive pairwise ({scope} queries): nDCG@10 {naive_metrics['ndcg@10']:.4f} "
        f"Recall@100 {naive_metrics['recall@100']:.4f} vs engine on the same queries "
        f"{engine_subset['ndcg@10']:.4f} / {engine_subset['recall@100']:.4f}; "
        f"max |score difference| {worst:.2e}; {len(subset) / naive_seconds:.2f} queries/s"
    )
    out.update(
        {
            "naive_queries": len(subset),
            "naive_ndcg@10": naive_metrics["ndcg@10"],
            "naive_recall@100": naive_metrics["recall@100"],
            "engine_on_naive_subset_ndcg@10": engine_subset["ndcg@10"],
            "naive_max_score_difference": worst,
            "naive_queries_per_second": len(subset) / naive_seconds,
        }
    )
    return out


def run_beir(
    directory: Path | str,
    *,
    split: str = "test",
    queries: Path | str | None = None,
    semantic: bool = True,
    embedder: str = "auto",
    run_file: Path | str | None = None,
    cache_dir: Path | str = embeddings.DEFAULT_CACHE,
    naive_pairs: int = NAIVE_PAIRS,
    say: Say = print,
) -> dict:
    data = load_beir(directory, split=split, queries=queries)
    say(
        f"BEIR {directory} split={split} queries={queries or 'queries.jsonl'}: "
        f"{len(data.needs)} judged queries, {len(data.capabilities)} documents"
    )
    needs, caps = data.needs, data.capabilities
    note = "text only"
    model = _embedder(semantic, embedder, say)
    if model is not None:
        needs, caps = _attach_embeddings(needs, caps, model, Path(cache_dir), say)
        note = f"text + {getattr(model, 'key', model.name)}"
    out = _compare(
        needs,
        caps,
        (data.need_keys, data.cap_keys),
        data.qrels,
        today=datetime.date.today(),
        semantic_note=note,
        say=say,
        config=embedders.engine_config(model),
        run_file=run_file,
        naive_pairs=naive_pairs,
    )
    return {"dataset": str(directory), "split": split, "queries_file": str(queries or ""), **out}


def run_platform(
    directory: Path | str,
    *,
    taxonomy: Taxonomy | None = None,
    today: datetime.date | None = None,
    semantic: bool = True,
    embedder: str = "auto",
    run_file: Path | str | None = None,
    cache_dir: Path | str = embeddings.DEFAULT_CACHE,
    say: Say = print,
) -> dict:
    data = load_platform(directory, taxonomy=taxonomy, today=today)
    say(
        f"platform {directory}: {len(data.needs)} needs, {len(data.capabilities)} capabilities, "
        f"today={data.today}"
    )
    needs, caps = data.needs, data.capabilities
    note = "text + structured"
    model = _embedder(semantic, embedder, say)
    if model is not None:
        needs, caps = _attach_embeddings(needs, caps, model, Path(cache_dir), say)
        note = f"text + structured + {getattr(model, 'key', model.name)}"
    out = _compare(
        needs,
        caps,
        (data.need_keys, data.cap_keys),
        data.qrels,
        today=data.today,
        semantic_note=note,
        say=say,
        config=embedders.engine_config(model),
        run_file=run_file,
        implies=data.regulatory_implies,
    )
    return {"dataset": str(directory), **out}


def run_synthetic(
    n_needs: int,
    n_capabilities: int,
    *,
    top_k: int = 25,
    semantic: bool = True,
    dim: int = 384,
    config=DEFAULT_CONFIG,
    bm25s_reference: bool = True,
    seed: int = 7,
    say: Say = print,
) -> dict:
    """``config``: the engine settings of the embedder the vectors stand in for (its
    calibration, and its projection of wide vectors)."""
    from healthmatch.bench.synthetic import generate_world

    started = time.perf_counter()
    world = generate_world(
        n_needs + NEW_NEEDS, n_capabilities, seed=seed, dim=dim, embeddings=semantic
    )
    needs, new_needs = world.needs[:n_needs], world.needs[n_needs:]
    caps = world.capabilities
    say(
        f"synthetic world: {n_needs} needs x {n_capabilities} capabilities, generated in "
        f"{time.perf_counter() - started:.1f} s"
        + (
            f"; embeddings are random unit vectors ({dim} dimensions) near a topic direction, "
            "standing in for the cached per-item embeddings a rescore reads (never recomputed "
            "in a rescore)"
            if semantic
            else "; no embeddings"
        )
    )
    weights = Weights()
    rss_before = peak_rss_mb()
    started_full = time.perf_counter()
    matcher = Matcher(needs, caps, today=world.today, config=config)
    indexed = time.perf_counter()
    pairs = 0
    for chunk in matcher.all_pairs(weights_for=lambda n: weights, top_k=top_k):
        pairs += len(chunk)
    finished = time.perf_counter()
    peak = peak_rss_mb()
    say(
        f"full rescore: {finished - started_full:.1f} s (index {indexed - started_full:.1f} s, "
        f"scoring and explanations {finished - indexed:.1f} s), {pairs} pairs kept "
        f"(top {top_k} per need and per capability), peak RSS {peak:.0f} MB "
        f"(before the engine: {rss_before:.0f} MB)"
    )
    timings, found = [], []
    for new_need in new_needs:  # one at a time, as publishing does
        started = time.perf_counter()
        matcher.add_needs([new_need])
        found.append(
            len(matcher.for_needs([new_need.id], weights_for=lambda n: weights, top_k=top_k))
        )
        timings.append((time.perf_counter() - started) * 1000)
    incremental_ms = float(np.median(timings))
    say(
        f"one new need against {n_capabilities} capabilities: {incremental_ms:.1f} ms engine "
        f"time, median of {len(timings)} new needs (each: {', '.join(f'{t:.1f}' for t in timings)}"
        f" ms; {min(found)} to {max(found)} matches; the worker's Matcher already holds the "
        "capabilities)"
    )
    del matcher
    started = time.perf_counter()
    _text_stage(needs, caps, top_k)
    text_seconds = time.perf_counter() - started
    say(f"text stage alone (analyse, index, score every need, top {top_k}): {text_seconds:.1f} s")
    out = {
        "needs": n_needs,
        "capabilities": n_capabilities,
        "full_seconds": finished - started_full,
        "index_seconds": indexed - started_full,
        "scoring_seconds": finished - indexed,
        "incremental_ms": incremental_ms,
        "incremental_ms_each": timings,
        "peak_rss_mb": peak,
        "pairs": pairs,
        "semantic": semantic,
        "dim": dim if semantic else 0,
        "semantic_dims": config.semantic_dims if semantic else None,
        "text_stage_seconds": text_seconds,
    }
    if bm25s_reference:
        run, timing = bm25s_run(needs, caps, k=top_k)
        bm25s_seconds = timing["index_seconds"] + timing["search_seconds"]
        say(
            f"bm25s on the same text (tokenise, index, retrieve top {top_k}): "
            f"{bm25s_seconds:.1f} s (index {timing['index_seconds']:.1f} s, "
            f"retrieve {timing['search_seconds']:.1f} s)"
        )
        out["bm25s_text_stage_seconds"] = bm25s_seconds
    return out


def _text_stage(needs, caps, top_k: int) -> None:
    """The engine's text relevance alone, the same work bm25s does: analyse, index, score every
    need against every capability, keep each need's best top_k."""
    text = TextIndex(Analyzer(), caps, DEFAULT_CONFIG)
    text.add_needs(needs)
    rows = np.arange(len(needs))
    step = max(1, BLOCK_PAIRS // max(len(caps), 1))
    for start in range(0, len(rows), step):
        top_k_rows(text.block(rows[start : start + step]), top_k)
