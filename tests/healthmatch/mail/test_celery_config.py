"""Celery is configured for an outbox: late acks, redelivery when a worker dies, one message at a
time, and time limits below the Redis visibility timeout (else Redis hands a long-running task
to a second worker while the first still sends it)."""

import json
import subprocess
import sys

from tests.real_services import BASE_DIR

PROBE = """
import json, django
django.setup()
from django.conf import settings
from healthmatch.mail.tasks import deliver_outbox, sweep_outbox
from healthmatch.celery import app
print(json.dumps({
    "visibility_timeout": settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"],
    "broker": app.conf.broker_url,
    "acks_late": app.conf.task_acks_late,
    "reject_on_worker_lost": app.conf.task_reject_on_worker_lost,
    "prefetch": app.conf.worker_prefetch_multiplier,
    "default_time_limit": app.conf.task_time_limit,
    "tasks": {
        t.name: [t.acks_late, t.reject_on_worker_lost, t.soft_time_limit, t.time_limit]
        for t in (deliver_outbox, sweep_outbox)
    },
    "stuck_seconds": settings.OUTBOX_STUCK_SECONDS,
}))
"""


def _redis_config(clean_env):
    env = {
        **clean_env,
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "SECRET_KEY": "probe-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_outbox_tasks_limits_stay_below_redis_visibility_timeout(clean_env):
    config = _redis_config(clean_env)

    assert config["broker"].startswith("redis://")
    assert (config["acks_late"], config["reject_on_worker_lost"], config["prefetch"]) == (
        True,
        True,
        1,
    )
    visibility = config["visibility_timeout"]
    assert config["default_time_limit"] < visibility
    deliver = config["tasks"]["healthmatch.accounts.tasks.deliver_outbox"]
    assert deliver[:2] == [True, True]
    soft, hard = deliver[2:]
    assert soft < hard < visibility
    # The sweeper never takes over a batch its worker may still be sending.
    assert hard < config["stuck_seconds"]
    sweep_soft, sweep_hard = config["tasks"]["healthmatch.accounts.tasks.sweep_outbox"][2:]
    assert sweep_soft < sweep_hard < visibility


def test_beat_runs_the_sweeper_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert entry["task"] == "healthmatch.accounts.tasks.sweep_outbox"
    assert entry["schedule"] == 60.0
