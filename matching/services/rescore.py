"""Runs: load the documents, let the engine score them, persist the pairs.

- ``rescore()``: incremental; only needs and capabilities changed since the last successful run
  are rescored, in both directions. It becomes a full run when none succeeded yet or the last
  full run failed or was abandoned.
- ``rescore(full=True)``: every published need against every matchable capability. With a
  ``dispatch`` (the Celery task passes one) and more needs than MATCHING_CHUNK_NEEDS (or more
  capabilities than MATCHING_CHUNK_CAPABILITIES), the work is split into id ranges of needs and
  of capabilities that a Celery group spreads over workers (``run_chunk``); the chunk that
  completes the set retires what fell out, prunes to the top K and marks the run done.
- ``rescore_need()`` / ``rescore_capability()``: one item, right after it is published.

All of them take the one run lock (see runs.py) and write each chunk in its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from companies.models import Capability
from healthmatch.accounts.models import RegulatoryItem
from matching.engine.api import Matcher
from matching.engine.structured import regulatory_implications
from matching.loading import load_world, matchable_capabilities
from matching.loading import matchable_needs as matchable_needs_qs
from matching.models import Match, MatchRun
from matching.services import runs, store
from matching.services.config import Configs
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


def _chunk_capabilities() -> int:
    return getattr(settings, "MATCHING_CHUNK_CAPABILITIES", 20000)


def _engine_chunk() -> int:
    return getattr(settings, "MATCHING_ENGINE_CHUNK", 256)


def _matcher(needs, capabilities) -> Matcher | None:
    if not needs or not capabilities:
        return None
    names = dict(RegulatoryItem.objects.values_list("pk", "name"))
    return Matcher(
        needs,
        capabilities,
        today=timezone.localdate(),
        regulatory_implies=regulatory_implications(names),
    )


def _persist_in_chunks(run, pairs) -> int:
    written = 0
    for i in range(0, len(pairs), PERSIST_PAIRS):
        count = store.persist(pairs[i : i + PERSIST_PAIRS], run=run)
        runs.heartbeat(run, matches=count)
        written += count
    return written


# --- Full runs --------------------------------------------------------------------------------
#
# A full run scores both sides exactly: each need's top K (``for_needs``, in batches of needs)
# and each capability's top K (``for_capabilities``, in batches of capabilities). Every batch is
# persisted in its own transaction, so memory stays bounded however large the run. A distributed
# run sends the same two kinds of chunks (id ranges of needs and of capabilities) to workers;
# nothing has to be merged: the stored rows are the union, and the final prune is exact.

NEED_SIDE = "needs"
CAPABILITY_SIDE = "capabilities"
CAPABILITY_BATCH = 2000  # capabilities per for_capabilities call inside a run


def _batched(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), max(size, 1))]


def _score_side(
    run, matcher, side: str, ids: list[int], *, configs, progress: Progress = _quiet
) -> int:
    """Score the listed needs (or capabilities) against everything and persist batch by batch."""
    if matcher is None or not ids:
        return 0
    if side == NEED_SIDE:
        exclude = store.dismissed_pairs(need_ids=ids if len(ids) < 5000 else None)
        batches, score = _batched(ids, _engine_chunk()), matcher.for_needs
    else:
        exclude = store.dismissed_pairs(capability_ids=ids if len(ids) < 5000 else None)
        batches, score = _batched(ids, CAPABILITY_BATCH), matcher.for_capabilities
    written = 0
    for number, batch in enumerate(batches, start=1):
        pairs = score(
            batch, weights_for=configs.weights_for, top_k=configs.max_top_k, exclude=exclude
        )
        count = store.persist(pairs, run=run)
        runs.heartbeat(run, matches=count)
        written += count
        progress(f"  {side} {number}/{len(batches)}: {count} matches written")
    return written


def finish_full_run(run: MatchRun, *, configs: Configs | None = None) -> MatchRun:
    """Retire what the run did not write (untouched rows fell out), prune to the top K per need
    and per capability, mark the run done."""
    configs = configs or Configs()
    retired = store.retire(Match.objects.exclude(last_run=run))
    retired += store.prune(configs=configs, full=True)
    runs.finish_run(run, retired=retired)
    runs.forget_old_runs()
    return run


def _full_inline(run: MatchRun, *, progress: Progress) -> MatchRun:
    configs = Configs()
    progress("Loading needs and capabilities…")
    needs, capabilities = load_world(tick=lambda: runs.heartbeat(run))
    MatchRun.objects.filter(pk=run.pk).update(needs=len(needs), capabilities=len(capabilities))
    progress(f"Scoring {len(needs)} needs against {len(capabilities)} capabilities…")
    matcher = _matcher(needs, capabilities)
    for side, docs in ((NEED_SIDE, needs), (CAPABILITY_SIDE, capabilities)):
        _score_side(run, matcher, side, [d.id for d in docs], configs=configs, progress=progress)
    progress("Pruning to the top matches and retiring the rest…")
    return finish_full_run(run, configs=configs)


def _ranges(ids: list[int], size: int) -> list[tuple[int, int]]:
    return [(batch[0], batch[-1]) for batch in _batched(ids, size)]


def _full(run, *, progress: Progress, dispatch: Dispatch | None) -> MatchRun:
    if dispatch is None:
        return _full_inline(run, progress=progress)
    need_ids = list(matchable_needs_qs().order_by("pk").values_list("pk", flat=True))
    cap_ids = list(matchable_capabilities().order_by("pk").values_list("pk", flat=True))
    need_ranges = _ranges(need_ids, _chunk_needs())
    cap_ranges = _ranges(cap_ids, _chunk_capabilities())
    if len(need_ranges) <= 1 and len(cap_ranges) <= 1:
        return _full_inline(run, progress=progress)
    chunks = [(NEED_SIDE, *r) for r in need_ranges] + [(CAPABILITY_SIDE, *r) for r in cap_ranges]
    MatchRun.objects.filter(pk=run.pk).update(
        chunks_total=len(chunks), needs=len(need_ids), capabilities=len(cap_ids)
    )
    run.chunks_total = len(chunks)
    progress(f"Dispatching {len(chunks)} chunks…")
    dispatch(run, chunks)
    return run


def chunk_key(side: str, first_id: int, last_id: int) -> str:
    return f"{side}:{first_id}-{last_id}"


def run_chunk(run_id: int, side: str, first_id: int, last_id: int) -> bool:
    """One chunk of a distributed full run: the needs (or capabilities) with ids in the range,
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
            if side == NEED_SIDE:
                needs, capabilities = load_world(
                    need_queryset=matchable_needs_qs().filter(**in_range),
                    tick=lambda: runs.heartbeat(run),
                )
                ids = [d.id for d in needs]
            else:
                needs, capabilities = load_world(tick=lambda: runs.heartbeat(run))
                ids = [d.id for d in capabilities if first_id <= d.id <= last_id]
            _score_side(run, _matcher(needs, capabilities), side, ids, configs=Configs())
        if runs.mark_chunk_done(run, key):
            finish_full_run(run)
            return True
        return False
    except runs.RunAborted as error:
        log.warning("%s", error)
        return False
    except Exception as error:
        runs.fail_run(run, error)
        raise


# --- Item and incremental runs ----------------------------------------------------------------


def _score_items(run, *, need_ids: set[int], capability_ids: set[int], configs: Configs) -> None:
    """Rescore a few needs and capabilities in both directions and store the result."""
    # Capabilities are scored against every need; needs alone only need themselves.
    need_queryset = None if capability_ids else matchable_needs_qs().filter(pk__in=sorted(need_ids))
    needs, capabilities = load_world(need_queryset=need_queryset, tick=lambda: runs.heartbeat(run))
    matcher = _matcher(needs, capabilities)
    need_pairs, capability_pairs = [], []
    if matcher is not None:
        wide = max(configs.max_top_k * WIDE_FACTOR, MIN_WIDE)
        exclude = store.dismissed_pairs(need_ids=need_ids, capability_ids=capability_ids)
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
    chosen = store.admit(
        need_pairs,
        capability_pairs,
        rescored_needs=need_ids,
        rescored_capabilities=capability_ids,
        configs=configs,
    )
    runs.heartbeat(run)
    _persist_in_chunks(run, chosen)
    retired = store.retire_for_needs(need_ids, keep_run=run)
    retired += store.retire_for_capabilities(capability_ids, keep_run=run)
    retired += store.prune(
        configs=configs,
        need_ids=need_ids | {pair.need_id for pair in chosen},
        capability_ids=capability_ids | {pair.capability_id for pair in chosen},
    )
    runs.heartbeat(run, retired=retired)


def _rescore_items(run, *, need_ids, capability_ids) -> MatchRun:
    """Matchable items are rescored; the others (closed, archived, ...) lose their matches."""
    need_ids, capability_ids = set(need_ids), set(capability_ids)
    live_needs = set(
        matchable_needs_qs().filter(pk__in=sorted(need_ids)).values_list("pk", flat=True)
    )
    live_caps = set(
        matchable_capabilities().filter(pk__in=sorted(capability_ids)).values_list("pk", flat=True)
    )
    retired = store.retire_for_needs(need_ids - live_needs)
    retired += store.retire_for_capabilities(capability_ids - live_caps)
    if live_needs or live_caps:
        _score_items(run, need_ids=live_needs, capability_ids=live_caps, configs=Configs())
    runs.finish_run(run, retired=retired, needs=len(live_needs), capabilities=len(live_caps))
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
    except runs.RunAborted as error:
        log.warning("%s", error)
        return run
    except Exception as error:
        runs.fail_run(run, error)
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
    run = runs.claim_run(Kind.FULL if full else Kind.INCREMENTAL, changed_since=changed_since)
    if run is None:
        progress("Another matching run is in progress; nothing done.")
        return None

    def work():
        since = changed_since
        if run.kind == Kind.INCREMENTAL and since is None:
            since = runs.last_watermark()
        if run.kind == Kind.INCREMENTAL and (since is None or runs.full_run_owed()):
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
    run = runs.claim_run(Kind.ITEM, need_ids=[need_id])
    if run is None:
        return None
    return _guarded(run, lambda: _rescore_items(run, need_ids=[need_id], capability_ids=[]))


def rescore_capability(capability_id: int) -> MatchRun | None:
    run = runs.claim_run(Kind.ITEM, capability_ids=[capability_id])
    if run is None:
        return None
    return _guarded(run, lambda: _rescore_items(run, need_ids=[], capability_ids=[capability_id]))
