"""Thin Celery tasks of the core: they take ids, call the code that does the work, and log."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from healthmatch.accounts.outbox import sending
from healthmatch.accounts.outbox import services as outbox

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "healthmatch:worker-heartbeat"


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.OUTBOX_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.OUTBOX_TASK_TIME_LIMIT,
)
def deliver_outbox() -> dict:
    """Send one batch of due outbox rows; queue another run while full batches keep coming.
    A redelivered or duplicate run is harmless: rows are claimed, never taken twice."""
    counts = sending.deliver_due()  # logs its counts
    if counts["claimed"] >= settings.OUTBOX_BATCH_SIZE:
        outbox.kick()
    return counts


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def sweep_outbox() -> dict:
    """Run by beat every minute: re-queue rows stuck in "sending" and send what is due (rows
    whose retry time came, or whose kick was lost because the broker was down)."""
    result = outbox.sweep()
    if result["due"]:
        outbox.kick()
    return result


@shared_task
def record_heartbeat() -> str:
    """Run by beat every minute; /health/ shows how long ago a worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
