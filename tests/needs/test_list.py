"""The public list: teasers, pagination, filters, search, and a flat query count."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from needs.models import Need
from tests import factories as f
from tests.needs.conftest import in_days
from tests.needs.listing import listed, listed_titles, result_count

pytestmark = pytest.mark.django_db

LIST = reverse("needs:list")


def found(client, **params):
    return listed_titles(client.get(LIST, params))


def test_list_shows_published_teasers_only(client, buyer_org, published_need, draft_need):
    f.NeedFactory(organisation=buyer_org, submitted=True, title="Waiting for review")
    f.NeedFactory(organisation=buyer_org, status=Need.Status.CLOSED, title="Old closed need")
    response = client.get(LIST)
    html = response.content.decode()
    assert result_count(response) == 1
    assert published_need.title in html
    assert published_need.summary in html
    assert published_need.description not in html
    assert draft_need.title not in html
    assert "Waiting for review" not in html
    assert "1 need found" in html


def test_list_owner_does_not_see_own_drafts_there(client, owner, draft_need):
    client.force_login(owner)
    assert found(client) == set()


def test_list_pagination_keeps_query_string(client, buyer_org, settings):
    settings.NEEDS_PAGE_SIZE = 2
    area = f.ClinicalAreaFactory(name="Test geriatrics")
    for n in range(5):
        need = f.NeedFactory(organisation=buyer_org, published=True, title=f"Falls {n}")
        need.clinical_areas.add(area)
    response = client.get(LIST, {"clinical_area": area.pk, "q": "falls"})
    html = response.content.decode()
    assert result_count(response) == 5
    assert len(listed(response)) == 2
    assert f'href="?clinical_area={area.pk}&amp;q=falls&amp;page=2"' in html
    page2 = client.get(LIST, {"clinical_area": area.pk, "q": "falls", "page": 2})
    assert len(listed(page2)) == 2
    assert 'rel="prev" href="?clinical_area=' in page2.content.decode()
    assert "page=2&amp;page" not in page2.content.decode()


def test_list_bad_page_number_is_not_500(client, published_need):
    assert client.get(LIST, {"page": "abc"}).status_code == 200
    assert client.get(LIST, {"page": "999"}).status_code == 200


def _list_queries(client):
    cache.clear()  # cold: every teaser, the count and the sidebar from the database
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def _make_need(org, n, area, tech, region):
    need = f.NeedFactory(organisation=org, published=True, title=f"Need {n}", region=region)
    need.clinical_areas.add(area)
    need.technology_types.add(tech)
    return need


@pytest.mark.parametrize("who", [None, "outsider"])
def test_list_query_count_does_not_grow(request, client, buyer_org, hub, who, settings):
    settings.NEEDS_PAGE_SIZE = 50
    if who:
        client.force_login(request.getfixturevalue(who))
    area, tech, region = f.ClinicalAreaFactory(), f.TechnologyTypeFactory(), f.RegionFactory()
    _make_need(buyer_org, 0, area, tech, region)
    one = _list_queries(client)
    for n in range(1, 30):
        org = f.OrganisationFactory(hub=hub)
        _make_need(org, n, f.ClinicalAreaFactory(), f.TechnologyTypeFactory(), f.RegionFactory())
    many = _list_queries(client)
    assert "Need 29" in client.get(LIST).content.decode()
    assert many == one


def test_list_query_count_with_search_and_filters(client, outsider, buyer_org, hub):
    client.force_login(outsider)
    area = f.ClinicalAreaFactory()
    params = {"q": "need", "clinical_area": area.pk, "trl": 5, "open_days": 3}

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(LIST, params)
        return len(ctx.captured_queries)

    f.NeedFactory(organisation=buyer_org, published=True, title="Need 0").clinical_areas.add(area)
    one = count()
    for _ in range(1, 20):
        need = f.NeedFactory(organisation=f.OrganisationFactory(hub=hub), published=True)
        need.clinical_areas.add(area)
    assert count() == one


# --- Filters -------------------------------------------------------------------------------


@pytest.fixture
def two_needs(buyer_org):
    """Two published needs that differ in every filterable way."""
    a = f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Alpha need",
        min_trl=4,
        language="da",
        response_deadline=in_days(5),
        region=f.RegionFactory(name="Test region south"),
    )
    b = f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Beta need",
        min_trl=8,
        language="en",
        response_deadline=in_days(90),
        region=f.RegionFactory(name="Test region north"),
    )
    a.clinical_areas.add(f.ClinicalAreaFactory(name="Test cardiology"))
    b.clinical_areas.add(f.ClinicalAreaFactory(name="Test oncology"))
    a.care_settings.add(f.CareSettingFactory(name="Test ward"))
    b.care_settings.add(f.CareSettingFactory(name="Test home"))
    a.technology_types.add(f.TechnologyTypeFactory(name="Test sensors"))
    b.technology_types.add(f.TechnologyTypeFactory(name="Test AI"))
    return a, b


def test_filters_unfiltered_shows_both(client, two_needs):
    assert found(client) == {"Alpha need", "Beta need"}


def test_filter_clinical_area(client, two_needs):
    a, _b = two_needs
    assert found(client, clinical_area=a.clinical_areas.get().pk) == {"Alpha need"}


def test_filter_care_setting(client, two_needs):
    _a, b = two_needs
    assert found(client, care_setting=b.care_settings.get().pk) == {"Beta need"}


def test_filter_technology_types_any_of(client, two_needs, buyer_org):
    a, b = two_needs
    both = f.NeedFactory(organisation=buyer_org, published=True, title="Gamma need")
    both.technology_types.add(a.technology_types.get(), b.technology_types.get())
    assert found(client, technology=[a.technology_types.get().pk]) == {"Alpha need", "Gamma need"}
    titles = found(client, technology=[a.technology_types.get().pk, b.technology_types.get().pk])
    assert titles == {"Alpha need", "Beta need", "Gamma need"}
    response = client.get(
        LIST, {"technology": [a.technology_types.get().pk, b.technology_types.get().pk]}
    )
    assert result_count(response) == 3  # no duplicate rows


def test_filter_trl_shows_needs_the_capability_reaches(client, two_needs, buyer_org):
    f.NeedFactory(organisation=buyer_org, published=True, title="Any maturity", min_trl=None)
    assert found(client, trl=5) == {"Alpha need", "Any maturity"}
    assert found(client, trl=9) == {"Alpha need", "Beta need", "Any maturity"}
    assert found(client, trl=1) == {"Any maturity"}


def test_filter_open_days(client, two_needs, buyer_org):
    f.NeedFactory(
        organisation=buyer_org, published=True, title="No deadline", response_deadline=None
    )
    assert found(client, open_days=30) == {"Beta need", "No deadline"}
    assert found(client, open_days=0) == {"Alpha need", "Beta need", "No deadline"}


def test_filter_deadline_after(client, two_needs):
    assert found(client, deadline_after=in_days(10).isoformat()) == {"Beta need"}


def test_filter_region(client, two_needs):
    a, _b = two_needs
    assert found(client, region=a.region_id) == {"Alpha need"}


def test_filter_language(client, two_needs):
    assert found(client, language="en") == {"Beta need"}


def test_filter_status_closed_and_all(client, two_needs, buyer_org):
    f.NeedFactory(organisation=buyer_org, status=Need.Status.CLOSED, title="Closed need")
    f.NeedFactory(organisation=buyer_org, title="Draft need")
    assert found(client, status="closed") == {"Closed need"}
    assert found(client, status="all") == {"Alpha need", "Beta need", "Closed need"}
    assert found(client, status="published") == {"Alpha need", "Beta need"}


def test_filter_search_title_and_summary(client, two_needs):
    assert found(client, q="alpha") == {"Alpha need"}
    assert found(client, q="ALPHA NEED") == {"Alpha need"}
    assert found(client, q="alpha zebra") == set()


def test_filters_combine(client, two_needs):
    a, _b = two_needs
    assert found(client, language="da", trl=9, clinical_area=a.clinical_areas.get().pk) == {
        "Alpha need"
    }
    assert found(client, language="en", clinical_area=a.clinical_areas.get().pk) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"clinical_area": "abc"},
        {"clinical_area": "999999"},
        {"care_setting": "-1"},
        {"technology": ["x", "1"]},
        {"trl": "12"},
        {"trl": "nine"},
        {"open_days": "soon"},
        {"open_days": "-5"},
        {"open_days": "1e400"},
        {"deadline_after": "2025-13-45"},
        {"region": "🙂"},
        {"language": "xx"},
        {"status": "deleted"},
        {"q": "a" * 500},
    ],
)
def test_invalid_filter_values_show_errors_not_500(client, two_needs, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Please correct the errors below." in response.content.decode()
    # The body with its errors comes from the cache the second time.
    assert "Please correct the errors below." in client.get(LIST, params).content.decode()


@pytest.mark.parametrize("query", ['"unbalanced -not OR', "a & b | !c", "'; DROP TABLE", "%_%"])
def test_odd_search_queries_are_not_500(client, two_needs, query):
    assert client.get(LIST, {"q": query}).status_code == 200


def test_invalid_status_falls_back_to_open_needs(client, two_needs, buyer_org):
    f.NeedFactory(organisation=buyer_org, status=Need.Status.CLOSED, title="Closed need")
    assert found(client, status="deleted") == {"Alpha need", "Beta need"}


def test_filter_form_is_labelled(client, two_needs):
    html = client.get(LIST).content.decode()
    for field in ("q", "clinical_area", "care_setting", "trl", "open_days", "region", "language"):
        assert f'<label for="id_{field}">' in html
    assert "<legend>Technology type" in html


def test_a_nul_in_the_search_is_a_400_not_a_500(client, two_needs):
    response = client.get(LIST, {"q": "bad\x00byte"})  # the request guard, site-wide
    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()
