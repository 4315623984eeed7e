"""A sending process killed with SIGKILL in the middle of a batch, then restarted: every message
is delivered, and a message arrives twice only when the kill fell in the window between the SMTP
server's acceptance and the "sent" mark. The test measures that window and prints the figures.

The sender is a real process (``deliver_due``, the code the Celery task runs) with its own
database (SQLite here, PostgreSQL when DATABASE_URL points at it), sending to an SMTP server in
this process. The server kills the sender at chosen moments:

- "mid-DATA": while message k is being transmitted, before the server accepts it;
- "accepted": right after the server has taken message k, before the client sees the 250.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from urllib.parse import urlparse, urlunparse

import pytest
from aiosmtpd.controller import Controller

from tests.healthmatch.mail.conftest import ScriptedHandler
from tests.real_services import BASE_DIR, free_port

MESSAGES = 100
BATCH = 10
# (DATA command number, when): each kill ends one sender process.
KILLS = [(15, "mid-DATA"), (38, "accepted"), (61, "mid-DATA"), (84, "accepted")]

SEED = f"""
import django
django.setup()
from django.db import transaction
from healthmatch.mail import services
with transaction.atomic():
    for n in range({MESSAGES}):
        services.enqueue_rendered(
            key=f"kill:{{n}}", kind="kill_test", to=f"person{{n}}@example.org",
            subject=f"Message {{n}}", text=f"Plain text {{n}}", html=f"<p>HTML {{n}}</p>",
        )
"""

SENDER = f"""
import django
django.setup()
from healthmatch.mail import services, sending
print("sweep", services.sweep(), flush=True)  # the restart: take over what the dead one held
while sending.deliver_due(limit={BATCH})["claimed"]:
    pass
"""

REPORT = """
import json, django
django.setup()
from healthmatch.mail.models import OutboxMessage
print(json.dumps([
    [r.key, r.message_id, r.state, r.attempts, r.sent_at.timestamp() if r.sent_at else None]
    for r in OutboxMessage.objects.order_by("pk")
]))
"""


class KillingHandler(ScriptedHandler):
    def __init__(self, kills):
        super().__init__()
        self.kills = dict(kills)
        self.data_commands = 0
        self.sender_pid = None
        self.killed = []  # (data command, when, message id or None)
        self.data_delay = 0.005

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.data_commands += 1
        number, when = self.data_commands, self.kills.get(self.data_commands)
        if when == "mid-DATA":  # the sender dies before the server accepts: nothing kept
            self._kill(number, when, None)
            return "451 4.3.0 connection lost"
        reply = await super().handle_DATA(server, session, envelope)
        if when == "accepted":  # kept by the server; the client never reads the 250
            self._kill(number, when, self.messages[-1]["message_id"])
        return reply

    def _kill(self, number, when, message_id):
        os.kill(self.sender_pid, signal.SIGKILL)
        self.killed.append((number, when, message_id))


@pytest.fixture
def sender_env(clean_env, tmp_path):
    """Environment for the sender processes; a database of their own."""
    env = {
        **clean_env,
        "SECRET_KEY": "kill-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "OUTBOX_STUCK_SECONDS": "0",  # a restarted sender takes over at once
        "LOG_LEVEL": "WARNING",
    }
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg2

    name = f"healthmatch_outbox_kill_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(urlunparse(urlparse(url)._replace(path="/postgres")))
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": urlunparse(urlparse(url)._replace(path=f"/{name}"))}
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _run(code, env, **kwargs):
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_sender_killed_mid_batch_delivers_everything_duplicates_only_in_window(sender_env):
    handler = KillingHandler(KILLS)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {**sender_env, "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}?timeout=10"}
    try:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            env=env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr[-2000:]
        seeded = _run(SEED, env)
        assert seeded.returncode == 0, seeded.stderr[-2000:]

        exits = []
        for _run_number in range(len(KILLS) + 2):
            process = subprocess.Popen(
                [sys.executable, "-c", SENDER],
                env=env,
                cwd=BASE_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            handler.sender_pid = process.pid
            _out, err = process.communicate(timeout=120)
            exits.append(process.returncode)
            if process.returncode == 0:
                break
            assert process.returncode == -signal.SIGKILL, err[-2000:]
        report = _run(REPORT, env)
        assert report.returncode == 0, report.stderr[-2000:]
    finally:
        controller.stop()

    rows = json.loads(report.stdout.strip().splitlines()[-1])
    received = handler.message_ids()
    expected = {message_id for _key, message_id, *_rest in rows}
    missing = expected - set(received)
    duplicates = {mid: n for mid, n in received.items() if n > 1}
    in_window = [mid for _n, when, mid in handler.killed if when == "accepted"]

    accepted_at = {}
    for message in handler.messages:
        accepted_at.setdefault(message["message_id"], message["accepted_at"])
    windows_ms = sorted(
        (sent_at - accepted_at[mid]) * 1000
        for _key, mid, _state, _attempts, sent_at in rows
        if sent_at and mid not in duplicates
    )
    figures = {
        "messages": MESSAGES,
        "kills": len(handler.killed),
        "kills_in_window": len(in_window),
        "sender_exits": exits,
        "received": sum(received.values()),
        "missing": len(missing),
        "duplicates": sum(n - 1 for n in duplicates.values()),
        "accept_to_mark_ms_median": round(statistics.median(windows_ms), 3),
        "accept_to_mark_ms_p99": round(windows_ms[int(len(windows_ms) * 0.99) - 1], 3),
        "accept_to_mark_ms_max": round(windows_ms[-1], 3),
    }
    print("\noutbox SIGKILL test:", json.dumps(figures))

    assert [when for _n, when, _mid in handler.killed] == [when for _n, when in KILLS]
    assert exits[-1] == 0 and exits[:-1] == [-signal.SIGKILL] * len(KILLS)
    assert {state for _key, _mid, state, *_rest in rows} == {"sent"}
    assert missing == set()
    # A duplicate only for a message the server had accepted when its sender died: exactly
    # those, once each. Kills before acceptance cost nothing.
    assert duplicates == dict.fromkeys(in_window, 2)
    assert set(received) == expected
    # The window in which a kill makes a duplicate is short: one UPDATE after the 250.
    assert figures["accept_to_mark_ms_median"] < 250


WORKER_KILLS = [(20, "accepted"), (45, "mid-DATA"), (70, "accepted")]


def _children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


class PoolChildKillingHandler(KillingHandler):
    """Kills the Celery pool process that is sending (the worker's only child)."""

    def __init__(self, kills):
        super().__init__(kills)
        self.worker_pid = None

    def _kill(self, number, when, message_id):
        for child in _children(self.worker_pid):
            os.kill(child, signal.SIGKILL)
        self.killed.append((number, when, message_id))


def _wait(predicate, timeout=60.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.mark.redis
def test_celery_worker_child_killed_mid_batch_is_redelivered_and_swept(redis_url, sender_env):
    """The real thing: a Celery worker on Redis. SIGKILL of the pool process mid-batch makes
    Celery reject the task back to Redis (acks_late, reject_on_worker_lost); the new pool
    process sends on, and beat's sweeper task re-queues what the dead one held."""
    from celery import Celery

    broker = urlunparse(urlparse(redis_url)._replace(path="/13"))
    handler = PoolChildKillingHandler(WORKER_KILLS)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        **sender_env,
        "REDIS_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}?timeout=10",
        "OUTBOX_BATCH_SIZE": str(BATCH),
    }
    publisher = Celery(broker=broker)
    worker = None
    try:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            env=env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr[-2000:]
        with publisher.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "healthmatch",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
            ],
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        handler.worker_pid = worker.pid
        assert _wait(lambda: _children(worker.pid), timeout=60), "the worker never started"
        seeded = _run(SEED, env)  # its commit kicks deliver_outbox through Redis
        assert seeded.returncode == 0, seeded.stderr[-2000:]

        def settled():
            before = len(handler.messages)
            time.sleep(1.5)
            return len(handler.messages) == before and len(handler.killed) == len(WORKER_KILLS)

        assert _wait(settled, timeout=90), f"stalled at {len(handler.messages)} messages"
        publisher.send_task("healthmatch.accounts.tasks.sweep_outbox")  # what beat does
        assert _wait(lambda: len(handler.message_ids()) == MESSAGES, timeout=60)
        _wait(settled, timeout=10)
        report = _run(REPORT, env)
        assert report.returncode == 0, report.stderr[-2000:]
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        controller.stop()

    rows = json.loads(report.stdout.strip().splitlines()[-1])
    received = handler.message_ids()
    duplicates = {mid: n for mid, n in received.items() if n > 1}
    in_window = [mid for _n, when, mid in handler.killed if when == "accepted"]
    print(
        "\ncelery worker SIGKILL test:",
        json.dumps(
            {
                "messages": MESSAGES,
                "kills": len(handler.killed),
                "kills_in_window": len(in_window),
                "received": sum(received.values()),
                "missing": len({r[1] for r in rows} - set(received)),
                "duplicates": sum(n - 1 for n in duplicates.values()),
            }
        ),
    )
    assert {state for _key, _mid, state, *_rest in rows} == {"sent"}
    assert set(received) == {r[1] for r in rows}
    assert duplicates == dict.fromkeys(in_window, 2)
