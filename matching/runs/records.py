"""The MatchRun lifecycle: claim (the lock), heartbeat, finish, fail, take over.

At most one run is ``running`` (a partial unique constraint), so two runs started at once cannot
both proceed: the second claim fails and returns None. A worker killed mid-run cannot say so:
its row stays ``running`` until its heartbeat is older than MATCHING_RUN_STALE_SECONDS, when the
next claim marks it failed and takes the lock. A failed (or abandoned) full run makes the next
run a full one, so the work is completed; incremental runs always start from the watermark of
the last successful run, so an interrupted one is simply covered by the next.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from matching.runs.models import MatchRun

log = logging.getLogger(__name__)

Kind = MatchRun.Kind
State = MatchRun.State
# Items saved in a transaction that commits after a run started may carry an updated_at a
# little before the run's start: the next incremental run looks back this much further.
WATERMARK_OVERLAP = datetime.timedelta(minutes=2)
KEEP_RUNS_DAYS = 30


class RunAborted(Exception):
    """The run was taken over (or finished) by somebody else: stop writing."""


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "MATCHING_RUN_STALE_SECONDS", 1200))


def claim_run(kind: str, *, need_ids=(), capability_ids=(), changed_since=None) -> MatchRun | None:
    """Start a run, or return None when another run is alive. A stale one is taken over."""
    now = timezone.now()
    with transaction.atomic():
        current = (
            MatchRun.objects.select_for_update(skip_locked=True).filter(state=State.RUNNING).first()
        )
        if current is not None:
            if current.heartbeat_at > now - stale_after():
                return None
            log.warning(
                "taking over matching run %s (no sign of life since %s)",
                current.pk,
                current.heartbeat_at,
            )
            MatchRun.objects.filter(pk=current.pk, state=State.RUNNING).update(
                state=State.FAILED,
                finished_at=now,
                error=f"Abandoned: no sign of life since {current.heartbeat_at:%Y-%m-%d %H:%M:%S}"
                " (taken over by the next run).",
            )
        try:
            with transaction.atomic():
                return MatchRun.objects.create(
                    kind=kind,
                    started_at=now,
                    heartbeat_at=now,
                    changed_since=changed_since,
                    need_ids=list(need_ids),
                    capability_ids=list(capability_ids),
                )
        except IntegrityError:
            return None  # another worker claimed it between our read and our insert


def heartbeat(run: MatchRun, *, matches: int = 0, retired: int = 0) -> None:
    """Show the run is alive (and add to its counts); raise RunAborted when it no longer holds
    the lock, so a taken-over run stops writing."""
    now = timezone.now()
    updated = MatchRun.objects.filter(pk=run.pk, state=State.RUNNING).update(
        heartbeat_at=now, matches=F("matches") + matches, retired=F("retired") + retired
    )
    if not updated:
        raise RunAborted(f"matching run {run.pk} is no longer running")
    run.heartbeat_at = now


def finish_run(run: MatchRun, *, matches: int = 0, retired: int = 0, **fields) -> bool:
    """Mark the run done (adding to its counts); False when it was no longer running."""
    now = timezone.now()
    updated = MatchRun.objects.filter(pk=run.pk, state=State.RUNNING).update(
        state=State.DONE,
        finished_at=now,
        heartbeat_at=now,
        matches=F("matches") + matches,
        retired=F("retired") + retired,
        **fields,
    )
    run.refresh_from_db()
    return bool(updated)


def fail_run(run: MatchRun, error: BaseException | str) -> None:
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk, state=State.RUNNING).update(
        state=State.FAILED, finished_at=now, error=str(error)[:5000] or type(error).__name__
    )
    run.refresh_from_db()


def last_watermark() -> datetime.datetime | None:
    """Where the next incremental run starts: the start of the last successful full or
    incremental run (minus a small overlap); None when there was none."""
    last = (
        MatchRun.objects.filter(kind__in=(Kind.FULL, Kind.INCREMENTAL), state=State.DONE)
        .order_by("-started_at", "-pk")
        .values_list("started_at", flat=True)
        .first()
    )
    return None if last is None else last - WATERMARK_OVERLAP


def full_run_owed() -> bool:
    """True when there has never been a successful full run, or the last full run after it
    failed or was abandoned: the next run must redo the full run."""
    last_done = (
        MatchRun.objects.filter(kind=Kind.FULL, state=State.DONE)
        .order_by("-started_at", "-pk")
        .values_list("started_at", flat=True)
        .first()
    )
    if last_done is None:
        return True
    return MatchRun.objects.filter(
        kind=Kind.FULL, state=State.FAILED, started_at__gt=last_done
    ).exists()


def mark_chunk_done(run: MatchRun, key: str) -> bool:
    """Record one chunk of a distributed full run; True when it was the last one missing.
    Safe to repeat: a redelivered chunk counts once."""
    with transaction.atomic():
        locked = MatchRun.objects.select_for_update().get(pk=run.pk)
        if locked.state != State.RUNNING:
            raise RunAborted(f"matching run {run.pk} is no longer running")
        done = set(locked.chunks_done)
        if key not in done:
            done.add(key)
            locked.chunks_done = sorted(done)
            locked.heartbeat_at = timezone.now()
            locked.save(update_fields=["chunks_done", "heartbeat_at"])
        run.chunks_done = locked.chunks_done
        return len(done) >= locked.chunks_total


def forget_old_runs(days: int = KEEP_RUNS_DAYS) -> int:
    """Delete finished runs older than ``days`` (the log would grow by hundreds a day); the
    latest successful full and incremental runs are always kept (they hold the watermark)."""
    keep = [
        pk
        for kind in (Kind.FULL, Kind.INCREMENTAL)
        for pk in MatchRun.objects.filter(kind=kind, state=State.DONE)
        .order_by("-started_at", "-pk")
        .values_list("pk", flat=True)[:1]
    ]
    old = MatchRun.objects.filter(
        started_at__lt=timezone.now() - datetime.timedelta(days=days)
    ).exclude(state=State.RUNNING)
    deleted, _ = old.exclude(pk__in=keep).delete()
    return deleted
