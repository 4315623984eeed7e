"""Thin Celery tasks over the events' services. Each is safe to run twice or at once."""

import logging

from celery import shared_task

from events.meetings import reminders
from events.requests import services as request_services

log = logging.getLogger(__name__)


@shared_task(name="events.tasks.expire_meeting_requests", acks_late=True, ignore_result=True)
def expire_meeting_requests():
    """Pending meeting requests past their event's request deadline expire (every 15 min)."""
    count = request_services.expire_requests()
    if count:
        log.info("expired %d meeting requests", count)
    return count


@shared_task(name="events.tasks.send_meeting_reminders", acks_late=True, ignore_result=True)
def send_meeting_reminders():
    """The day-before reminders of matchmaking days (hourly; events.meetings.reminders)."""
    count = reminders.send_meeting_reminders()
    if count:
        log.info("meeting reminders: %d participants reminded", count)
    return count
