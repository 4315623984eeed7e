"""Thin Celery tasks of the core: they take ids, call the code that does the work, and log."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from healthmatch.accounts.mail import send_email
from healthmatch.accounts.notifications import BUILDERS

log = logging.getLogger(__name__)

HEARTBEAT_KEY = "healthmatch:worker-heartbeat"


@shared_task(acks_late=True)
def send_notification(kind: str, object_id: int) -> int:
    recipients, context = BUILDERS[kind](object_id)
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        log.info("notification %s for %s has no recipients", kind, object_id)
        return 0
    for address in recipients:
        send_email(kind, [address], context)
    return len(recipients)


@shared_task(acks_late=True)
def send_rendered_email(*, subject, body, html, to, from_email, headers=None) -> None:
    """Send a message rendered elsewhere (allauth's confirmation and password emails)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    log.info("sent account email %r to %d recipient(s)", subject, len(to))


@shared_task
def record_heartbeat() -> str:
    """Run by beat every minute; /health/ shows how long ago a worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
