"""The API client, and a second company (in another hub) with its administrator and
capabilities, for the cross-tenant tests; CareSense's come from tests/companies/conftest.py."""

import pytest
from rest_framework.test import APIClient

from healthmatch.accounts.models import Membership
from tests import factories as f


@pytest.fixture
def api(request):
    """``api(name)``: an APIClient authenticated as the named fixture's user (None: anonymous)."""

    def client_for(name):
        client = APIClient()
        if name is not None:
            client.force_authenticate(request.getfixturevalue(name))
        return client

    return client_for


@pytest.fixture
def foreign_admin(foreign_company):
    user = f.UserFactory(email="ceo@fjord.example", name="Fjord CEO")
    f.MembershipFactory(user=user, organisation=foreign_company, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def foreign_profile(foreign_company):
    return f.CompanyProfileFactory(organisation=foreign_company)


@pytest.fixture
def foreign_draft(foreign_profile):
    return f.CapabilityFactory(company=foreign_profile, title="Fjord draft")


@pytest.fixture
def foreign_published(foreign_profile):
    return f.CapabilityFactory(company=foreign_profile, title="Fjord sensor", published=True)


@pytest.fixture
def buyer(owner):
    """A member of a verified hospital (the buyer fixture's owner): reads published ones."""
    return owner
