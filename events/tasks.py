"""Thin Celery tasks over the events' services. Each is safe to run twice or at once."""

import logging

from celery import shared_task

from events.requests import services as request_services

log = logging.getLogger(__name__)


@shared_task(name="events.tasks.expire_meeting_requests", acks_late=True, ignore_result=True)
def expire_meeting_requests():
    """Pending meeting requests past their event's request deadline expire (every 15 min)."""
    count = request_services.expire_requests()
    if count:
        log.info("expired %d meeting requests", count)
    return count
