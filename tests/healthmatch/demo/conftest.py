import pytest

from healthmatch.demo.seed import seed_demo


@pytest.fixture
def seeded(db):
    """The demo world, loaded once for the test."""
    return seed_demo()
