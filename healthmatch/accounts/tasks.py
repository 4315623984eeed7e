"""Thin Celery tasks of the core: they take ids, call the code that does the work, and log.
The outbox's tasks are in healthmatch/mail/tasks.py."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "healthmatch:worker-heartbeat"


@shared_task
def record_heartbeat() -> str:
    """Run by beat every minute; /health/ shows how long ago a worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
