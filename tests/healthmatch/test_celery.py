"""A real Celery worker against the Redis broker: .delay() goes through Redis, not eagerly."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from healthmatch.accounts.tasks import HEARTBEAT_KEY, record_heartbeat
from healthmatch.celery import app as celery_app

pytestmark = pytest.mark.redis


def _wait_for(getter, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = getter()
        if value is not None:
            return value
        time.sleep(0.1)
    return None


@pytest.fixture
def broker_app(redis_url):
    """The healthmatch Celery app, queuing for real (the suite otherwise runs tasks eagerly)."""
    assert celery_app.conf.broker_url == redis_url
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    celery_app.conf.task_always_eager = False
    try:
        yield celery_app
    finally:
        celery_app.conf.task_always_eager = True


@pytest.fixture
def worker(broker_app):
    with start_worker(broker_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


def test_record_heartbeat_runs_on_worker_through_redis(broker_app, worker):
    cache.delete(HEARTBEAT_KEY)
    started = timezone.now()

    result = record_heartbeat.delay()

    value = _wait_for(lambda: cache.get(HEARTBEAT_KEY))
    assert value is not None, f"the worker never ran task {result.id}"
    assert parse_datetime(value) >= started


def test_record_heartbeat_waits_in_redis_without_worker(broker_app):
    """No worker, no heartbeat: proof the task really was queued, not run in-process."""
    cache.delete(HEARTBEAT_KEY)
    with broker_app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")

    record_heartbeat.delay()

    with broker_app.connection_for_write() as conn:
        _name, waiting, _consumers = conn.default_channel.queue_declare("celery", passive=True)
        conn.default_channel.queue_purge("celery")
    assert waiting == 1
    assert cache.get(HEARTBEAT_KEY) is None
