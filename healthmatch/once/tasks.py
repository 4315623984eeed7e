"""The form tokens' thin Celery task: beat purges used tokens past their lifetime."""

import logging

from celery import shared_task

from healthmatch.once import services

log = logging.getLogger(__name__)


@shared_task(name="healthmatch.once.tasks.purge_form_tokens", time_limit=300, soft_time_limit=240)
def purge_form_tokens() -> int:
    deleted = services.purge_expired()
    log.info("Purged %d used form tokens", deleted)
    return deleted
