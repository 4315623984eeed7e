"""Twenty simultaneous submissions of the same bid: exactly one row, never a 500. Real
concurrent transactions need PostgreSQL (SQLite serialises writers and answers "database is
locked"); on SQLite these tests are skipped, except under CI=true: CI must run them on
PostgreSQL, and a CI that fell back to SQLite fails here instead of skipping silently."""

import os
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from matching.bids.models import Bid, BidEvent
from tests.matching.bids.conftest import BID_DATA, bid_on
from tests.once import once

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true",
    reason="concurrent transactions need PostgreSQL",
)

N = 20


def _race(func):
    """Run ``func`` N times at once, each in a thread with its own connection."""
    barrier = threading.Barrier(N)
    results = [None] * N

    def target(i):
        try:
            barrier.wait(30)
            results[i] = func()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_new_bids_make_one_row(world):
    data = {k: ("" if v is None else v) for k, v in BID_DATA.items()}
    data.update(company=world.company.pk, submit="")
    url = reverse("bids:create", args=[world.need.pk])

    def post():
        client = Client(raise_request_exception=False)
        client.force_login(world.company_member)
        return client.post(url, once(client, data))  # twenty forms, a token each

    responses = _race(post)

    assert all(not isinstance(r, BaseException) for r in responses), responses
    codes = sorted(r.status_code for r in responses)
    assert 500 not in codes
    assert codes.count(302) == 1
    assert Bid.objects.count() == 1
    bid = Bid.objects.get()
    assert bid.state == Bid.State.SUBMITTED
    assert BidEvent.objects.filter(bid=bid, to_state=Bid.State.SUBMITTED).count() == 1
    refused = [r for r in responses if r.status_code != 302]
    assert all("already has a bid" in r.content.decode() for r in refused)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_submits_of_a_draft_submit_it_once(world):
    draft = bid_on(world.need, world.company, world.company_member)
    url = reverse("bids:submit", args=[draft.pk])

    def post():
        client = Client(raise_request_exception=False)
        client.force_login(world.company_member)
        return client.post(url)

    responses = _race(post)

    assert all(not isinstance(r, BaseException) for r in responses), responses
    assert {r.status_code for r in responses} == {302}
    assert Bid.objects.count() == 1
    draft.refresh_from_db()
    assert draft.state == Bid.State.SUBMITTED
    assert BidEvent.objects.filter(to_state=Bid.State.SUBMITTED).count() == 1
