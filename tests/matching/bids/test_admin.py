"""Coordinators see every bid of their hubs' needs in the admin, and nothing of other hubs."""

import pytest
from django.urls import reverse

from tests.matching.bids.conftest import bid_on

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_bids_of_their_hub_only(
    client, world, coordinator, other_coordinator, superuser
):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    changelist = reverse("admin:matching_bid_changelist")
    change = reverse("admin:matching_bid_change", args=[bid.pk])

    client.force_login(coordinator)
    page = client.get(changelist)
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [bid]
    detail = client.get(change)
    assert detail.status_code == 200
    assert "Radar sensors in every room" in detail.content.decode()
    events = client.get(reverse("admin:matching_bidevent_changelist"))
    assert len(events.context["cl"].result_list) == 2

    client.force_login(other_coordinator)
    assert list(client.get(changelist).context["cl"].result_list) == []
    assert client.get(change).status_code == 302  # "doesn't exist" redirect
    assert (
        list(client.get(reverse("admin:matching_bidevent_changelist")).context["cl"].result_list)
        == []
    )

    client.force_login(superuser)
    assert list(client.get(changelist).context["cl"].result_list) == [bid]


def test_bidders_have_no_admin(client, world):
    client.force_login(world.company_member)
    response = client.get(reverse("admin:matching_bid_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
