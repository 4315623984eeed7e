"""Every test of the core (tests/healthmatch/) starts and ends with an empty cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate-limit counters in the cache, shared by every test."""
    cache.clear()
    yield
    cache.clear()
