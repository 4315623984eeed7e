"""Thin Celery tasks of the needs app: they call a service and log."""

import logging

from celery import shared_task

from needs import services

log = logging.getLogger(__name__)


@shared_task(name="needs.tasks.close_needs_past_deadline", acks_late=True)
def close_needs_past_deadline() -> int:
    """Run by beat every hour; closing is idempotent, so a repeated run does nothing."""
    closed = services.close_needs_past_deadline()
    log.info("close_needs_past_deadline closed %d need(s)", closed)
    return closed
