"""The API client and a second hospital (in another hub) with its own administrator, for the
cross-tenant tests; the needs of every state come from tests/needs/conftest.py."""

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
def foreign_owner(foreign_org):
    """Administrator of another hospital, in another hub."""
    user = f.UserFactory(email="owner@ous.example", name="Ola Other")
    f.MembershipFactory(user=user, organisation=foreign_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def foreign_draft(foreign_org, foreign_owner):
    return f.NeedFactory(organisation=foreign_org, created_by=foreign_owner, title="Their draft")


@pytest.fixture
def foreign_published(foreign_org):
    return f.NeedFactory(organisation=foreign_org, published=True, title="Their open need")


@pytest.fixture
def loner(db):
    """Signed up, member of no organisation."""
    return f.UserFactory(email="loner@example.org")
