"""Match emails travel the real way: the digest task writes outbox rows, the commit kicks the
outbox task, which sends them over SMTP to a server on loopback (aiosmtpd)."""

import email
from collections import Counter
from email import policy
from urllib.parse import urlsplit

import pytest

from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from matching import tasks
from matching.notify.models import NotificationPreference
from tests.matching.notify.conftest import make_match

pytestmark = pytest.mark.django_db


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def _parts(message):
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def _received(smtp):
    return {m["to"][0]: _parse(m["content"]) for m in smtp.handler.messages}


def test_digest_reaches_the_smtp_server_with_unsubscribe_headers(
    world, smtp_settings, django_capture_on_commit_callbacks
):
    make_match(world.need, world.radar, 0.8)
    make_match(world.need, world.mats, 0.7)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_daily_match_digests.delay()

    messages = smtp_settings.handler.messages
    assert sorted(m["to"][0] for m in messages) == [
        "ceo@caresense.example",
        "dev@caresense.example",
        "member@ouh.example",
        "owner@ouh.example",
    ]
    received = _received(smtp_settings)
    owner = received["owner@ouh.example"]
    assert owner["To"] == "owner@ouh.example"
    # Django folds a long non-ASCII subject onto the next line: unfolded it starts with a space.
    assert owner["Subject"].strip() == (
        "Daily digest: 1 company could meet your need "
        "“Fall detection at night on the geriatric ward”"
    )
    company = received["dev@caresense.example"]
    assert company["Subject"].strip() == "Daily digest: 1 new need matches your capabilities"

    rows = {row.to_email: row for row in OutboxMessage.objects.filter(category="matches")}
    for address, message in received.items():
        assert message["Message-ID"] == rows[address].message_id
        assert rows[address].state == OutboxMessage.State.SENT
        unsubscribe = message["List-Unsubscribe"].strip()  # folded: a long line
        assert unsubscribe.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
        assert unsubscribe.endswith("/>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        url = unsubscribe[1:-1]
        parts = _parts(message)
        assert sorted(parts) == ["text/html", "text/plain"]
        for body in parts.values():
            assert url in body
            assert "http://127.0.0.1:8000/notifications/preferences/" in body
    owner_parts = _parts(owner)
    assert "Radar fall detection for patient rooms" in owner_parts["text/plain"]
    assert "Sensor mats that warn before a fall" in owner_parts["text/html"]
    assert "Fall detection at night" in _parts(company)["text/plain"]


def test_the_header_link_unsubscribes_in_one_click(world, smtp_settings, client, owner):
    make_match(world.need, world.radar, 0.8)
    tasks.send_daily_match_digests.delay()
    deliver_due()

    message = _received(smtp_settings)["owner@ouh.example"]
    path = urlsplit(message["List-Unsubscribe"].strip()[1:-1]).path

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    preference = NotificationPreference.objects.get(user=owner)
    assert preference.frequency == NotificationPreference.Frequency.OFF
    assert preference.unsubscribed_at is not None
    other = NotificationPreference.objects.get(user__email="member@ouh.example")
    assert other.frequency == NotificationPreference.Frequency.DAILY


def test_reruns_send_every_match_email_once(world, smtp_settings):
    make_match(world.need, world.radar, 0.8)

    for _ in range(3):
        tasks.send_daily_match_digests.delay()
        tasks.send_match_notices.delay()
        deliver_due()

    ids = Counter(_parse(m["content"])["Message-ID"] for m in smtp_settings.handler.messages)
    assert len(ids) == 4
    assert set(ids.values()) == {1}
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 4
