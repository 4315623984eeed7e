"""Whole pages kept per person (healthmatch/page_cache/views.py) on the pages that use it: the
dashboard, a need's page, the companies directory, the curation queue and the API's needs list.
A warm page is the cold one; it is never another person's, another language's or older than the
last write; its tokens are each request's; and what must happen on every view still does."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies import services as companies
from healthmatch.api.services import create_token
from healthmatch.once import services as once
from matching.models import Match
from matching.runs import store
from needs.models import Need, NeedDetailView
from tests import factories as f
from tests.html import without_csrf_tokens

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")
DIRECTORY = reverse("companies:directory")
QUEUE = reverse("admin:matching_curationqueueitem_changelist")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ONCE = re.compile(rf'name="{once.FIELD}" value="([^"]+)"')


@pytest.fixture
def need(buyer_org):
    return f.NeedFactory(organisation=buyer_org, published=True, title="Night falls on ward 7")


@pytest.fixture
def capability(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, published=True, title="Radar under the bed")


@pytest.fixture
def match(need, capability):
    return f.MatchFactory(need=need, capability=capability, score=0.81)


def get(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, response
    return response.content.decode()


def signed_in(person, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(person)
    return client


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("company_member", "dashboard"),
        ("owner", "dashboard"),
        ("company_member", "need"),
        ("owner", "need"),
        (None, "need"),
        ("company_member", "directory"),
        ("coordinator", "queue"),
    ],
)
def test_a_warm_page_is_the_cold_one_and_asks_for_the_person_only(request, who, path, match):
    client = signed_in(request.getfixturevalue(who)) if who else Client()
    address = {
        "dashboard": DASHBOARD,
        "need": match.need.get_absolute_url(),
        "directory": DIRECTORY,
        "queue": QUEUE,
    }[path]
    cold = get(client, address)

    with CaptureQueriesContext(connection) as warm_queries:
        warm = get(client, address)

    assert without_csrf_tokens(warm) == without_csrf_tokens(cold)
    assert match.need.title in warm or path == "directory"
    sql = [q["sql"] for q in warm_queries.captured_queries]
    # The session comes from the cache; the person is read to know who asks; nothing else.
    assert len(sql) <= 1 and all('FROM "accounts_user"' in q for q in sql), sql


def test_people_and_languages_never_share_a_page(company_member, outsider, match):
    danish = f.UserFactory(language="da")
    f.MembershipFactory(user=danish, organisation=company_member.memberships.get().organisation)
    english = get(signed_in(company_member), DASHBOARD)
    other = get(signed_in(outsider), DASHBOARD)
    in_danish = get(signed_in(danish), DASHBOARD)

    assert "81 % match" in english and "Needs for you" in english
    assert company_member.name in english and company_member.name not in other
    assert "81 % match" not in other  # not the outsider's match
    assert "Behov til dig" in in_danish and "Needs for you" not in in_danish
    assert danish.name in in_danish and company_member.name not in in_danish


def test_an_edit_shows_at_once(owner, need):
    client = signed_in(owner)
    get(client, need.get_absolute_url())
    need.title = "Night falls on ward 8"
    need.save()

    assert "Night falls on ward 8" in get(client, need.get_absolute_url())


def test_the_engines_writes_show_at_once(company_member, need, capability, match):
    """The engine writes matches with raw SQL and retires them with update(): no signals."""
    client = signed_in(company_member)
    assert "81 % match" in get(client, DASHBOARD)

    assert store.retire(Match.objects.filter(pk=match.pk)) == 1
    assert "81 % match" not in get(client, DASHBOARD)


def test_a_capability_archived_with_an_update_shows_at_once(company_member, capability):
    """The capability services change a status with update(): no signal."""
    client = signed_in(company_member)
    assert '<span class="badge published">Published</span>' in get(client, DASHBOARD)

    companies.archive_capability(capability, actor=company_member)

    page = get(client, DASHBOARD)
    assert '<span class="badge archived">Archived</span>' in page
    assert '<span class="badge published">Published</span>' not in page


def test_a_page_with_a_message_is_shown_with_it_then_kept_again(client, company_member, need):
    client.force_login(company_member)
    get(client, DASHBOARD)
    response = client.post(
        reverse("profile"),
        {"name": "Dan Developer", "job_title": "", "language": "en", "time_zone": ""},
        follow=False,
    )
    assert response.status_code == 302

    with_message = get(client, DASHBOARD)
    again = get(client, DASHBOARD)

    assert 'class="messages"' in with_message
    assert 'class="messages"' not in again


def test_a_kept_page_carries_the_csrf_token_of_each_session(company_member, need):
    first = signed_in(company_member, enforce_csrf_checks=True)
    get(first, DASHBOARD)  # kept from here on
    second = signed_in(company_member, enforce_csrf_checks=True)  # renews no page
    with CaptureQueriesContext(connection) as served:
        page = get(second, DASHBOARD)
    assert len(served.captured_queries) <= 1  # the kept page

    token = CSRF.search(page).group(1)
    response = second.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert second.get(DASHBOARD).status_code == 302  # signed out: the token was good


def test_each_answer_has_fresh_one_time_form_tokens(owner, buyer_org):
    draft = f.NeedFactory(organisation=buyer_org, created_by=owner)  # takes attachments
    client = signed_in(owner)
    pages = [get(client, draft.get_absolute_url()) for _ in range(2)]
    tokens = [ONCE.findall(page) for page in pages]

    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1])
    for value in tokens[1]:
        assert once.read(value, owner)


def test_every_look_at_a_confidential_needs_details_is_recorded(owner, buyer_org):
    secret = f.NeedFactory(
        organisation=buyer_org, published=True, is_confidential=True, title="Secret beds"
    )
    client = signed_in(owner)
    for _ in range(3):
        assert "Secret beds" in get(client, secret.get_absolute_url())

    assert NeedDetailView.objects.filter(need=secret, user=owner).count() == 3


def test_pages_that_are_not_200_are_not_kept(client, company_member, buyer_org):
    draft = f.NeedFactory(organisation=buyer_org, title="Still a draft")
    client.force_login(company_member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    draft.status = Need.Status.PUBLISHED
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_the_api_list_is_kept_per_person_and_shows_a_new_need_at_once(
    company_member, outsider, buyer_org, need
):
    def listed(person):
        _token, secret = create_token(person, name="t", scope="read", expires_in_days=30)
        response = Client().get("/api/v1/needs/", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200
        return [row["title"] for row in response.json()["results"]]

    confidential = f.NeedFactory(
        organisation=buyer_org, published=True, is_confidential=True, title="Hidden"
    )
    assert "Night falls on ward 7" in listed(company_member)
    f.NeedFactory(organisation=buyer_org, published=True, title="Brand new need")

    assert "Brand new need" in listed(company_member)
    assert confidential.title in listed(company_member)
    assert "Brand new need" in listed(outsider)
