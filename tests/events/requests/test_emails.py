"""The meeting request emails, read back from their outbox rows: both parts, the "why meet",
and that repeating an event writes no second row."""

import datetime

import pytest

from events.requests import emails, services
from events.requests.ranking import best_match
from tests import factories as f
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db


def test_request_received_in_both_parts_with_why_meet(
    event, buyer_reg, company_reg, match, company_owner, owner
):
    services.request_meeting(
        company_reg, buyer_reg, actor=company_owner, message="We ran a pilot in Aarhus."
    )
    (row,) = outbox("meeting_request_received")
    assert row.to_email == owner.email
    assert row.subject == "Cecilie CEO (CareSense ApS) asks to meet you"
    for part in (row.text, row.html):
        assert "Cecilie CEO of CareSense ApS asks for a 1:1 meeting with you" in part
        assert "Why meet:" in part
        assert "Fewer falls at night" in part and "Radar fall sensor" in part
        assert "We ran a pilot in Aarhus." in part
        assert f"/events/{event.pk}/requests/" in part


def test_accepted_and_declined_in_both_parts(buyer_reg, company_reg, owner, company_owner):
    first = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    services.accept(first, actor=owner)
    (row,) = outbox("meeting_request_accepted")
    assert row.to_email == company_owner.email
    assert row.subject == "Olivia Owner accepted your meeting request"
    for part in (row.text, row.html):
        assert "Olivia Owner of Odense University Hospital will meet you" in part
    services.cancel_request(first, actor=company_owner)
    second = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    services.decline(second, actor=owner)
    (row,) = outbox("meeting_request_declined")
    assert row.subject == "Olivia Owner declined your meeting request"
    for part in (row.text, row.html):
        assert "cannot meet you" in part
        assert f"/events/{buyer_reg.event_id}/participants/" in part


def test_repeating_an_email_writes_no_second_row(buyer_reg, company_reg, match, owner):
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    emails.request_received(request, best_match(buyer_reg, company_reg))
    assert len(outbox("meeting_request_received")) == 1


def test_an_expired_request_tells_the_asker_once(
    event, buyer_reg, company_reg, owner, company_owner
):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    answered = services.request_meeting(
        buyer_reg,
        f.RegistrationFactory(
            event=event, organisation=f.OrganisationFactory(hub=event.hub, company=True)
        ),
        actor=owner,
    )
    services.accept(answered, actor=answered.to_registration.user)
    later = event.starts_at + datetime.timedelta(minutes=1)

    assert services.expire_requests(now=later) == 1
    assert services.expire_requests(now=later) == 0

    request.refresh_from_db()
    assert request.status == "expired"
    (row,) = outbox("meeting_request_expired")
    assert row.to_email == company_owner.email
    assert row.subject == "Your meeting request to Olivia Owner expired"
    for part in (row.text, row.html):
        assert "Your request to Olivia Owner of Odense University Hospital" in part
        assert "expired without an answer" in part
        assert f"/events/{event.pk}/requests/" in part
    emails.request_expired(request)
    assert len(outbox("meeting_request_expired")) == 1
