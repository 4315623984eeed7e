"""Runs: load the documents, let the engine score them, persist the pairs.

- ``rescore()``: incremental; only needs and capabilities changed since the last successful run
  are rescored, in both directions. It becomes a full run when none succeeded yet or the last
  full run failed or was abandoned.
- ``rescore(full=True)``: every published need against every matchable capability. With a
  ``dispatch`` (the Celery task passes one) and more needs than MATCHING_CHUNK_NEEDS, the work
  is split into id ranges of needs that a Celery group spreads over workers (``run_chunk``);
  the chunk that completes the set retires what fell out, prunes to the top K and marks the run
  done.
- ``rescore_need()`` / ``rescore_capability()``: one item, right after it is published. Needs
  alone are scored on the process's cached Matcher (matchers.py): milliseconds, not a rebuild
  of the capability index.

All of them take the one run lock (see records.py) and write each chunk in its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q

from companies.models import Capability
from matching.engine.api import Matcher
from matching.models import Match
from matching.runs.config import Configs
from matching.runs.loading import load_world, matchable_capabilities
from matching.runs.loading import matchable_needs as matchable_needs_qs
from matching.runs.matchers import build_matcher, score_needs
from matching.runs.models import MatchRun
from matching.runs.records import (
    RunAborted,
    claim_run,
    fail_run,
    finish_run,
    forget_old_runs,
    full_run_owed,
    heartbeat,
    last_watermark,
    mark_chunk_done,
)
from matching.runs.store import (
    admit,
    dismissed_pairs,
    persist,
    prune,
    retire,
    retire_for_capabilities,
    retire_for_needs,
)
from needs.models import Need

log = logging.getLogger(__name__)

Kind = MatchRun.Kind
Progress = Callable[[str], None]
Dispatch = Callable[[MatchRun, list[tuple[str, int, int]]], None]

# Item runs ask the engine for this many candidates per item (times K), so that a new need
# also enters the lists of capabilities for which it is among the best.
WIDE_FACTOR = 10
MIN_WIDE = 250
# An incremental run with more changed items than this is done as a full run.
INCREMENTAL_LIMIT = 2000
PERSIST_PAIRS = 5000


def _quiet(_message: str) -> None:
    pass


def _chunk_needs() -> int:
    return getattr(settings, "MATCHING_CHUNK_NEEDS", 2000)


def _engine_chunk() -> int:
    return getattr(settings, "MATCHING_ENGINE_CHUNK", 256)


def _matcher(needs, capabilities) -> Matcher | None:
    return build_matcher(needs, capabilities) if needs else None


def _persist_in_chunks(run, pairs) -> int:
    written = 0
    for i in range(0, len(pairs), PERSIST_PAIRS):
        count = persist(pairs[i : i + PERSIST_PAIRS], run=run)
        heartbeat(run, matches=count)
        written += count
    return written


# --- Full runs --------------------------------------------------------------------------------
#
# A full run scores every pair once (``Matcher.all_pairs``): it yields each chunk of needs' top
# K as soon as the chunk is scored, then each capability's top K that was not yielded already,
# in lists of bounded size. Every list is persisted as it comes (its own transactions), so memory
# stays flat however large the run. A distributed run sends id ranges of needs to the workers;
# each scores its slice against every capability, both sides. The union of the slices' lists
# holds every capability's overall top K, so the final step (retire what the run did not write,
# prune to the top K per need and per capability) merges them exactly, as for an inline run.

NEED_SIDE = "needs"


def _batched(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), max(size, 1))]


def _score_all(run, matcher, *, configs, need_ids=None, progress: Progress = _quiet) -> int:
    """Score the matcher's needs (or ``need_ids`` of them) against every capability, both
    sides in one pass, and persist list by list."""
    if matcher is None:
        return 0
    few = need_ids is not None and len(need_ids) < 5000
    exclude = dismissed_pairs(need_ids=need_ids if few else None)
    n_needs = len(matcher.need_row) if need_ids is None else len(need_ids)
    chunk = _engine_chunk()
    need_lists = -(-n_needs // max(chunk, 1))
    lists = matcher.all_pairs(
        weights_for=configs.weights_for,
        top_k=configs.max_top_k,
        exclude=exclude,
        need_ids=need_ids,
        chunk_size=chunk,
    )
    written = 0
    for number, pairs in enumerate(lists, start=1):
        if number > need_lists:  # in need order: the inserts walk the table's index in order
            pairs.sort(key=lambda pair: (pair.need_id, pair.capability_id))
        count = _persist_in_chunks(run, pairs)
        written += count
        if number <= need_lists:
            progress(f"  needs {number}/{need_lists}: {count} matches written")
        else:
            progress(f"  capabilities {number - need_lists}: {count} more matches written")
    return written


def finish_full_run(run: MatchRun, *, configs: Configs | None = None) -> MatchRun:
    """Retire what the run did not write (untouched rows fell out), prune to the top K per need
    and per capability, mark the run done."""
    configs = configs or Configs()
    retired = retire(Match.objects.exclude(last_run=run))
    retired += prune(configs=configs, full=True)
    finish_run(run, retired=retired)
    forget_old_runs()
    return run


def _full_inline(run: MatchRun, *, progress: Progress) -> MatchRun:
    configs = Configs()
    progress("Loading needs and capabilities…")
    needs, capabilities = load_world(tick=lambda: heartbeat(run))
    MatchRun.objects.filter(pk=run.pk).update(needs=len(needs), capabilities=len(capabilities))
    progress(f"Scoring {len(needs)} needs against {len(capabilities)} capabilities…")
    matcher = _matcher(needs, capabilities)
    del needs, capabilities  # the matcher holds what it needs
    _score_all(run, matcher, configs=configs, progress=progress)
    del matcher
    progress("Pruning to the top matches and retiring the rest…")
    return finish_full_run(run, configs=configs)


def _ranges(ids: list[int], size: int) -> list[tuple[int, int]]:
    return [(batch[0], batch[-1]) for batch in _batched(ids, size)]


def _full(run, *, progress: Progress, dispatch: Dispatch | None) -> MatchRun:
    if dispatch is None:
        return _full_inline(run, progress=progress)
    need_ids = list(matchable_needs_qs().order_by("pk").values_list("pk", flat=True))
    need_ranges = _ranges(need_ids, _chunk_needs())
    if len(need_ranges) <= 1:
        return _full_inline(run, progress=progress)
    chunks = [(NEED_SIDE, *r) for r in need_ranges]
    MatchRun.objects.filter(pk=run.pk).update(
        chunks_total=len(chunks),
        needs=len(need_ids),
        capabilities=matchable_capabilities().count(),
    )
    run.chunks_total = len(chunks)
    progress(f"Dispatching {len(chunks)} chunks…")
    dispatch(run, chunks)
    return run


def chunk_key(side: str, first_id: int, last_id: int) -> str:
    return f"{side}:{first_id}-{last_id}"


def run_chunk(run_id: int, side: str, first_id: int, last_id: int) -> bool:
    """One chunk of a distributed full run: the needs with ids in the range,
    scored against everything. Returns True when it was the last chunk and the run is done.
    Safe to repeat: a redelivered chunk rewrites the same rows and counts once."""
    key = chunk_key(side, first_id, last_id)
    run = MatchRun.objects.filter(pk=run_id).first()
    if run is None or run.state != MatchRun.State.RUNNING:
        log.info("matching chunk %s of run %s skipped: run not running", key, run_id)
        return False
    try:
        if key not in run.chunks_done:
            in_range = {"pk__gte": first_id, "pk__lte": last_id}
            if side != NEED_SIDE:
                raise ValueError(f"unknown chunk side {side!r}")
            needs, capabilities = load_world(
                need_queryset=matchable_needs_qs().filter(**in_range),
                tick=lambda: heartbeat(run),
            )
            matcher = _matcher(needs, capabilities)
            _score_all(run, matcher, configs=Configs(), need_ids=[d.id for d in needs])
        if mark_chunk_done(run, key):
            finish_full_run(run)
            return True
        return False
    except RunAborted as error:
        log.warning("%s", error)
        return False
    except Exception as error:
        fail_run(run, error)
        raise


# --- Item and incremental runs ----------------------------------------------------------------


def _score_items(run, *, need_ids: set[int], capability_ids: set[int], configs: Configs) -> None:
    """Rescore a few needs and capabilities in both directions and store the result."""
    wide = max(configs.max_top_k * WIDE_FACTOR, MIN_WIDE)
    exclude = dismissed_pairs(need_ids=need_ids, capability_ids=capability_ids)
    need_pairs, capability_pairs = [], []
    if not capability_ids:
        # Needs alone: scored on the cached capability index, built again only when it changed.
        needs, _ = load_world(
            need_queryset=matchable_needs_qs().filter(pk__in=sorted(need_ids)),
            capability_queryset=Capability.objects.none(),
            tick=lambda: heartbeat(run),
        )
        need_pairs = score_needs(
            needs, weights_for=configs.weights_for, top_k=wide, exclude=exclude
        )
        matcher = None
    else:
        # Capabilities are scored against every need.
        needs, capabilities = load_world(tick=lambda: heartbeat(run))
        matcher = _matcher(needs, capabilities)
    if matcher is not None:
        if need_ids:
            need_pairs = matcher.for_needs(
                sorted(need_ids), weights_for=configs.weights_for, top_k=wide, exclude=exclude
            )
        if capability_ids:
            capability_pairs = matcher.for_capabilities(
                sorted(capability_ids),
                weights_for=configs.weights_for,
                top_k=wide,
                exclude=exclude,
            )
    chosen = admit(
        need_pairs,
        capability_pairs,
        rescored_needs=need_ids,
        rescored_capabilities=capability_ids,
        configs=configs,
    )
    heartbeat(run)
    _persist_in_chunks(run, chosen)
    retired = retire_for_needs(need_ids, keep_run=run)
    retired += retire_for_capabilities(capability_ids, keep_run=run)
    retired += prune(
        configs=configs,
        need_ids=need_ids | {pair.need_id for pair in chosen},
        capability_ids=capability_ids | {pair.capability_id for pair in chosen},
    )
    heartbeat(run, retired=retired)


def _rescore_items(run, *, need_ids, capability_ids) -> MatchRun:
    """Matchable items are rescored; the others (closed, archived, ...) lose their matches."""
    need_ids, capability_ids = set(need_ids), set(capability_ids)
    live_needs = set(
        matchable_needs_qs().filter(pk__in=sorted(need_ids)).values_list("pk", flat=True)
    )
    live_caps = set(
        matchable_capabilities().filter(pk__in=sorted(capability_ids)).values_list("pk", flat=True)
    )
    retired = retire_for_needs(need_ids - live_needs)
    retired += retire_for_capabilities(capability_ids - live_caps)
    if live_needs or live_caps:
        _score_items(run, need_ids=live_needs, capability_ids=live_caps, configs=Configs())
    finish_run(run, retired=retired, needs=len(live_needs), capabilities=len(live_caps))
    return run


def changed_items(since) -> tuple[set[int], set[int]]:
    """Ids of the needs and capabilities changed since ``since`` (any status)."""
    need_ids = set(Need.objects.filter(updated_at__gte=since).values_list("pk", flat=True))
    capability_ids = set(
        Capability.objects.filter(
            Q(updated_at__gte=since)
            | Q(company__updated_at__gte=since)
            | Q(company__organisation__verified_at__gte=since)
        ).values_list("pk", flat=True)
    )
    return need_ids, capability_ids


def _guarded(run: MatchRun, work: Callable[[], MatchRun]) -> MatchRun:
    """Run ``work``; an error marks the run failed (the next run redoes it) and is re-raised.
    A killed worker never gets here: its run stays 'running' until taken over."""
    try:
        return work()
    except RunAborted as error:
        log.warning("%s", error)
        return run
    except Exception as error:
        fail_run(run, error)
        raise


def rescore(
    *,
    full: bool = False,
    changed_since=None,
    progress: Progress | None = None,
    dispatch: Dispatch | None = None,
) -> MatchRun | None:
    """A full or incremental run; None when another run holds the lock."""
    progress = progress or _quiet
    run = claim_run(Kind.FULL if full else Kind.INCREMENTAL, changed_since=changed_since)
    if run is None:
        progress("Another matching run is in progress; nothing done.")
        return None

    def work():
        since = changed_since
        if run.kind == Kind.INCREMENTAL and since is None:
            since = last_watermark()
        if run.kind == Kind.INCREMENTAL and (since is None or full_run_owed()):
            progress("No complete full run on record: running a full one.")
            _become(run, Kind.FULL)
        if run.kind == Kind.FULL:
            return _full(run, progress=progress, dispatch=dispatch)
        MatchRun.objects.filter(pk=run.pk).update(changed_since=since)
        need_ids, capability_ids = changed_items(since)
        if len(need_ids) + len(capability_ids) > INCREMENTAL_LIMIT:
            progress(f"{len(need_ids) + len(capability_ids)} items changed: running a full run.")
            _become(run, Kind.FULL)
            return _full(run, progress=progress, dispatch=dispatch)
        progress(
            f"Rescoring {len(need_ids)} changed need(s) and "
            f"{len(capability_ids)} changed capability(ies)…"
        )
        return _rescore_items(run, need_ids=need_ids, capability_ids=capability_ids)

    return _guarded(run, work)


def _become(run: MatchRun, kind: str) -> None:
    MatchRun.objects.filter(pk=run.pk).update(kind=kind)
    run.kind = kind


def rescore_need(need_id: int) -> MatchRun | None:
    """Rescore one need (or retire its matches when it is no longer published); None when
    another run holds the lock (the task retries)."""
    run = claim_run(Kind.ITEM, need_ids=[need_id])
    if run is None:
        return None
    return _guarded(run, lambda: _rescore_items(run, need_ids=[need_id], capability_ids=[]))


def rescore_capability(capability_id: int) -> MatchRun | None:
    run = claim_run(Kind.ITEM, capability_ids=[capability_id])
    if run is None:
        return None
    return _guarded(run, lambda: _rescore_items(run, need_ids=[], capability_ids=[capability_id]))
