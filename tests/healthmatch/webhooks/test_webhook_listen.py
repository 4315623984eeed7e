"""``manage.py webhook_listen``, the README's receiver, run as its own process: the kit's real
sender delivers to it; it prints what it verified and refuses what it cannot."""

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from healthmatch.webhooks import services
from healthmatch.webhooks.models import Delivery
from healthmatch.webhooks.sending import deliver_due

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture
def listen():
    """Start the command with ``--secret``; yields (url, next_line) and stops it with Ctrl-C."""
    processes = []

    def start(secret):
        process = subprocess.Popen(
            [sys.executable, "manage.py", "webhook_listen", "--port", "0", "--secret", secret],
            cwd=BASE_DIR,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        lines = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line.rstrip()) for line in process.stdout], daemon=True
        ).start()
        first = lines.get(timeout=60)
        assert first.startswith("Listening on http://127.0.0.1:"), first
        return first.split()[2], lambda: lines.get(timeout=30)

    yield start
    for process in processes:
        process.send_signal(2)  # SIGINT, as Ctrl-C
        assert process.wait(timeout=30) == 0


def _endpoint_at(url, organisation, owner):
    return services.create_endpoint(
        organisation, actor=owner, url=url + "hooks", events=["need.published"]
    )


def test_it_prints_a_verified_delivery_and_answers_204(listen, loopback, buyer_org, owner):
    endpoint = services.create_endpoint(
        buyer_org, actor=owner, url="http://127.0.0.1:9/", events=["need.published"]
    )
    url, next_line = listen(endpoint.secret)
    services.update_endpoint(endpoint, url=url + "hooks", events=["need.published"])
    (row,) = services.emit("need.published", [buyer_org], {"need": {"id": 42}})

    assert deliver_due()["succeeded"] == 1

    assert next_line() == f"need.published {row.webhook_id} (signature ok)"
    assert next_line() == '  {"need": {"id": 42}}'
    row.refresh_from_db()
    assert row.state == Delivery.State.SUCCEEDED and row.last_status_code == 204


def test_a_message_signed_with_another_secret_is_refused_with_401(
    listen, loopback, buyer_org, owner
):
    url, next_line = listen(services.generate_secret())
    _endpoint_at(url, buyer_org, owner)
    (row,) = services.emit("need.published", [buyer_org], {"need": {"id": 42}})

    assert deliver_due()["succeeded"] == 0

    assert next_line() == f"REFUSED {row.webhook_id}: bad signature"
    row.refresh_from_db()
    assert row.last_status_code == 401 and row.state == Delivery.State.QUEUED and row.attempts == 1
