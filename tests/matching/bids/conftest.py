"""A small world for bids: a published need of the buyer (``owner``, ``member``), the bidding
company (``company_owner``, ``company_member``) with a capability, a competing company with its
own member and capability, and a helper that writes a bid through the services."""

from types import SimpleNamespace

import pytest

from matching.bids import services
from needs.models import Need
from tests import factories as f
from tests.conftest import make_coordinator

BID_DATA = {
    "summary": "Radar sensors in every room warn the night nurse before a fall.",
    "solution": "Contact-free radar units, installed in a day, alerts on the ward phones.",
    "evidence": "Pilot at Aarhus: 40% fewer falls in 6 months.",
    "price_min": None,
    "price_max": None,
    "currency": "DKK",
    "timeline": "Pilot in 3 months",
}


def bid_on(need, company, author, submit=False, capabilities=(), **data):
    return services.create_bid(
        need=need,
        company=company,
        author=author,
        data={**BID_DATA, **data},
        capabilities=capabilities,
        submit=submit,
    )


@pytest.fixture
def need(buyer_org, owner, member):
    return f.NeedFactory(
        organisation=buyer_org, published=True, title="Fewer falls at night on the ward"
    )


@pytest.fixture
def capability(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, published=True, title="Radar fall detection")


@pytest.fixture
def rival(hub):
    """A competing company in the same hub with one member and one capability."""
    org = f.OrganisationFactory(name="Rival Sensors A/S", company=True, hub=hub)
    user = f.UserFactory(email="rival@rival.example", name="Rita Rival")
    f.MembershipFactory(user=user, organisation=org)
    profile = f.CompanyProfileFactory(organisation=org)
    capability = f.CapabilityFactory(company=profile, published=True, title="Smart floor mats")
    return SimpleNamespace(org=org, user=user, capability=capability)


@pytest.fixture
def other_coordinator(other_hub):
    return make_coordinator(other_hub, email="coord@norway.example", name="Nils Coordinator")


@pytest.fixture
def world(need, company_org, company_owner, company_member, capability):
    return SimpleNamespace(
        need=need,
        company=company_org,
        company_owner=company_owner,
        company_member=company_member,
        capability=capability,
    )


def confidential(need):
    Need.objects.filter(pk=need.pk).update(is_confidential=True)
    need.refresh_from_db()
    return need
