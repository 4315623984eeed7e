"""The webhooks' thin Celery tasks: they call the sender and the sweeper, and log. This module
imports the services and the sender; they never import it (``services.kick()`` queues the
sender by its name)."""

from celery import shared_task
from django.conf import settings

from healthmatch.webhooks import sending, services

DELIVER_TASK = services.DELIVER_TASK
SWEEP_TASK = "healthmatch.webhooks.tasks.sweep_webhooks"


@shared_task(
    name=DELIVER_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.WEBHOOKS_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.WEBHOOKS_TASK_TIME_LIMIT,
)
def deliver_webhooks() -> dict:
    """Send due deliveries until the batch or the time budget is used up; queue another run
    when rows may be left. A redelivered or duplicate run is harmless: rows are claimed, never
    taken twice."""
    counts = sending.deliver_due(budget_seconds=max(settings.WEBHOOKS_TASK_SOFT_TIME_LIMIT - 30, 1))
    if counts["more"]:
        services.kick()
    return counts


@shared_task(name=SWEEP_TASK, acks_late=True, time_limit=120, soft_time_limit=100)
def sweep_webhooks() -> dict:
    """Run by beat every minute: re-queue deliveries stuck in "sending" and kick the sender
    when something is due (retries whose time came, kicks lost while the broker was down)."""
    result = services.sweep()
    if result["due"]:
        services.kick()
    return result
