"""A real SMTP server on loopback whose answers a test can script (451 then 250, 550 at RCPT,
421 at DATA, slow DATA), plus helpers to read what it received."""

import asyncio
import email
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from email import policy

import pytest
from aiosmtpd.controller import Controller
from celery.signals import task_prerun

from tests.real_services import BASE_DIR, free_port


class ScriptedHandler:
    """Accepts everything unless told otherwise. ``rcpt_replies[address]`` and ``data_replies``
    are lists of replies used up one per attempt ("250" means accept)."""

    def __init__(self):
        self.messages = []
        self.sessions = 0
        self.rcpt_replies = defaultdict(list)
        self.data_replies = []
        self.data_delay = 0.0
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        with self.lock:
            self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        replies = self.rcpt_replies.get(address.lower())
        if replies:
            reply = replies.pop(0)
            if not reply.startswith("250"):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        parsed = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self.lock:
            self.messages.append(
                {
                    "to": list(envelope.rcpt_tos),
                    "message": parsed,
                    "message_id": parsed["Message-ID"],
                    "accepted_at": time.time(),
                }
            )
        return "250 Message accepted for delivery"

    def message_ids(self):
        with self.lock:
            return Counter(m["message_id"] for m in self.messages)


@pytest.fixture
def smtp(settings):
    """A scripted SMTP server that Django's email settings point at (as EMAIL_URL=smtp://)."""
    from healthmatch.env import email_config

    handler = ScriptedHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    url = f"smtp://127.0.0.1:{controller.port}?timeout=5"
    for name, value in email_config(url, BASE_DIR).items():
        setattr(settings, name, value)
    try:
        yield handler
    finally:
        controller.stop()


def parts(message) -> dict:
    """{"text/plain": ..., "text/html": ...} of a parsed message."""
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


@contextmanager
def sender_runs():
    """The names of the Celery tasks that ran meanwhile (eagerly, as in the test settings)."""
    runs = []

    def record(sender=None, **kwargs):
        runs.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        yield runs
    finally:
        task_prerun.disconnect(record)
