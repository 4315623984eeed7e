"""The companies directory (search, filters, pagination) and the profile page: what shows up
and how many queries it takes."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import CompanyProfile
from companies.views import DIRECTORY_PAGE_SIZE
from healthmatch.accounts.models import Organisation
from tests import factories as f
from tests.html import without_csrf_tokens

pytestmark = pytest.mark.django_db

DIRECTORY = "companies:directory"


def names(response):
    return [c.organisation.name for c in response.context["companies"]]


def company(hub, name, *, verified=True, **profile):
    org = f.OrganisationFactory(name=name, company=True, hub=hub, unverified=not verified)
    return f.CompanyProfileFactory(organisation=org, **profile)


@pytest.fixture
def catalogue(hub, other_hub):
    """Three verified companies with published capabilities, one with only a draft, one
    unverified, and a buyer organisation (never listed)."""
    radar = f.TechnologyTypeFactory(name="Test radar")
    app = f.TechnologyTypeFactory(name="Test app")
    geriatrics = f.ClinicalAreaFactory(name="Test geriatrics")
    north = f.RegionFactory(name="Test north")
    ce = f.RegulatoryItemFactory(name="Test CE")

    alpha = company(hub, "Alpha Sensors", tagline="Falls prevented", is_sme=True)
    alpha.regions_served.add(north)
    cap = f.CapabilityFactory(company=alpha, title="Bed radar", published=True)
    cap.technology_types.add(radar)
    cap.clinical_areas.add(geriatrics)
    f.CertificationFactory(capability=cap, item=ce)

    beta = company(other_hub, "Beta Health", tagline="Apps for rehab", is_sme=False)
    cap = f.CapabilityFactory(company=beta, title="Rehab coach", published=True)
    cap.technology_types.add(app)
    f.CertificationFactory(
        capability=cap, item=ce, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    gamma = company(hub, "Gamma Robotics", tagline="Robots", is_sme=True)
    f.CapabilityFactory(company=gamma, title="Lifting robot", published=True)

    delta = company(hub, "Delta Secret", tagline="Quiet")
    draft = f.CapabilityFactory(company=delta, title="Stealth radar prototype")
    draft.technology_types.add(radar)
    f.CertificationFactory(capability=draft, item=ce)

    company(hub, "Epsilon Unverified", verified=False)
    return {"radar": radar, "app": app, "geriatrics": geriatrics, "north": north, "ce": ce}


def test_directory_lists_only_verified_companies(client, owner, buyer_org, catalogue):
    client.force_login(owner)
    response = client.get(reverse(DIRECTORY))
    assert names(response) == ["Alpha Sensors", "Beta Health", "Delta Secret", "Gamma Robotics"]
    body = response.content.decode()
    assert "Epsilon Unverified" not in body
    assert buyer_org.name not in body
    assert "Stealth radar prototype" not in body  # drafts never show


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"q": "alpha"}, ["Alpha Sensors"]),
        ({"q": "REHAB"}, ["Beta Health"]),  # tagline, any case
        ({"q": "lifting"}, ["Gamma Robotics"]),  # published capability title
        ({"q": "stealth"}, []),  # a draft's title does not count
        ({"q": "radar bed"}, ["Alpha Sensors"]),  # every word must match
        ({"q": "nothing-like-this"}, []),
    ],
)
def test_directory_search(client, owner, catalogue, query, expected):
    client.force_login(owner)
    assert names(client.get(reverse(DIRECTORY), query)) == expected


def test_directory_search_by_description(client, owner, catalogue):
    Organisation.objects.filter(name="Gamma Robotics").update(description="Exoskeletons too")
    client.force_login(owner)
    assert names(client.get(reverse(DIRECTORY), {"q": "exoskeleton"})) == ["Gamma Robotics"]


def test_directory_filters(client, owner, catalogue):
    client.force_login(owner)
    url = reverse(DIRECTORY)
    radar, app = catalogue["radar"].slug, catalogue["app"].slug
    assert names(client.get(url, {"technology": radar})) == ["Alpha Sensors"]
    assert names(client.get(url, {"technology": [radar, app]})) == [
        "Alpha Sensors",
        "Beta Health",
    ]
    assert names(client.get(url, {"area": catalogue["geriatrics"].slug})) == ["Alpha Sensors"]
    assert names(client.get(url, {"region": catalogue["north"].slug})) == ["Alpha Sensors"]
    assert names(client.get(url, {"sme": "on"})) == [
        "Alpha Sensors",
        "Delta Secret",
        "Gamma Robotics",
    ]
    # Beta's certificate is expired and Delta's is on a draft: only Alpha holds it.
    assert names(client.get(url, {"certification": catalogue["ce"].slug})) == ["Alpha Sensors"]
    assert names(client.get(url, {"sme": "on", "q": "gamma"})) == ["Gamma Robotics"]


def test_directory_unknown_filter_value_is_ignored_not_500(client, owner, catalogue):
    client.force_login(owner)
    response = client.get(reverse(DIRECTORY), {"technology": "no-such", "page": "abc"})
    assert response.status_code == 200
    assert client.get(reverse(DIRECTORY), {"q": "alpha\x00"}).status_code == 400  # the guard
    assert names(client.get(reverse(DIRECTORY), {"q": "alpha " * 500})) == ["Alpha Sensors"]


def test_directory_company_listed_once_with_several_matching_capabilities(
    client, owner, catalogue, hub
):
    alpha = CompanyProfile.objects.get(organisation__name="Alpha Sensors")
    for _ in range(3):
        cap = f.CapabilityFactory(company=alpha, title="Another radar", published=True)
        cap.technology_types.add(catalogue["radar"])
    client.force_login(owner)
    response = client.get(reverse(DIRECTORY), {"technology": catalogue["radar"].slug, "q": "radar"})
    assert names(response) == ["Alpha Sensors"]


def test_directory_coordinator_and_member_listed_once(client, hub, catalogue, buyer_org):
    """Staff who coordinate a hub with several coordinators and also belong to a verified
    organisation must not see companies repeated."""
    user = f.UserFactory(is_staff=True)
    f.MembershipFactory(user=user, organisation=buyer_org)
    hub.coordinators.add(user, f.UserFactory(is_staff=True), f.UserFactory(is_staff=True))
    client.force_login(user)
    response = client.get(reverse(DIRECTORY))
    assert names(response) == ["Alpha Sensors", "Beta Health", "Delta Secret", "Gamma Robotics"]


def test_directory_coordinator_without_membership_sees_own_hub(client, coordinator, catalogue):
    client.force_login(coordinator)
    assert names(client.get(reverse(DIRECTORY))) == [
        "Alpha Sensors",
        "Delta Secret",
        "Gamma Robotics",
    ]


def test_directory_paginates_and_keeps_filters(client, owner, hub):
    for i in range(DIRECTORY_PAGE_SIZE + 3):
        company(hub, f"Company {i:02d}", is_sme=True)
    client.force_login(owner)
    first = client.get(reverse(DIRECTORY), {"sme": "on"})
    assert len(names(first)) == DIRECTORY_PAGE_SIZE
    assert "sme=on&amp;page=2" in first.content.decode()
    second = client.get(reverse(DIRECTORY), {"sme": "on", "page": 2})
    assert len(names(second)) == 3


def _populate(hub, count, start=0):
    tech = f.TechnologyTypeFactory()
    region = f.RegionFactory()
    for i in range(start, start + count):
        profile = company(hub, f"Listed {i}")
        profile.regions_served.add(region)
        for j in range(3):
            cap = f.CapabilityFactory(company=profile, title=f"Cap {i}-{j}", published=True)
            cap.technology_types.add(tech)
            f.CertificationFactory(capability=cap)


def _count_queries(client, url, params=None):
    cache.clear()  # cold: the count and the filter sidebar from the database too
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_directory_query_count_does_not_grow(client, owner, hub):
    client.force_login(owner)
    _populate(hub, 1)
    one = _count_queries(client, reverse(DIRECTORY))
    _populate(hub, 12, start=1)
    many = _count_queries(client, reverse(DIRECTORY))
    assert many == one
    params = {"q": "listed", "sme": "on"}
    assert _count_queries(client, reverse(DIRECTORY), params) <= one + 2


def test_a_warm_directory_asks_less_and_shows_the_same(client, owner, hub):
    client.force_login(owner)
    _populate(hub, 3)
    cache.clear()
    cold = client.get(reverse(DIRECTORY)).content.decode()
    with CaptureQueriesContext(connection) as warm_queries:
        warm = client.get(reverse(DIRECTORY)).content.decode()

    assert without_csrf_tokens(cold) == without_csrf_tokens(warm) and "Listed 2" in warm
    sql = [q["sql"] for q in warm_queries.captured_queries]
    # No count, and no term choices for the sidebar (active terms, in order).
    choices = 'FROM "accounts_technologytype" WHERE "accounts_technologytype"."is_active"'
    assert not [q for q in sql if "COUNT(" in q or choices in q]


def test_profile_query_count_does_not_grow(client, owner, company_member, profile):
    tech = f.TechnologyTypeFactory()
    area = f.ClinicalAreaFactory()
    f.ContactPersonFactory(company=profile)

    def add_capabilities(n):
        for _ in range(n):
            cap = f.CapabilityFactory(company=profile, published=True)
            cap.technology_types.add(tech)
            cap.clinical_areas.add(area)
            f.CapabilityFactory(company=profile)  # a draft: the members see it too

    url = reverse("companies:profile", args=[profile.organisation.slug])
    add_capabilities(1)
    counts = {}
    for user in (owner, company_member):
        client.force_login(user)
        counts[user.pk] = _count_queries(client, url)
    add_capabilities(10)
    for user in (owner, company_member):
        client.force_login(user)
        assert _count_queries(client, url) == counts[user.pk]


def test_capability_detail_query_count_does_not_grow(client, owner, published):
    url = published.get_absolute_url()
    client.force_login(owner)
    f.CertificationFactory(capability=published)
    f.CapabilityReferenceFactory(capability=published)
    one = _count_queries(client, url)
    for _ in range(5):
        f.CertificationFactory(capability=published)
        f.CapabilityReferenceFactory(capability=published)
        published.technology_types.add(f.TechnologyTypeFactory())
    assert _count_queries(client, url) == one
