"""The outbox's thin Celery tasks: they call the services and the sender, and log.

Their names are the ones they had in healthmatch/accounts/tasks.py, given explicitly: beat's
schedule (CELERY_BEAT_SCHEDULE) and messages already waiting in the broker name them so, and a
worker only runs a message whose task name it knows. This module imports the services and the
sender; they never import it (``services.kick()`` queues the sender by its name).
"""

from celery import shared_task
from django.conf import settings

from healthmatch.mail import sending, services

DELIVER_TASK = services.DELIVER_TASK
SWEEP_TASK = "healthmatch.accounts.tasks.sweep_outbox"


@shared_task(
    name=DELIVER_TASK,
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
        services.kick()
    return counts


@shared_task(name=SWEEP_TASK, acks_late=True, time_limit=120, soft_time_limit=100)
def sweep_outbox() -> dict:
    """Run by beat every minute: re-queue rows stuck in "sending" and send what is due (rows
    whose retry time came, or whose kick was lost because the broker was down)."""
    result = services.sweep()
    if result["due"]:
        services.kick()
    return result
