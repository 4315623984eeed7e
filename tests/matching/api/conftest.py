"""Two tenants on each side for the API of matches and bids: the buyer (``owner``, ``member``)
and a second hospital (``other_buyer``); the company (``company_owner``, ``company_member``) and
a rival company (``rival``); a match of each pair, the hub's ``coordinator`` and a coordinator of
another hub. ``api`` is an APIClient; ``as_(user)`` signs it in."""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability, published_need


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_(api):
    def sign_in(user):
        api.force_authenticate(user)
        return api

    return sign_in


@pytest.fixture
def other_buyer(hub):
    """A member of a second hospital in the same hub."""
    org = f.OrganisationFactory(name="Aarhus University Hospital", kind="hospital", hub=hub)
    user = f.UserFactory(email="buyer@auh.example", name="Anders Aarhus")
    f.MembershipFactory(user=user, organisation=org)
    return SimpleNamespace(org=org, user=user)


@pytest.fixture
def rival(hub):
    """A competing company in the same hub with one member and one published capability."""
    org = f.OrganisationFactory(name="Rival Sensors A/S", company=True, hub=hub)
    user = f.UserFactory(email="rival@rival.example", name="Rita Rival")
    f.MembershipFactory(user=user, organisation=org)
    profile = f.CompanyProfileFactory(organisation=org)
    capability = published_capability(profile, title="Smart floor mats")
    return SimpleNamespace(org=org, user=user, capability=capability)


@pytest.fixture
def world(buyer_org, company_org, owner, member, company_owner, company_member, other_buyer, rival):
    profile = f.CompanyProfileFactory(organisation=company_org)
    f.ContactPersonFactory(
        company=profile, name="Sales Sofie", email="sales@caresense.example", phone="+45 1234"
    )
    need = published_need(buyer_org, created_by=owner)
    capability = published_capability(profile)
    other_need = published_need(other_buyer.org, title="Medication rounds at night")
    return SimpleNamespace(
        need=need,
        capability=capability,
        match=make_match(need, capability, 0.82),
        other_need=other_need,
        other_match=make_match(other_need, rival.capability, 0.61),
        profile=profile,
    )
