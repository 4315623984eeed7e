"""A known data set for the funnel and the audit trail.

In the hub, over the period 2026-01-01 to 2026-03-31 (local time, Europe/Copenhagen):

- n1, published 2026-01-05 10:00: m11 (first seen 2 h later) went mutual, introduced, met,
  pilot; m12 (5 h) mutual, then dismissed and closed;
- n2, 2026-02-01 00:00: m21 (10 h) approved, introduced, met, pilot, procurement, contract;
- n3, 2026-03-10 12:00: m31 (30 h) introduced directly (never mutual nor approved);
- n4, 2026-03-31 23:30 (summer time already): no match;
- n5, 2026-01-20 08:00: no match.

Outside the cohort: n0 (published 2025-12-31 23:59, a contract), a draft, and a need of the
other hub published in the period (one match, mutual, one bid).

Bids (counted: submitted, shortlisted, accepted, declined): n1 submitted + shortlisted
(+ a draft and a withdrawn one, not counted), n2 accepted, n4 declined: 4 bids on 3 needs.
"""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.cache import cache

from matching.bids.models import Bid
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests import factories as f
from tests.conftest import make_coordinator

TZ = zoneinfo.ZoneInfo("Europe/Copenhagen")  # the settings' TIME_ZONE
START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 3, 31)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}
S = Match.Status


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def other_coordinator(other_hub):
    return make_coordinator(other_hub, email="coordinator@norway.example", name="Nils Coordinator")


class DataSet:
    def __init__(self, hub, other_hub, buyer_org, coordinator):
        self.hub = hub
        self.other_hub = other_hub
        self.coordinator = coordinator
        self.companies = [
            f.OrganisationFactory(name=f"Company {i}", company=True, hub=hub) for i in range(4)
        ]
        self.capabilities = [
            f.CapabilityFactory(company=f.CompanyProfileFactory(organisation=org), published=True)
            for org in self.companies
        ]
        need = self.need
        self.n1 = need(buyer_org, "n1", at(2026, 1, 5, 10))
        self.n2 = need(buyer_org, "n2", at(2026, 2, 1, 0))
        self.n3 = need(buyer_org, "n3", at(2026, 3, 10, 12))
        self.n4 = need(buyer_org, "n4", at(2026, 3, 31, 23, 30))
        self.n5 = need(buyer_org, "n5", at(2026, 1, 20, 8))
        self.n0 = need(buyer_org, "n0", at(2025, 12, 31, 23, 59))
        self.draft = f.NeedFactory(organisation=buyer_org, title="draft")
        foreign_org = f.OrganisationFactory(name="Oslo hospital", hub=other_hub)
        self.foreign = need(foreign_org, "foreign", at(2026, 2, 2, 9))

        self.m11 = self.match(self.n1, 0, 2, [S.MUTUAL, S.INTRODUCED, S.MET, S.PILOT])
        self.m12 = self.match(self.n1, 1, 5, [S.MUTUAL, S.DISMISSED_BY_BUYER, S.CLOSED])
        self.m21 = self.match(
            self.n2, 0, 10, [S.APPROVED, S.INTRODUCED, S.MET, S.PILOT, S.PROCUREMENT, S.CONTRACT]
        )
        self.m31 = self.match(self.n3, 2, 30, [S.INTRODUCED])
        self.m0 = self.match(self.n0, 0, 1, [S.MUTUAL, S.INTRODUCED, S.CONTRACT])
        self.mf = self.match(self.foreign, 3, 3, [S.MUTUAL])

        self.bid(self.n1, 0, Bid.State.SUBMITTED)
        self.bid(self.n1, 1, Bid.State.SHORTLISTED)
        self.bid(self.n1, 2, Bid.State.DRAFT)
        self.bid(self.n1, 3, Bid.State.WITHDRAWN)
        self.bid(self.n2, 1, Bid.State.ACCEPTED)
        self.bid(self.n4, 0, Bid.State.DECLINED)
        self.bid(self.n0, 0, Bid.State.SUBMITTED)
        self.foreign_bid = self.bid(self.foreign, 3, Bid.State.SUBMITTED)

    def need(self, org, title, published_at):
        return f.NeedFactory(
            organisation=org, title=title, status="published", published_at=published_at
        )

    def match(self, need, capability, hours, statuses):
        first_seen = need.published_at + datetime.timedelta(hours=hours)
        match = Match.objects.create(
            need=need,
            capability=self.capabilities[capability],
            hub=need.hub,
            score=0.5,
            first_seen_at=first_seen,
            status=statuses[-1] if statuses else S.SUGGESTED,
        )
        before = S.SUGGESTED
        for i, status in enumerate(statuses):
            MatchEvent.objects.create(
                match=match,
                from_status=before,
                to_status=status,
                actor=self.coordinator,
                note=f"step {i}",
                created_at=first_seen + datetime.timedelta(days=i + 1),
            )
            before = status
        return match

    def bid(self, need, company, state):
        org = self.companies[company]
        submitted = state != Bid.State.DRAFT
        return Bid.objects.create(
            need=need,
            company=org,
            author=self.coordinator,
            summary=f"{org.name} on {need.title}",
            solution="Radar sensors in every room.",
            price_min=Decimal("10000"),
            price_max=Decimal("50000"),
            state=state,
            submitted_at=need.published_at + datetime.timedelta(days=1) if submitted else None,
        )


@pytest.fixture
def data(hub, other_hub, buyer_org, coordinator):
    return DataSet(hub, other_hub, buyer_org, coordinator)
