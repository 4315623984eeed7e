"""The funnel and the audit trail fed by the real services of the lifecycle and of bids (no
hand-written events): interest on both sides, approval, the introduction through the outbox,
the parties' report of a pilot, and a submitted bid."""

import pytest
from django.urls import reverse
from django.utils import timezone

from matching.bids import services as bids
from matching.funnel.services import compute_funnel
from matching.lifecycle import services as lifecycle
from matching.lifecycle.introductions import send_introduction
from matching.models import Match
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(buyer_org, company_org, owner, company_owner):
    need = f.NeedFactory(organisation=buyer_org, published=True, title="Falls at night")
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org), published=True
    )
    return Match.objects.create(need=need, capability=capability, hub=need.hub, score=0.7)


def test_lifecycle_and_bids_show_up_in_the_funnel_and_the_trail(
    client, match, owner, company_owner, coordinator
):
    lifecycle.state_interest(match, by=owner, interest="interested")
    lifecycle.state_interest(match, by=company_owner, interest="interested")
    lifecycle.approve(match, by=coordinator)
    send_introduction(
        match, by=coordinator, subject="Meet", body_buyer="Hello", body_company="Hello"
    )
    lifecycle.report(match, by=owner, to=Match.Status.PILOT, note="Two wards from May")
    bids.create_bid(
        need=match.need,
        company=company_owner.memberships.get().organisation,
        author=company_owner,
        data={"summary": "Radar", "solution": "Sensors in every room."},
        submit=True,
    )

    today = timezone.localdate()
    funnel = compute_funnel([match.hub], today, today)
    assert {s.key: s.needs for s in funnel.stages} == {
        "posted": 1,
        "matched": 1,
        "mutual": 1,
        "introduced": 1,
        "met": 1,
        "pilot": 1,
        "procurement": 0,
        "contract": 0,
    }
    assert (funnel.bids, funnel.bids_per_need) == (1, 1.0)

    client.force_login(coordinator)
    response = client.get(reverse("funnel:audit"), {"kind": "match"})
    changes = [(e["change"], e["actor"]) for e in response.context["entries"]]
    assert changes == [
        ("Meeting held → Pilot", owner),
        ("Introduced → Meeting held", owner),
        ("Approved → Introduced", coordinator),
        ("Mutual interest → Approved", coordinator),
        ("Suggested → Mutual interest", company_owner),
    ]
    response = client.get(reverse("funnel:audit"), {"kind": "bid"})
    assert [e["change"] for e in response.context["entries"]] == [
        "Draft → Submitted",
        "– → Draft",
    ]
