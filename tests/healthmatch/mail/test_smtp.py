"""A notification travels the real way: service -> on_commit -> Celery task -> SMTP server."""

import email
from email import policy

import pytest

from healthmatch.accounts.models import Membership
from healthmatch.accounts.services import request_membership
from tests import factories as f

pytestmark = pytest.mark.django_db


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def test_membership_request_email_reaches_smtp_server_with_both_parts(
    smtp_settings, owner, buyer_org, django_capture_on_commit_callbacks
):
    joiner = f.UserFactory(email="nina@ouh.example", name="Nina Newcomer")

    with django_capture_on_commit_callbacks(execute=True):
        membership = request_membership(joiner, buyer_org, "I run the falls project on B4.")

    assert membership.status == Membership.Status.PENDING
    messages = smtp_settings.handler.messages
    assert len(messages) == 1
    assert messages[0]["to"] == ["owner@ouh.example"]
    message = _parse(messages[0]["content"])
    assert message["To"] == "owner@ouh.example"
    assert message["Subject"] == ("[Action] Nina Newcomer asks to join Odense University Hospital")
    assert "no-reply@healthmatch.local" in message["From"]
    assert message.get_content_type() == "multipart/alternative"
    parts = {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert sorted(parts) == ["text/html", "text/plain"]
    assert "Nina Newcomer (nina@ouh.example) asks to join" in parts["text/plain"]
    assert "I run the falls project on B4." in parts["text/plain"]
    assert "<p>" in parts["text/html"]
    assert f"/organisations/{buyer_org.slug}/members/" in parts["text/html"]


def test_membership_request_email_not_sent_before_commit(smtp_settings, owner, buyer_org):
    """Without the commit the task is never queued: nothing reaches the server."""
    joiner = f.UserFactory(email="late@ouh.example", name="Lars Late")

    request_membership(joiner, buyer_org)

    assert smtp_settings.handler.messages == []


def test_membership_request_email_goes_to_every_admin(
    smtp_settings, owner, buyer_org, django_capture_on_commit_callbacks
):
    second_admin = f.UserFactory(email="second@ouh.example")
    f.MembershipFactory(user=second_admin, organisation=buyer_org, role=Membership.Role.ADMIN)
    joiner = f.UserFactory(email="third@ouh.example")

    with django_capture_on_commit_callbacks(execute=True):
        request_membership(joiner, buyer_org)

    recipients = sorted(m["to"][0] for m in smtp_settings.handler.messages)
    assert recipients == ["owner@ouh.example", "second@ouh.example"]
