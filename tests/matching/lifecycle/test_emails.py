"""The emails at each step travel the real way: the service writes outbox rows in its
transaction, deliver_due() sends them over SMTP to a server on loopback (aiosmtpd)."""

import pytest

from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from matching.lifecycle import introductions, services
from matching.lifecycle.models import Introduction
from matching.models import Match
from matching.notify import emails as notify_emails
from tests.matching.lifecycle.conftest import parts, received

pytestmark = pytest.mark.django_db
S = Match.Status


def test_mutual_interest_tells_the_hubs_coordinators(
    world, smtp_settings, owner, company_member, coordinator, other_coordinator
):
    services.state_interest(world.match, by=owner, interest="interested")
    deliver_due()
    assert smtp_settings.handler.messages == []  # one side only: nobody is told yet

    services.state_interest(world.match, by=company_member, interest="interested")
    deliver_due()

    got = received(smtp_settings)
    assert list(got) == ["coordinator@welfaretech.example"]  # not the other hub's coordinator
    message = got["coordinator@welfaretech.example"]
    assert message["Subject"].strip() == (
        f"[Action] Mutual interest: {world.need.title} ↔ CareSense ApS"
    )
    body = parts(message)
    assert sorted(body) == ["text/html", "text/plain"]
    admin_url = f"http://127.0.0.1:8000/admin/matching/match/{world.match.pk}/change/"
    for text in body.values():
        assert "Odense University Hospital and CareSense ApS are both interested" in text
        assert admin_url in text
        assert "82 % match" in text and "0.82" not in text  # the score's one form
    assert OutboxMessage.objects.get(kind="match_mutual").state == OutboxMessage.State.SENT


def test_the_introduction_reaches_both_sides_with_the_other_sides_contacts(
    world, smtp_settings, coordinator, owner
):
    services.approve(world.match, by=coordinator)
    deliver_due()
    assert smtp_settings.handler.messages == []  # approving sends nothing yet

    introductions.send_introduction(
        world.match,
        by=coordinator,
        subject="Meet CareSense about night falls",
        body_buyer="Dear OUH,\n\nplease meet CareSense.",
        body_company="Dear CareSense,\n\nplease meet OUH.",
    )
    deliver_due()

    got = received(smtp_settings)
    assert sorted(got) == [
        "ceo@caresense.example",
        "dev@caresense.example",
        "member@ouh.example",
        "owner@ouh.example",
    ]
    for message in got.values():
        assert message["Subject"] == "Meet CareSense about night falls"
    buyer = parts(got["member@ouh.example"])
    assert sorted(buyer) == ["text/html", "text/plain"]
    assert "please meet CareSense." in buyer["text/plain"]
    assert "<p>Dear OUH,</p>" in buyer["text/html"]
    for text in buyer.values():
        assert "sales@caresense.example" in text and "Sales Sofie" in text
        assert "please meet OUH." not in text
        assert f"/matches/{world.match.pk}/" in text
    company = parts(got["dev@caresense.example"])
    assert "please meet OUH." in company["text/plain"]
    for text in company.values():
        assert "owner@ouh.example" in text and "Olivia Owner" in text
        assert "https://ouh.example" in text
        assert "sales@caresense.example" not in text

    world.match.refresh_from_db()
    assert world.match.status == S.INTRODUCED
    assert world.match.introduced_at is not None
    intro = Introduction.objects.get(match=world.match)
    assert intro.sent_at == world.match.introduced_at and intro.sent_by == coordinator
    assert intro.body_buyer == "Dear OUH,\n\nplease meet CareSense."
    days = (world.match.follow_up_due_at - world.match.introduced_at).days
    assert days == 90


def test_an_introduction_is_sent_once(world, smtp_settings, coordinator):
    services.approve(world.match, by=coordinator)
    texts = {"subject": "Hello", "body_buyer": "B", "body_company": "C"}
    introductions.send_introduction(world.match, by=coordinator, **texts)
    with pytest.raises(Exception, match="approved"):
        introductions.send_introduction(world.match, by=coordinator, **texts)
    deliver_due()
    assert len(smtp_settings.handler.messages) == 4
    assert world.match.events.filter(to_status=S.INTRODUCED).count() == 1


def test_only_an_approved_match_is_introduced(world, smtp_settings, coordinator):
    with pytest.raises(Exception, match="approved"):
        introductions.send_introduction(
            world.match, by=coordinator, subject="Hi", body_buyer="B", body_company="C"
        )
    assert not OutboxMessage.objects.exists()
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED and world.match.introduced_at is None


def test_the_follow_up_delay_is_a_setting(world, coordinator, settings):
    settings.MATCH_FOLLOW_UP_DAYS = 30
    services.approve(world.match, by=coordinator)
    introductions.send_introduction(
        world.match, by=coordinator, subject="Hi", body_buyer="B", body_company="C"
    )
    world.match.refresh_from_db()
    assert (world.match.follow_up_due_at - world.match.introduced_at).days == 30


def test_a_closed_match_is_never_announced_as_new(world, smtp_settings, coordinator):
    services.close(world.match, by=coordinator, reason="Not for us")
    notify_emails.announce("daily")
    assert not OutboxMessage.objects.filter(category="matches").exists()
