"""The admin's add forms (OnceAddAdminMixin) add once per form token: regions, organisations,
company profiles, capabilities, memberships and matching settings use it; a region stands for
them here (events: tests/events/test_once.py)."""

import pytest
from django.urls import reverse

from healthmatch.accounts.models import Region
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    forged,
    once,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

REGION = {
    "name": "Region Gotland",
    "slug": "region-gotland",
    "country": "SE",
    "description": "",
    "position": "20",
    "is_active": "on",
}
ADD_REGION = reverse("admin:accounts_region_add")


@pytest.mark.django_db
def test_the_add_page_carries_a_token(coordinator_client):
    assert 'name="once_token"' in coordinator_client.get(ADD_REGION).content.decode()


@pytest.mark.django_db
def test_a_region_added_twice_is_added_once(coordinator_client):
    first, second = post_twice(coordinator_client, ADD_REGION, REGION)
    assert Region.objects.filter(slug="region-gotland").count() == 1
    assert_landed_on_the_first(coordinator_client, first, second)


@pytest.mark.django_db
def test_a_region_with_a_forged_token_is_not_added(coordinator_client):
    response = coordinator_client.post(ADD_REGION, forged(REGION))
    assert_refused_token(response)
    assert "Region Gotland" in response.content.decode()  # the input is kept
    assert not Region.objects.filter(slug="region-gotland").exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_region_added_twice_at_once_is_added_once(coordinator):
    responses = post_twice_at_once(coordinator, ADD_REGION, REGION)
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Region.objects.filter(slug="region-gotland").count() == 1


@pytest.mark.django_db
def test_a_refused_add_leaves_the_token_for_the_corrected_form(coordinator_client):
    token = once(coordinator_client)
    refused = coordinator_client.post(ADD_REGION, {**REGION, "name": "", **token})
    assert refused.status_code == 200
    assert coordinator_client.post(ADD_REGION, {**REGION, **token}).status_code == 302
    assert Region.objects.filter(slug="region-gotland").count() == 1
