"""A bid offers only the company's published capabilities: the form lists no draft or archived
one, and a posted draft id is refused with an error next to the field (page, service, API)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from matching.bids import services
from matching.bids.models import Bid
from tests import factories as f
from tests.matching.bids.conftest import BID_DATA, bid_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(capability):
    return f.CapabilityFactory(company=capability.company, title="Unfinished night camera")


@pytest.fixture
def archived(capability):
    return f.CapabilityFactory(
        company=capability.company, title="Retired bed alarm", status="archived"
    )


def _post(**extra):
    data = {k: ("" if v is None else v) for k, v in BID_DATA.items()}
    return {**data, **extra}


def test_bid_form_offers_published_capabilities_only(client, world, draft, archived):
    client.force_login(world.company_member)
    page = client.get(reverse("bids:create", args=[world.need.pk])).content.decode()
    assert "Radar fall detection" in page
    assert "Unfinished night camera" not in page and "Retired bed alarm" not in page


def test_posting_a_draft_capability_is_refused_next_to_the_field(client, world, draft):
    client.force_login(world.company_member)
    response = client.post(
        reverse("bids:create", args=[world.need.pk]),
        _post(company=world.company.pk, capabilities=[world.capability.pk, draft.pk], save=""),
    )
    assert response.status_code == 200
    assert "capabilities" in response.context["form"].errors
    assert not Bid.objects.exists()


def test_services_refuse_a_draft_capability(world, draft):
    with pytest.raises(ValidationError) as error:
        bid_on(world.need, world.company, world.company_member, capabilities=[draft])
    assert "capabilities" in error.value.message_dict
    assert not Bid.objects.exists()

    bid = bid_on(world.need, world.company, world.company_member)
    with pytest.raises(ValidationError) as error:
        services.update_bid(
            bid, actor=world.company_member, data={"summary": "Changed"}, capabilities=[draft]
        )
    assert "capabilities" in error.value.message_dict
    bid.refresh_from_db()
    assert bid.summary == BID_DATA["summary"] and not bid.capabilities.exists()


def test_a_capability_unpublished_after_it_was_offered_stays_on_the_draft(client, world):
    bid = bid_on(world.need, world.company, world.company_member, capabilities=[world.capability])
    world.capability.status = "draft"
    world.capability.save()
    client.force_login(world.company_member)
    response = client.post(
        reverse("bids:edit", args=[bid.pk]),
        _post(capabilities=[world.capability.pk], summary="Edited summary", save=""),
    )
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.summary == "Edited summary"
    assert list(bid.capabilities.all()) == [world.capability]


def test_api_refuses_a_draft_capability(client, world, draft):
    client.force_login(world.company_member)
    response = client.post(
        "/api/v1/bids/",
        {**BID_DATA, "need": world.need.pk, "capabilities": [draft.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "capabilities" in response.json()
    assert not Bid.objects.exists()
