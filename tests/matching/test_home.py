"""The home page: the latest needs and four counts, the counts kept a little while for all."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_home_shows_the_counts_and_the_latest_needs(client, buyer_org):
    f.NeedFactory(organisation=buyer_org, published=True, title="Beds that warn before a fall")
    f.NeedFactory(organisation=buyer_org, title="A draft nobody sees")

    html = client.get("/").content.decode()

    assert '<div class="stat">1</div>' in html
    assert "Beds that warn before a fall" in html and "A draft nobody sees" not in html


def test_the_counts_are_kept_and_then_counted_again(client, buyer_org):
    f.NeedFactory(organisation=buyer_org, published=True)
    client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    assert not [q for q in warm.captured_queries if "COUNT(" in q["sql"]]

    f.NeedFactory(organisation=buyer_org, published=True)
    assert '<div class="stat">1</div>' in client.get("/").content.decode()  # kept
    cache.delete("home:stats")  # as when its lifetime ends
    assert '<div class="stat">2</div>' in client.get("/").content.decode()
