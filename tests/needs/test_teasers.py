"""The needs list's caches (its whole body: needs/listing.py; its teasers: needs/teasers.py): a
warm page asks the database for the person and nothing else, shows the same HTML as a cold one,
shows a change at once, and never shows one person what belongs to another's language or
rights."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from needs import services
from needs.listing import bump_listing
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
    # The session and the memberships come from the cache, the body too: only the user is read.
    assert len(sql) == 1 and 'FROM "accounts_user"' in sql[0], sql


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


def test_a_need_closed_by_the_deadline_task_shows_closed(client, needs):
    """The task saves only the status and closing time of each need it closes."""
    Need.objects.filter(pk=needs[0].pk).update(response_deadline=datetime.date(2026, 1, 5))
    page(client, status="all")  # cached with the deadline ahead (no signal came from update())
    bump_listing()
    page(client, status="all")

    assert services.close_needs_past_deadline(today=datetime.date(2026, 1, 6)) == 1

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


@pytest.fixture
def zebrafish(buyer_org):
    """A confidential need whose description alone holds the searched word."""
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        is_confidential=True,
        title="Triage",
        description="Uses the word zebrafish inside.",
    )


def test_the_search_count_is_kept_per_person(client, zebrafish, company_member, owner):
    """A search may find a need by its confidential description for its owner only
    (needs.search): their counts are never shared."""
    client.force_login(owner)
    assert "1 need found" in page(client, q="zebrafish")
    client.force_login(company_member)
    assert "0 needs found" in page(client, q="zebrafish")


def test_a_new_need_shows_at_once_with_its_count(client, buyer_org, needs):
    assert "5 needs found" in page(client)
    f.NeedFactory(organisation=buyer_org, published=True, title="Later need")

    html = page(client)

    assert "6 needs found" in html and "Later need" in html


def test_an_invitation_lets_the_search_find_a_confidential_need_at_once(
    client, zebrafish, company_member, owner
):
    """A search reads the descriptions its reader may read: an invitation changes that."""
    client.force_login(company_member)
    assert "0 needs found" in page(client, q="zebrafish")
    services.invite_company(
        zebrafish, organisation=company_member.memberships.get().organisation, actor=owner
    )

    assert "1 need found" in page(client, q="zebrafish")


def test_a_new_membership_changes_what_the_search_finds_at_once(client, buyer_org, owner):
    """Only members of verified organisations search the descriptions of open needs."""
    f.NeedFactory(
        organisation=buyer_org, published=True, title="Beds", description="A word: okapi."
    )
    person = f.UserFactory()
    client.force_login(person)
    assert "0 needs found" in page(client, q="okapi")
    f.MembershipFactory(user=person, organisation=f.OrganisationFactory(company=True))

    assert "1 need found" in page(client, q="okapi")
