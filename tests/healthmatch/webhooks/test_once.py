"""Adding a webhook endpoint acts once per form token."""

import pytest
from django.urls import reverse

from healthmatch.webhooks.models import Endpoint
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

DATA = {"url": "http://127.0.0.1:9/in", "description": "ERP", "events": ["need.published"]}


@pytest.mark.django_db
def test_endpoint_form_sent_twice_adds_one_endpoint(client, loopback, owner, buyer_org):
    client.force_login(owner)
    first, second = post_twice(client, reverse("webhooks:create", args=[buyer_org.slug]), DATA)
    endpoint = Endpoint.objects.get()
    assert first["Location"] == reverse("webhooks:endpoint", args=[buyer_org.slug, endpoint.pk])
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_endpoint_form_sent_twice_at_once_adds_one_endpoint(loopback, owner, buyer_org):
    url = reverse("webhooks:create", args=[buyer_org.slug])
    responses = post_twice_at_once(owner, url, DATA)
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Endpoint.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_endpoint_form_with_a_bad_token_adds_nothing(client, loopback, owner, buyer_org, bad):
    client.force_login(owner)
    data = forged(DATA) if bad == "forged" else expired(client, DATA)
    response = client.post(reverse("webhooks:create", args=[buyer_org.slug]), data)
    assert_refused_token(response, expired=bad == "expired")
    assert not Endpoint.objects.exists()
