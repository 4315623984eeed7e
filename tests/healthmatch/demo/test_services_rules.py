"""The demo is loaded through the pages' services: demo data that a rule forbids makes the seed
fail loudly instead of loading it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from healthmatch.demo import data
from healthmatch.demo.seed import seed_demo
from matching.bids.models import Bid
from needs.models import Need

pytestmark = pytest.mark.django_db

COMPANY = "company@demo.healthmatch.local"


def only_bid(monkeypatch, **changes):
    """The demo world with one bid, changed by ``changes``."""
    item = next(b for b in data.BIDS if b["state"] == "declined")
    monkeypatch.setattr(data, "BIDS", [{**item, **changes}])


def test_seed_demo_refuses_a_decision_by_somebody_outside_the_need_organisation(monkeypatch):
    only_bid(monkeypatch, decided_by=COMPANY)
    with pytest.raises(PermissionDenied):
        seed_demo()
    assert not Bid.objects.exists() and not Need.objects.exists()  # nothing half-loaded


def test_seed_demo_refuses_a_bid_on_a_need_that_is_not_published(monkeypatch):
    draft = next(n["title"] for n in data.NEEDS if n["status"] == "draft")
    only_bid(monkeypatch, need=draft)
    with pytest.raises(ValidationError):
        seed_demo()


def test_seed_demo_refuses_to_publish_a_capability_of_an_unverified_company(monkeypatch):
    unverified = {c["slug"] for c in data.COMPANIES if c.get("verified") is False}
    capabilities = [
        {**item, "status": "published"} if item["company"] in unverified else item
        for item in data.CAPABILITIES
    ]
    monkeypatch.setattr(data, "CAPABILITIES", capabilities)
    with pytest.raises(ValidationError):
        seed_demo()
