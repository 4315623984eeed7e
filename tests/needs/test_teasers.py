"""The needs list's caches (needs/teasers.py, the sidebar's {% cache %}, the count): a warm page
asks the database for one page of needs and little else, shows the same HTML as a cold one,
and never shows one person what belongs to another's language or rights."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from needs.models import Need
from tests import factories as f
from tests.html import without_csrf_tokens

pytestmark = pytest.mark.django_db

LIST = reverse("needs:list")


@pytest.fixture
def area():
    return f.ClinicalAreaFactory(
        name="Night care", name_da="Natpleje", name_sv="Nattvård", name_nb="Nattpleie"
    )


@pytest.fixture
def needs(buyer_org, area):
    made = []
    for n in range(5):
        need = f.NeedFactory(organisation=buyer_org, published=True, title=f"Night falls {n}")
        need.clinical_areas.add(area)
        made.append(need)
    return made


def page(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.content.decode()


def teaser_of(html, need):
    start = html.index(f'aria-labelledby="need-{need.pk}-title"')
    return " ".join(html[start : html.index("</article>", start)].split())


def test_a_warm_page_shows_the_same_html_as_a_cold_one(client, company_member, needs):
    client.force_login(company_member)
    cache.clear()
    cold = page(client)
    warm = page(client)

    assert without_csrf_tokens(cold) == without_csrf_tokens(warm)
    assert "Night falls 4" in warm


def test_a_warm_page_asks_the_database_little(client, company_member, needs):
    client.force_login(company_member)
    page(client)

    with CaptureQueriesContext(connection) as warm:
        page(client)

    sql = [q["sql"] for q in warm.captured_queries]
    # Session, user, the page of needs, the person's memberships: no tags, no count, no terms.
    assert not [q for q in sql if "COUNT(" in q]
    terms = ("clinicalarea", "technologytype", "caresetting", "region")
    assert not [q for q in sql if any(f'FROM "accounts_{t}"' in q for t in terms)]
    assert len(sql) <= 5, sql


def test_each_language_gets_its_own_teasers_and_sidebar(client, needs, area):
    danish, swedish = f.UserFactory(language="da"), f.UserFactory(language="sv")
    client.force_login(danish)
    da = page(client)
    client.force_login(swedish)
    sv = page(client)

    assert '<li class="tag"><bdi>Natpleje</bdi></li>' in da
    assert '<li class="tag"><bdi>Nattvård</bdi></li>' in sv
    assert "Natpleje</option>" in da and "Nattvård</option>" in sv
    assert "Søg" in da and "Sök" in sv


def test_an_edited_need_shows_at_once(client, needs):
    page(client)
    need = needs[0]
    need.title = "Falls at night, rewritten"
    need.save()

    assert "Falls at night, rewritten" in page(client)


def test_a_need_closed_in_bulk_shows_closed(client, needs):
    """The closing task updates in bulk, without touching updated_at."""
    page(client, status="all")
    Need.objects.filter(pk=needs[0].pk).update(status=Need.Status.CLOSED)

    html = page(client, status="all")

    assert "· closed" in teaser_of(html, needs[0]) and "respond by" not in teaser_of(html, needs[0])
    assert "respond by" in teaser_of(html, needs[1])


def test_a_renamed_organisation_and_a_new_translation_show_at_once(client, needs, area):
    danish = f.UserFactory(language="da")
    client.force_login(danish)
    page(client)
    organisation = needs[0].organisation
    organisation.name = "Odense Universitetshospital"
    organisation.save()
    area.name_da = "Ældremedicin"
    area.save()

    html = page(client)

    assert "Odense Universitetshospital" in html
    assert "<bdi>Ældremedicin</bdi>" in html and "Ældremedicin</option>" in html


def test_a_confidential_teaser_is_the_same_for_all_and_holds_no_details(
    client, buyer_org, company_member, owner
):
    secret = f.NeedFactory(
        organisation=buyer_org,
        published=True,
        is_confidential=True,
        title="Confidential sepsis triage",
        description="Only invited companies read this.",
    )
    client.force_login(owner)  # may read everything of it
    owner_page = page(client)
    client.force_login(company_member)  # may read its teaser only
    company_page = page(client)

    for html in (owner_page, company_page):
        assert secret.title in html and "Only invited companies read this." not in html
        assert "details by invitation only" in html


def test_the_search_count_is_kept_per_person(client, buyer_org, company_member, owner):
    """A search may find a need by its confidential description for its owner only
    (needs.search): their counts are never shared."""
    f.NeedFactory(
        organisation=buyer_org,
        published=True,
        is_confidential=True,
        title="Triage",
        description="Uses the word zebrafish inside.",
    )
    client.force_login(owner)
    assert "1 need found" in page(client, q="zebrafish")
    client.force_login(company_member)
    assert "0 needs found" in page(client, q="zebrafish")


def test_a_new_need_is_counted_within_the_counts_lifetime(client, buyer_org, needs, settings):
    settings.LIST_COUNT_SECONDS = 0  # as if the lifetime had passed
    assert "5 needs found" in page(client)
    f.NeedFactory(organisation=buyer_org, published=True, title="Later need")

    html = page(client)

    assert "6 needs found" in html and "Later need" in html
