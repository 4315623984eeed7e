"""A meeting request is about a need or capability still published: one pitched or brought
to the event and closed, drafted or archived since is neither offered nor accepted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.requests import services
from events.requests.models import MeetingRequest
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale(buyer_reg, company_reg, buyer_org, capability):
    """A need pitched and a capability brought that are no longer published."""
    need = f.NeedFactory(organisation=buyer_org, title="Closed bed-sore need", status="closed")
    cap = f.CapabilityFactory(company=capability.company, title="Archived mattress sensor")
    cap.status = "archived"
    cap.save()
    buyer_reg.pitched_needs.add(need)
    company_reg.capabilities.add(cap)
    return need, cap


def test_request_form_offers_published_topics_only(
    client, event, buyer_reg, company_reg, owner, stale
):
    client.force_login(owner)
    page = client.get(
        reverse("events:request_new", args=[event.pk, company_reg.pk])
    ).content.decode()
    assert "Fewer falls at night" in page and "Radar fall sensor" in page
    assert "Closed bed-sore need" not in page and "Archived mattress sensor" not in page


def test_request_form_refuses_a_stale_topic_next_to_the_field(
    client, event, buyer_reg, company_reg, owner, stale
):
    client.force_login(owner)
    response = client.post(
        reverse("events:request_new", args=[event.pk, company_reg.pk]),
        {"message": "Hi", "need": stale[0].pk},
    )
    assert response.status_code in (200, 400)
    assert "need" in response.context["form"].errors
    assert not MeetingRequest.objects.exists()


def test_services_refuse_a_stale_topic(buyer_reg, company_reg, owner, stale):
    need, capability = stale
    with pytest.raises(ValidationError) as error:
        services.request_meeting(buyer_reg, company_reg, actor=owner, need=need)
    assert "need" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.request_meeting(buyer_reg, company_reg, actor=owner, capability=capability)
    assert "capability" in error.value.message_dict
    assert not MeetingRequest.objects.exists()
