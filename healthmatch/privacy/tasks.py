"""Thin tasks: ids in, a service call, a log line."""

from celery import shared_task

from healthmatch.privacy import export, retention


@shared_task(name=export.BUILD_TASK, acks_late=True, time_limit=900, soft_time_limit=840)
def build_export(export_id: int) -> str:
    return export.build_export(export_id)


@shared_task(name="healthmatch.privacy.tasks.apply_retention", time_limit=3600)
def apply_retention() -> dict:
    return retention.apply_retention()
