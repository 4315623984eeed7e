"""bid.submitted and bid.decided through the real services, to the buyer and the bidder."""

import pytest

from matching.bids import services
from tests.healthmatch.webhooks.conftest import deliveries, subscribe
from tests.matching.bids.conftest import bid_on

pytestmark = pytest.mark.django_db


def test_submitting_and_deciding_a_bid_emit_to_both_organisations(world, buyer_org, owner, rival):
    subscribe(buyer_org, "bid.submitted", "bid.decided")
    subscribe(world.company, "bid.submitted", "bid.decided")
    subscribe(rival.org, "bid.submitted", "bid.decided")  # not its bid

    bid = bid_on(world.need, world.company, world.company_member)
    assert deliveries() == []  # a draft tells nobody
    services.submit_bid(bid, actor=world.company_member)
    submitted = deliveries("bid.submitted")
    assert sorted(org for _t, org, _d in submitted) == sorted([buyer_org.pk, world.company.pk])
    assert submitted[0][2] == {
        "bid": {
            "id": bid.pk,
            "state": "submitted",
            "url": f"http://127.0.0.1:8000/api/v1/bids/{bid.pk}/",
        },
        "need": {
            "id": world.need.pk,
            "url": f"http://127.0.0.1:8000/api/v1/needs/{world.need.pk}/",
        },
        "company": {"id": world.company.pk},
    }

    services.decline_bid(bid, actor=owner, feedback="Too expensive for us")
    decided = deliveries("bid.decided")
    assert len(decided) == 2 and decided[0][2]["bid"]["state"] == "declined"
    assert "Too expensive" not in str(decided)  # the feedback is not in the payload
