"""Rate limits per token, per signed-in person and per address, from settings; a 429 says when
to come back (Retry-After)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.healthmatch.api.conftest import client_with, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.healthmatch.api.urls")]
ECHO = "/api/v1/test/echo/"


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/min", "user": "2/min", "anon": "2/min"},
    }
    cache.clear()
    yield
    cache.clear()


def _statuses(client, n):
    return [client.get(ECHO).status_code for _ in range(n)]


def test_each_token_has_its_own_budget(low_rates, owner):
    first, second = token_for(owner, name="a"), token_for(owner, name="b")
    assert _statuses(client_with(first), 4) == [200, 200, 200, 429]
    assert _statuses(client_with(second), 1) == [200]  # another token, another budget

    refused = client_with(first).get(ECHO)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "throttled" in refused.json()["detail"].lower()


def test_the_session_is_limited_per_person(low_rates, owner, member):
    client = APIClient()
    client.force_login(owner)
    assert _statuses(client, 3) == [200, 200, 429]
    other = APIClient()
    other.force_login(member)
    assert _statuses(other, 1) == [200]


def test_anonymous_visitors_are_limited_per_address(low_rates, db):
    here, there = APIClient(REMOTE_ADDR="10.0.0.1"), APIClient(REMOTE_ADDR="10.0.0.2")
    assert _statuses(here, 3) == [200, 200, 429]
    assert _statuses(there, 1) == [200]
    # A forged X-Forwarded-For does not buy a new budget (API_NUM_PROXIES=0).
    assert here.get(ECHO, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
