"""The event emails, read back from their outbox rows: recipient, subject, both parts, the
event's own time zone, and that repeating an event writes no second row."""

import datetime

import pytest
from django.utils import timezone

from events import emails, services
from tests import factories as f
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo_event(hub):
    # 09:00 in Oslo is 08:00 UTC in winter and 07:00 UTC in summer: pick a winter date.
    starts = datetime.datetime(timezone.now().year + 1, 1, 20, 8, 0, tzinfo=datetime.UTC)
    return f.EventFactory(
        hub=hub,
        title="Health & Care Matchmaking",
        time_zone="Europe/Oslo",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        venue="Oslo Science Park",
        capacity=1,
    )


def test_confirmation_email_in_both_parts(oslo_event, owner, buyer_org):
    services.register(oslo_event, owner, buyer_org)
    (row,) = outbox("event_registration_confirmed")
    assert row.to_email == owner.email
    assert row.category == "events"
    assert row.subject == "You are registered: Health & Care Matchmaking"
    assert "Your place at “Health & Care Matchmaking” for Odense University Hospital" in row.text
    assert "09:00–16:00 (Oslo (Norway))" in row.text
    assert "Oslo Science Park" in row.text
    assert f"/events/{oslo_event.pk}/registration/" in row.text
    assert "Health &amp; Care Matchmaking" in row.html
    assert "09:00–16:00 (Oslo (Norway))" in row.html
    assert f"/events/{oslo_event.pk}/registration/" in row.html


def test_waiting_list_email_gives_the_position(oslo_event, owner, member, buyer_org):
    services.register(oslo_event, owner, buyer_org)
    services.register(oslo_event, member, buyer_org)
    (row,) = outbox("event_registration_waitlisted")
    assert row.to_email == member.email
    assert row.subject == "On the waiting list: Health & Care Matchmaking"
    assert "You are number 1 on the waiting list." in row.text
    assert "You are number 1 on the waiting list." in row.html
    assert f"/events/{oslo_event.pk}/" in row.html


def test_promotion_email_in_both_parts(oslo_event, owner, member, buyer_org):
    seat = services.register(oslo_event, owner, buyer_org)
    services.register(oslo_event, member, buyer_org)
    services.cancel_registration(seat, actor=owner)
    (row,) = outbox("event_registration_promoted")
    assert row.to_email == member.email
    assert row.subject == "A place for you: Health & Care Matchmaking"
    assert "has freed up and it is yours" in row.text
    assert "has freed up and it is yours" in row.html
    assert f"/events/{oslo_event.pk}/registration/" in row.html


def test_organisers_message_in_both_parts(oslo_event, owner, buyer_org, coordinator):
    services.register(oslo_event, owner, buyer_org)
    services.message_participants(
        oslo_event,
        actor=coordinator,
        subject="Parking <north>",
        body="Use the north entrance.\nBring ID & badge.",
    )
    (row,) = outbox("event_message")
    assert row.subject == "Health & Care Matchmaking: Parking <north>"
    assert "Use the north entrance.\nBring ID & badge." in row.text
    assert "Bring ID &amp; badge." in row.html
    assert "<br>" in row.html


def test_cancellation_email_in_both_parts(oslo_event, owner, buyer_org, coordinator):
    services.register(oslo_event, owner, buyer_org)
    services.cancel_event(oslo_event, actor=coordinator)
    (row,) = outbox("event_cancelled")
    assert row.subject == "Cancelled: Health & Care Matchmaking"
    assert "Welfare Tech has cancelled “Health & Care Matchmaking”." in row.text
    assert "Welfare Tech has cancelled “Health &amp; Care Matchmaking”." in row.html


def test_repeating_an_email_event_writes_no_second_row(oslo_event, owner, buyer_org):
    registration = services.register(oslo_event, owner, buyer_org)
    emails.registration_confirmed(registration)
    assert len(outbox("event_registration_confirmed")) == 1


def test_sending_follows_the_commit(
    oslo_event, owner, buyer_org, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.register(oslo_event, owner, buyer_org)
    (message,) = mailoutbox
    assert message.to == [owner.email]
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and "Health &amp; Care Matchmaking" in html
