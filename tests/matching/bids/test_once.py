"""The bid form acts once per form token: the double click of "Submit" makes one bid."""

import pytest
from django.urls import reverse

from matching.bids.models import Bid, BidEvent
from tests.matching.bids.conftest import BID_DATA
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)


def bid_data(world, **extra):
    data = {k: ("" if v is None else v) for k, v in BID_DATA.items()}
    return {**data, "company": world.company.pk, "submit": "", **extra}


@pytest.mark.django_db
def test_bid_form_sent_twice_makes_one_bid(client, world):
    client.force_login(world.company_member)
    url = reverse("bids:create", args=[world.need.pk])
    first, second = post_twice(client, url, bid_data(world))
    bid = Bid.objects.get()
    assert first["Location"] == bid.get_absolute_url()
    assert_landed_on_the_first(client, first, second)
    assert BidEvent.objects.filter(bid=bid, to_state=Bid.State.SUBMITTED).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_bid_form_sent_twice_at_once_makes_one_bid(world):
    url = reverse("bids:create", args=[world.need.pk])
    responses = post_twice_at_once(world.company_member, url, bid_data(world))
    bid = Bid.objects.get()
    assert [r.status_code for r in responses] == [302, 302], responses
    assert {r["Location"] for r in responses} == {bid.get_absolute_url()}


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_bid_form_with_a_bad_token_saves_nothing(client, world, bad):
    client.force_login(world.company_member)
    url = reverse("bids:create", args=[world.need.pk])
    data = forged(bid_data(world)) if bad == "forged" else expired(client, bid_data(world))
    response = client.post(url, data)
    assert_refused_token(response, expired=bad == "expired")
    assert BID_DATA["solution"] in response.content.decode()
    assert not Bid.objects.exists()
