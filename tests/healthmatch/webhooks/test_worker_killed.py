"""A real Celery worker on Redis killed with SIGKILL while the receiver holds its request: the
sweeper re-queues the delivery, a new worker sends it, nothing is lost, and the receiver, which
deduplicates by webhook-id, acts on it once (it got it at most twice: the one duplicate of a
crash). Follows tests/healthmatch/mail/test_worker_killed.py (its own database, a worker
subprocess)."""

import json
import os
import signal
import subprocess
import sys
import threading
from urllib.parse import urlparse, urlunparse

import pytest

from tests.healthmatch.mail.test_worker_killed import _run, _wait, sender_env  # noqa: F401
from tests.healthmatch.webhooks.conftest import Receiver, standard_webhooks_verify
from tests.real_services import BASE_DIR

SEED = """
import django
django.setup()
from django.db import transaction
from healthmatch.accounts.models import Hub, Organisation
from healthmatch.webhooks import services
hub = Hub.objects.create(name="Kill hub", slug="kill-hub")
org = Organisation.objects.create(
    name="Kill hospital", slug="kill-hospital", kind="hospital", hub=hub
)
endpoint = services.create_endpoint(org, actor=None, url={url!r}, events=["need.published"])
print(endpoint.secret, flush=True)
with transaction.atomic():  # its commit kicks deliver_webhooks through Redis
    services.emit("need.published", [org], {{"need": {{"id": 1}}}})
"""

REPORT = """
import json, django
django.setup()
from healthmatch.webhooks.models import Delivery
print(json.dumps([[d.webhook_id, d.state, d.attempts] for d in Delivery.objects.all()]))
"""


def _worker(env):
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "healthmatch", "worker", "--pool=prefork",
            "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL takes the pool process too
    )  # fmt: skip


def _stop(worker):
    if worker is not None and worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)


@pytest.mark.redis
def test_worker_killed_mid_delivery_loses_nothing(redis_url, sender_env):  # noqa: F811
    from celery import Celery

    receiver = Receiver().start()
    receiver.hold = threading.Event()  # the first request waits: the worker is killed then
    env = {
        **sender_env,
        "REDIS_URL": redis_url,
        "WEBHOOKS_ALLOW_PRIVATE_NETWORKS": "1",
        "WEBHOOKS_REQUIRE_HTTPS": "0",
        "WEBHOOKS_STUCK_SECONDS": "1",
    }
    publisher = Celery(broker=urlunparse(urlparse(redis_url)))
    first = second = None
    try:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert migrate.returncode == 0, migrate.stderr[-2000:]
        with publisher.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
        first = _worker(env)
        seeded = _run(SEED.format(url=receiver.url()), env)
        assert seeded.returncode == 0, seeded.stderr[-2000:]
        receiver.secrets = [seeded.stdout.split()[0]]

        assert receiver.arrived.wait(60), "the worker never sent the delivery"
        os.killpg(first.pid, signal.SIGKILL)  # mid-request: the receiver has not answered
        first.wait(timeout=20)
        receiver.hold = None  # from now on the receiver answers at once (the held one fails)

        second = _worker(env)

        def swept():
            # What beat does every minute, here every few seconds: a sweep that runs before the
            # new worker is up, or before the row counts as stuck, is simply repeated.
            publisher.send_task("healthmatch.webhooks.tasks.sweep_webhooks")
            return _wait(lambda: len(receiver.posts()) >= 2, timeout=5)

        assert _wait(swept, timeout=90), receiver.posts()

        def done():
            report = _run(REPORT, env)
            return json.loads(report.stdout.strip().splitlines()[-1])[0][1] == "succeeded"

        assert _wait(done, timeout=30)
        rows = json.loads(_run(REPORT, env).stdout.strip().splitlines()[-1])
    finally:
        _stop(first)
        _stop(second)
        receiver.stop()

    ((webhook_id, state, attempts),) = rows
    assert state == "succeeded" and attempts == 2  # the killed attempt counted
    assert receiver.ids() == {webhook_id: 2}  # at most one duplicate, with the same id
    # Checked now: the first post may arrive before the seeding script has printed the secret.
    secret = receiver.secrets[0]
    assert all(standard_webhooks_verify(secret, r["headers"], r["body"]) for r in receiver.posts())
    assert list(receiver.processed()) == [webhook_id]  # deduplicated: acted on once
