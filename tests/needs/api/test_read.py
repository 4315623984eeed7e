"""Reading needs through the API: the list, search, filters and orderings of the needs page,
and the detail page's teaser-or-full decision, for every kind of person."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from needs.models import Need, NeedDetailView
from tests import factories as f
from tests.needs.conftest import SECRET_WORD

pytestmark = pytest.mark.django_db

LIST = reverse("api:need-list")


def detail(need):
    return reverse("api:need-detail", args=[need.pk])


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def walk(client, params):
    """Every id of a cursor-paginated list, page by page."""
    found, url, pages = [], LIST, 0
    while url:
        response = client.get(url, params if url == LIST else None)
        found += ids(response)
        url = response.json()["next"]
        pages += 1
        assert pages < 50
    return found


# --- List -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", [None, "owner", "member", "outsider", "coordinator"])
def test_list_shows_open_needs_as_teasers_to_everyone(
    api, who, published_need, draft_need, submitted_need, confidential_need
):
    response = api(who).get(LIST)
    assert set(ids(response)) == {published_need.pk, confidential_need.pk}
    item = next(i for i in response.json()["results"] if i["id"] == confidential_need.pk)
    assert item["summary"] == confidential_need.summary
    assert item["organisation"] == {
        "id": confidential_need.organisation_id,
        "name": "Odense University Hospital",
    }
    assert "description" not in item and "success_criteria" not in item
    assert SECRET_WORD not in response.content.decode()


def test_list_status_closed_and_all(api, published_need, buyer_org):
    closed = f.NeedFactory(
        organisation=buyer_org,
        status=Need.Status.CLOSED,
        published_at=timezone.now(),
        closed_at=timezone.now(),
    )
    assert ids(api(None).get(LIST, {"status": "closed"})) == [closed.pk]
    assert set(ids(api(None).get(LIST, {"status": "all"}))) == {closed.pk, published_need.pk}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, False),
        ("outsider", False),
        ("foreign_owner", False),
        ("owner", True),
        ("member", True),
        ("coordinator", True),
    ],
)
def test_list_drafts_only_for_those_who_may_open_them(api, who, sees, draft_need, foreign_draft):
    found = ids(api(who).get(LIST, {"status": "draft"}))
    assert found == (
        [draft_need.pk] if sees else ([foreign_draft.pk] if who == "foreign_owner" else [])
    )


def test_list_mine_is_the_organisations_own_needs(
    api, published_need, draft_need, foreign_published
):
    assert ids(api("member").get(LIST, {"mine": "true"})) == [published_need.pk]
    assert ids(api("member").get(LIST, {"mine": "true", "status": "draft"})) == [draft_need.pk]
    assert ids(api("outsider").get(LIST, {"mine": "true"})) == []


def test_list_filters_of_the_page(api, buyer_org, foreign_org):
    area, region = f.ClinicalAreaFactory(), f.RegionFactory()
    tech = f.TechnologyTypeFactory()
    match = f.NeedFactory(organisation=buyer_org, published=True, region=region, min_trl=5)
    match.clinical_areas.add(area)
    match.technology_types.add(tech)
    other = f.NeedFactory(organisation=foreign_org, published=True, min_trl=9)
    anywhere = f.NeedFactory(
        organisation=f.OrganisationFactory(kind="municipality"), published=True
    )  # no minimum TRL
    client = api("outsider")
    assert ids(client.get(LIST, {"clinical_area": area.pk})) == [match.pk]
    assert ids(client.get(LIST, {"technology": [tech.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"region": region.pk})) == [match.pk]
    assert set(ids(client.get(LIST, {"trl": 6}))) == {match.pk, anywhere.pk}
    hospitals = ids(client.get(LIST, {"organisation_kind": "hospital"}))
    assert set(hospitals) == {match.pk, other.pk}


def test_list_deadline_filters(api, buyer_org):
    soon = f.NeedFactory(
        organisation=buyer_org,
        published=True,
        response_deadline=timezone.localdate() + datetime.timedelta(days=3),
    )
    later = f.NeedFactory(organisation=buyer_org, published=True)  # 60 days
    client = api(None)
    assert ids(client.get(LIST, {"open_days": 10})) == [later.pk]
    in_a_week = timezone.localdate() + datetime.timedelta(days=7)
    assert ids(client.get(LIST, {"deadline_after": in_a_week.isoformat()})) == [later.pk]
    assert set(ids(client.get(LIST))) == {soon.pk, later.pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"clinical_area": 999999}, "clinical_area"),
        ({"status": "deleted"}, "status"),
        ({"trl": 12}, "trl"),
        ({"search": "x" * 201}, "search"),
        ({"deadline_after": "tomorrow"}, "deadline_after"),
        ({"deadline_after": ""}, "deadline_after"),
        ({"region": ""}, "region"),
        ({"mine": "yes"}, "mine"),
        ({"ordering": "title"}, "ordering"),
        ({"ordering": ""}, "ordering"),
        ({"page_size": "many"}, "page_size"),
    ],
)
def test_list_bad_filter_is_a_400_naming_it(api, published_need, params, field):
    response = api("owner").get(LIST, params)
    assert response.status_code == 400
    assert field in response.json()


def test_search_finds_titles_for_everyone_and_hidden_words_only_with_access(
    api, confidential_need, published_need
):
    assert ids(api(None).get(LIST, {"search": "sterile logistics"})) == [confidential_need.pk]
    assert ids(api("outsider").get(LIST, {"search": SECRET_WORD})) == []
    assert ids(api("owner").get(LIST, {"search": SECRET_WORD})) == [confidential_need.pk]
    assert ids(api("outsider").get(LIST, {"search": "readmissions"})) == [published_need.pk]
    assert ids(api(None).get(LIST, {"search": "readmissions"})) == []


def test_list_orderings_page_through_every_need_once(api, buyer_org):
    now = timezone.now()
    needs = [
        f.NeedFactory(
            organisation=buyer_org,
            published=True,
            published_at=now - datetime.timedelta(days=n % 3),  # ties on purpose
            title=f"Heart monitoring {n}",
            summary="heart " * (n + 1),
        )
        for n in range(7)
    ]
    client = api("owner")
    newest = walk(client, {"page_size": 2})
    expected = sorted(needs, key=lambda n: (n.published_at, n.pk), reverse=True)
    assert newest == [n.pk for n in expected]
    oldest = walk(client, {"page_size": 2, "ordering": "published_at"})
    assert oldest == list(reversed(newest))
    ranked = walk(client, {"page_size": 2, "search": "heart"})
    assert sorted(ranked) == sorted(n.pk for n in needs)
    if connection.vendor == "postgresql":
        assert ranked[0] == needs[-1].pk  # "heart" most often in its summary


def test_list_unknown_cursor_is_a_404(api, published_need):
    assert api(None).get(LIST, {"cursor": "not-a-cursor"}).status_code == 404
    # a well-formed cursor whose position is not a date
    assert api(None).get(LIST, {"cursor": "cD1ub3QtYS1kYXRl"}).status_code == 404


def test_list_query_count_does_not_grow(api, buyer_org, pages_uncached):
    client = api("outsider")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    need = f.NeedFactory(organisation=buyer_org, published=True)
    need.clinical_areas.add(f.ClinicalAreaFactory())
    count()  # the person's memberships are read once, then remembered on the user
    one = count()
    for _n in range(8):
        more = f.NeedFactory(organisation=f.OrganisationFactory(), published=True)
        more.clinical_areas.add(f.ClinicalAreaFactory())
        more.technology_types.add(f.TechnologyTypeFactory())
    assert count() == one


# --- Detail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "code"),
    [
        (None, 404),
        ("outsider", 404),
        ("foreign_owner", 404),
        ("company_owner", 404),
        ("owner", 200),
        ("member", 200),
        ("coordinator", 200),
    ],
)
def test_detail_of_a_draft(api, who, code, draft_need):
    draft_need.coordinator_comment = "Please add the budget."
    draft_need.save()
    response = api(who).get(detail(draft_need))
    assert response.status_code == code
    if code == 200:
        body = response.json()
        assert body["details_visible"] is True
        assert body["description"] == draft_need.description
        assert body["coordinator_comment"] == "Please add the budget."
        assert body["can_edit"] is (who != "coordinator")
        assert body["can_submit"] is (who != "coordinator")


def test_detail_of_another_hospitals_draft_is_a_404(api, foreign_draft):
    assert api("owner").get(detail(foreign_draft)).status_code == 404
    assert api("foreign_owner").get(detail(foreign_draft)).status_code == 200


@pytest.fixture
def unverified_buyer(db):
    """A member of a hospital that is not verified yet."""
    user = f.UserFactory(email="new@unverified.example")
    f.MembershipFactory(user=user, organisation=f.OrganisationFactory(unverified=True))
    return user


@pytest.mark.parametrize(
    ("who", "reason"),
    [(None, "login"), ("unverified_buyer", "unverified"), ("loner", "no_organisation")],
)
def test_detail_teaser_says_why_details_are_hidden(api, who, reason, published_need):
    response = api(who).get(detail(published_need))
    assert response.status_code == 200
    body = response.json()
    assert body["details_visible"] is False
    assert body["locked_reason"] == reason
    assert body["summary"] == published_need.summary
    assert "description" not in body and "coordinator_comment" not in body


def test_detail_of_an_open_need_is_full_for_verified_members(api, published_need):
    body = api("outsider").get(detail(published_need)).json()
    assert body["details_visible"] is True
    assert body["description"] == published_need.description
    assert body["coordinator_comment"] is None  # only for owners and coordinators
    assert body["can_edit"] is body["can_submit"] is body["can_close"] is False
    assert not NeedDetailView.objects.exists()  # only confidential needs are audited


@pytest.mark.parametrize("who", [None, "outsider", "company_owner"])
def test_detail_of_a_confidential_need_is_a_teaser_without_invitation(api, who, confidential_need):
    response = api(who).get(detail(confidential_need))
    body = response.json()
    assert body["details_visible"] is False
    assert body["locked_reason"] == "confidential"
    assert SECRET_WORD not in response.content.decode()
    assert not NeedDetailView.objects.exists()


def test_detail_of_a_confidential_need_for_the_invited_is_full_and_audited(
    api, confidential_need, company_org, company_member
):
    f.NeedInvitationFactory(need=confidential_need, organisation=company_org)
    body = api("company_member").get(detail(confidential_need)).json()
    assert body["details_visible"] is True
    assert SECRET_WORD in body["description"]
    view = NeedDetailView.objects.get()
    assert (view.need, view.user) == (confidential_need, company_member)


def test_detail_malformed_or_unknown_id_is_a_404(api, published_need):
    client = api("owner")
    assert client.get(f"{LIST}abc/").status_code == 404
    assert client.get(f"{LIST}{published_need.pk + 1000}/").status_code == 404
    assert client.get(f"{LIST}99999999999999999999999/").status_code == 404
