"""The events' webhooks through the real services: a confirmed registration to its
organisation; a meeting request and its answer to both participants' organisations."""

import pytest

from events import services as event_services
from events.requests import services
from tests.healthmatch.webhooks.conftest import deliveries, subscribe

pytestmark = pytest.mark.django_db

TYPES = ("event.registration.confirmed", "event.meeting_request.received",
         "event.meeting_request.answered")  # fmt: skip


def test_registration_confirmed_goes_to_its_organisation(event, owner, buyer_org, company_org):
    subscribe(buyer_org, *TYPES)
    subscribe(company_org, *TYPES)
    registration = event_services.register(event, owner, buyer_org)
    ((event_type, org, data),) = deliveries()
    assert (event_type, org) == ("event.registration.confirmed", buyer_org.pk)
    assert data["registration"]["id"] == registration.pk
    assert data["event"] == {
        "id": event.pk,
        "url": f"http://127.0.0.1:8000/api/v1/events/{event.pk}/",
    }


def test_a_request_and_its_answer_go_to_both_sides(
    buyer_reg, company_reg, match, owner, company_owner, buyer_org, company_org
):
    subscribe(buyer_org, *TYPES)
    subscribe(company_org, *TYPES)
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    received = deliveries("event.meeting_request.received")
    assert sorted(o for _t, o, _d in received) == sorted([buyer_org.pk, company_org.pk])
    assert received[0][2]["meeting_request"]["status"] == "pending"

    services.accept(request, actor=company_owner)
    answered = deliveries("event.meeting_request.answered")
    assert len(answered) == 2 and answered[0][2]["meeting_request"]["status"] == "accepted"
    assert answered[0][2]["meeting_request"]["from_organisation"] == {"id": buyer_org.pk}
