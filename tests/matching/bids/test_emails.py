"""Bid emails travel the real way: the service writes outbox rows in its transaction, the
commit kicks the outbox task, which sends them over SMTP to a server on loopback (aiosmtpd)."""

import email
from email import policy

import pytest

from matching.bids import services
from tests.matching.bids.conftest import bid_on

pytestmark = pytest.mark.django_db


def _received(smtp):
    return {
        m["to"][0]: email.message_from_bytes(m["content"], policy=policy.default)
        for m in smtp.handler.messages
    }


def _parts(message):
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_submission_reaches_the_need_owners(
    world, owner, member, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bid = bid_on(world.need, world.company, world.company_member, submit=True)

    received = _received(smtp_settings)
    assert sorted(received) == ["member@ouh.example", "owner@ouh.example"]
    message = received["owner@ouh.example"]
    assert message["Subject"].strip() == (
        "New bid from CareSense ApS on “Fewer falls at night on the ward”"
    )
    parts = _parts(message)
    assert f"/bids/{bid.pk}/" in parts["text/plain"]
    assert "Radar sensors in every room" in parts["text/plain"]
    assert f'href="http://testserver/bids/{bid.pk}/"' in parts["text/html"] or (
        f"/bids/{bid.pk}/" in parts["text/html"]
    )


def test_decision_and_feedback_reach_the_bidders_members(
    world, owner, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bid = bid_on(world.need, world.company, world.company_member, submit=True)
    smtp_settings.handler.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_bid(bid, actor=owner, feedback="We need <MDR> class IIa & ISO 13485.")

    received = _received(smtp_settings)
    assert sorted(received) == ["ceo@caresense.example", "dev@caresense.example"]
    message = received["dev@caresense.example"]
    assert message["Subject"].strip() == (
        "Your bid on “Fewer falls at night on the ward” is declined"
    )
    parts = _parts(message)
    text, html = parts["text/plain"], parts["text/html"]
    assert "Odense University Hospital has declined your company's bid" in text
    assert "We need <MDR> class IIa & ISO 13485." in text
    assert "We need &lt;MDR&gt; class IIa &amp; ISO 13485." in html
    assert "has declined your company&#x27;s bid" in html or "has declined your company" in html
    assert f"/bids/{bid.pk}/" in text and f"/bids/{bid.pk}/" in html
    assert message["Message-ID"]


def test_acceptance_email_says_accepted(
    world, owner, smtp_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bid = bid_on(world.need, world.company, world.company_member, submit=True)
        services.shortlist_bid(bid, actor=owner)
    smtp_settings.handler.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_bid(bid, actor=owner, feedback="")
    received = _received(smtp_settings)
    message = received["ceo@caresense.example"]
    assert message["Subject"].strip().endswith("is accepted")
    parts = _parts(message)
    assert "has accepted your company's bid" in parts["text/plain"]
    assert "Their feedback" not in parts["text/plain"]
    assert "accepted your company" in parts["text/html"]


def test_a_rolled_back_decision_sends_nothing(
    world, owner, smtp_settings, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        bid = bid_on(world.need, world.company, world.company_member, submit=True)
    smtp_settings.handler.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.accept_bid(bid, actor=owner)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert smtp_settings.handler.messages == []
    bid.refresh_from_db()
    assert bid.state == bid.State.SUBMITTED
