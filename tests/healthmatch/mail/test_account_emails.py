"""allauth's emails (address confirmation, password reset) go through the outbox too: a row per
message, written in the request, sent after commit."""

import email
from email import policy

import pytest
from django.core import mail
from django.urls import reverse

from healthmatch.accounts.models import User
from healthmatch.mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PASSWORD = "a-long-enough-passphrase"


def test_signup_confirmation_is_an_outbox_row_sent_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(
            reverse("account_signup"),
            {
                "email": "signe@aarhus.example",
                "name": "Signe Signup",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            HTTP_ACCEPT_LANGUAGE="da",
        )
    row = OutboxMessage.objects.get()
    assert row.kind == "email_confirmation_signup" and row.category == "account"
    assert row.to_email == "signe@aarhus.example"
    assert row.user == User.objects.get(email="signe@aarhus.example")
    assert row.language == "da"  # the language of the request that caused it
    assert "/accounts/confirm-email/" in row.text and "/accounts/confirm-email/" in row.html
    assert row.state == OutboxMessage.State.QUEUED and mail.outbox == []

    for callback in callbacks:
        callback()

    row.refresh_from_db()
    assert row.state == OutboxMessage.State.SENT
    assert [m.to for m in mail.outbox] == [["signe@aarhus.example"]]
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def test_password_reset_is_an_outbox_row_and_each_request_is_its_own_message(
    client, owner, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_reset_password"), {"email": owner.email})

    rows = list(OutboxMessage.objects.filter(to_email=owner.email))
    assert len(rows) == 2 and len({r.key for r in rows}) == 2
    assert {r.kind for r in rows} == {"password_reset_key"}
    assert all(r.state == OutboxMessage.State.SENT for r in rows)
    assert len(mail.outbox) == 2
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def _signup(client, email):
    client.post(
        reverse("account_signup"),
        {"email": email, "name": "Signe Signup", "password1": PASSWORD, "password2": PASSWORD},
    )


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


@pytest.mark.parametrize("site_name", [None, "Welfare Match"])
def test_account_emails_name_the_site_in_both_parts_and_the_subject(
    client, owner, settings, smtp_settings, site_name, django_capture_on_commit_callbacks
):
    """Through the real path: the request writes the row, the task sends it over SMTP."""
    if site_name:
        settings.SITE_NAME = site_name
    settings.SITE_URL = "https://match.example"
    name = settings.SITE_NAME
    assert name  # "HealthMatch" unless configured
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, "signe@aarhus.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": owner.email})

    received = [_parse(m["content"]) for m in smtp_settings.handler.messages]
    assert sorted(m["To"] for m in received) == ["owner@ouh.example", "signe@aarhus.example"]
    for message in received:
        parts = {
            part.get_content_type(): part.get_content()
            for part in message.walk()
            if not part.is_multipart()
        }
        text, html = parts["text/plain"], parts["text/html"]
        assert f"Hello from {name}!" in text and f"Thank you for using {name}!" in text
        assert "match.example" in text
        assert f"Hello from {name}!" in html
        assert "from !" not in text + html and "using !" not in text
        assert message["Subject"].startswith(f"[{name}] ")
