"""Thin Celery tasks of the companies app: they call a service and log."""

import logging

from celery import shared_task

from companies import certificates

log = logging.getLogger(__name__)


@shared_task(name="companies.tasks.send_certificate_reminders", acks_late=True)
def send_certificate_reminders() -> int:
    """Run by beat daily; each certificate and threshold is reminded of once, so a repeated
    run (or one after a worker died) sends nothing twice."""
    reminded = certificates.send_certificate_reminders()
    log.info("send_certificate_reminders: %d certificate(s)", reminded)
    return reminded
