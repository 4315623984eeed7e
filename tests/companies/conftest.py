"""Company-side fixtures on top of tests/conftest.py: a profile, a draft and a published
capability of CareSense (company_org), and an unverified company with its administrator."""

import pytest

from healthmatch.accounts.models import Membership
from tests import factories as f


@pytest.fixture
def profile(company_org):
    return f.CompanyProfileFactory(organisation=company_org, tagline="Radar sensors that care")


@pytest.fixture
def draft(profile):
    return f.CapabilityFactory(company=profile, title="Bed-exit radar (draft)")


@pytest.fixture
def published(profile):
    return f.CapabilityFactory(company=profile, title="Fall detection radar", published=True)


@pytest.fixture
def unverified_org(hub):
    return f.OrganisationFactory(name="Fresh Start ApS", company=True, unverified=True, hub=hub)


@pytest.fixture
def unverified_admin(unverified_org):
    user = f.UserFactory(email="founder@fresh.example", name="Frida Founder")
    f.MembershipFactory(user=user, organisation=unverified_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def unverified_profile(unverified_org):
    return f.CompanyProfileFactory(organisation=unverified_org)


@pytest.fixture
def as_user(client, request):
    """Log the named fixture's user in (None: stay anonymous); returns the user."""

    def login(name):
        if name is None:
            return None
        user = request.getfixturevalue(name)
        client.force_login(user)
        return user

    return login
