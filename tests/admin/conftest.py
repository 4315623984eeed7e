"""Admin fixtures: a second hub with its own rows, so every changelist has something the
coordinator must not see, and a client logged in as the coordinator."""

import pytest
from django.core.cache import cache

from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate-limit counters in the cache, shared by every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def foreign_org(other_hub):
    return f.OrganisationFactory(name="Oslo Universitetssykehus", kind="hospital", hub=other_hub)


@pytest.fixture
def foreign_need(foreign_org):
    return f.NeedFactory(
        organisation=foreign_org, submitted=True, title="Foreign need: night-time wandering"
    )


@pytest.fixture
def foreign_company(other_hub):
    return f.OrganisationFactory(name="Fjord Sensors AS", company=True, hub=other_hub)
