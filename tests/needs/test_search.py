"""needs.search on its own: fields searched, every word required, rank order on PostgreSQL."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from needs.models import Need
from needs.search import normalise, search_needs
from tests import factories as f

pytestmark = pytest.mark.django_db


def titles(user, query):
    return [n.title for n in search_needs(Need.objects.listed(), query, user)]


def test_normalise_collapses_whitespace_and_drops_nul():
    assert normalise("  wound \x00 care\n ") == "wound care"
    assert len(normalise("x" * 1000)) == 200


def test_empty_query_returns_queryset_unchanged(published_need):
    assert titles(AnonymousUser(), "   ") == [published_need.title]


def test_every_word_must_match(buyer_org):
    f.NeedFactory(organisation=buyer_org, published=True, title="Wound care at home")
    f.NeedFactory(organisation=buyer_org, published=True, title="Wound photos in hospital")
    assert titles(AnonymousUser(), "wound home") == ["Wound care at home"]


def test_success_criteria_searched_for_verified_members(buyer_org, outsider):
    f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Pressure ulcers",
        success_criteria="Halve the number of grade-two ulcers",
    )
    assert titles(AnonymousUser(), "halve") == []
    assert titles(outsider, "halve") == ["Pressure ulcers"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rank ordering needs PostgreSQL")
def test_title_match_ranks_above_description_match(buyer_org, outsider):
    older = timezone.now() - datetime.timedelta(days=3)
    f.NeedFactory(
        organisation=buyer_org,
        published=True,
        published_at=older,
        title="Dementia wandering",
        description="Residents leave the unit at night.",
    )
    f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Night staffing",
        description="Dementia residents need calm nights.",
    )
    assert titles(outsider, "dementia") == ["Dementia wandering", "Night staffing"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
@pytest.mark.parametrize("reader", [False, True])
def test_a_search_reads_the_gin_indexes(reader, company_member, buyer_org):
    """The search filters on the very expressions the indexes of migration needs 0005 are
    built on; the planner is told to avoid full scans so that a small test table shows it."""
    for n in range(30):
        f.NeedFactory(organisation=buyer_org, published=True, title=f"Ward logistics {n}")
    user = company_member if reader else AnonymousUser()
    queryset = search_needs(Need.objects.all(), "sepsis", user)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE needs_need")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "needs_need_search_public" in plan
    # Readers' matches on the full text come through the full index, or through the indexes
    # of what makes a need readable to them: never by reading the whole table.
    assert "Seq Scan on needs_need " not in plan
