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
