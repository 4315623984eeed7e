"""Real services for the tests that need them: an SMTP server in-process, Redis when CI has one,
a clean environment for subprocesses. tests/conftest.py offers the fixtures to every test."""

import os
import socket
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

BASE_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CollectingHandler:
    """aiosmtpd handler that keeps every message it is given (raw bytes plus the envelope)."""

    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "content": envelope.original_content or envelope.content,
            }
        )
        self.received.set()
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 at a free port; ``.handler.messages`` holds what came."""
    handler = CollectingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Point Django's email at ``smtp_server`` the way production does: through EMAIL_URL."""
    from healthmatch.env import email_config

    url = f"smtp://{smtp_server.hostname}:{smtp_server.port}?timeout=5"
    for name, value in email_config(url, BASE_DIR).items():
        setattr(settings, name, value)
    return smtp_server


@pytest.fixture
def redis_url():
    """The Redis CI provides (REDIS_URL=redis://127.0.0.1:6379/15); skip without one."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: these tests need a real Redis (CI sets it)")
    return url


@pytest.fixture
def clean_env(tmp_path):
    """An environment for subprocesses: nothing from the test run, var/ in a temp dir."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "healthmatch.settings",
        "HEALTHMATCH_VAR_DIR": str(tmp_path / "var"),
    }
