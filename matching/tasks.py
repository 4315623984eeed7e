"""Thin Celery tasks over the services of matching's sub-domains (runs, notify, lifecycle). Every
one is safe to run twice or at once: runs take the run lock, writes are idempotent upserts."""

import logging

from celery import group, shared_task

from matching.lifecycle import follow_up
from matching.notify import emails as notify_emails
from matching.notify import webhooks as notify_webhooks
from matching.runs import embeddings, rescore

log = logging.getLogger(__name__)

# A one-item rescore waits for a running full or incremental run this long between tries;
# if it never gets the lock, the next incremental run picks the item up anyway.
ITEM_RETRY_SECONDS = 15
ITEM_MAX_RETRIES = 40
# Runs over everything may take long (the first one also computes every embedding); each
# batch shows a sign of life, so a stuck worker is still taken over after the stale timeout.
LONG = {"soft_time_limit": 3 * 3600, "time_limit": 3 * 3600 + 300}


def dispatch_chunks(run, chunks):
    """Spread a full run's id ranges of needs over the workers."""
    group(rescore_chunk.si(run.pk, side, first, last) for side, first, last in chunks).apply_async()


def _log_run(what, run):
    if run is None:
        log.info("%s: another matching run is in progress, skipped", what)
    else:
        log.info(
            "%s: run %s %s (%s matches, %s retired)",
            what,
            run.pk,
            run.state,
            run.matches,
            run.retired,
        )


@shared_task(acks_late=True, ignore_result=True, **LONG)
def rescore_incremental():
    run = rescore.rescore(dispatch=dispatch_chunks)
    _log_run("incremental rescore", run)


@shared_task(acks_late=True, ignore_result=True, **LONG)
def rescore_full():
    run = rescore.rescore(full=True, dispatch=dispatch_chunks)
    _log_run("full rescore", run)


@shared_task(acks_late=True, ignore_result=True, **LONG)
def rescore_chunk(run_id, side, first_id, last_id):
    finished = rescore.run_chunk(run_id, side, first_id, last_id)
    log.info(
        "matching run %s: %s %s-%s done%s",
        run_id,
        side,
        first_id,
        last_id,
        " (run finished)" if finished else "",
    )


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=ITEM_MAX_RETRIES)
def rescore_need(self, need_id):
    run = rescore.rescore_need(need_id)
    if run is None:
        raise self.retry(countdown=ITEM_RETRY_SECONDS)
    _log_run(f"need {need_id}", run)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=ITEM_MAX_RETRIES)
def rescore_capability(self, capability_id):
    run = rescore.rescore_capability(capability_id)
    if run is None:
        raise self.retry(countdown=ITEM_RETRY_SECONDS)
    _log_run(f"capability {capability_id}", run)


@shared_task(acks_late=True, ignore_result=True)
def prune_embeddings():
    """Nightly, after the full run: cached vectors no run will use again."""
    pruned = embeddings.prune_embeddings()
    log.info(
        "embedding cache: %s row(s) of deleted items and %s outdated row(s) deleted",
        pruned.orphaned,
        pruned.outdated,
    )


# --- Match emails (matching.notify) -------------------------------------------------------------
# Each pass is safe to run twice or at once: per-person locks, MatchNotice rows and unique outbox
# keys (see matching/notify/emails.py).
NOTIFY = {"soft_time_limit": 20 * 60, "time_limit": 20 * 60 + 60}


@shared_task(acks_late=True, ignore_result=True, **NOTIFY)
def send_match_notices():
    """The "immediately" pass: beat runs it every few minutes."""
    notify_emails.announce("immediately")


@shared_task(acks_late=True, ignore_result=True, **NOTIFY)
def send_daily_match_digests():
    notify_emails.announce("daily")


@shared_task(acks_late=True, ignore_result=True, **NOTIFY)
def send_weekly_match_digests():
    notify_emails.announce("weekly")


@shared_task(acks_late=True, ignore_result=True, **NOTIFY)
def send_match_created_webhooks():
    """Every few minutes: ``match.created`` to the organisations' systems that subscribe."""
    emitted = notify_webhooks.announce_new_matches()
    if emitted:
        log.info("match.created webhooks: %s event(s)", emitted)


# --- Match lifecycle (matching.lifecycle) -------------------------------------------------------


@shared_task(acks_late=True, ignore_result=True, **NOTIFY)
def send_match_follow_ups():
    """Daily: ask both sides of each match introduced long enough ago how it went (once)."""
    asked = follow_up.send_due_follow_ups()
    log.info("match follow-ups: %s match(es) asked", asked)
