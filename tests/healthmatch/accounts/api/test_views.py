"""/me/, organisations and the taxonomies over the API: the person and their roles; the
organisations the site would show them (own, coordinated hubs, verified ones for verified
members), 404 for the rest; the taxonomies open to anybody."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from healthmatch.accounts.models import ClinicalArea, Membership, Region
from tests import factories as f
from tests.healthmatch.api.conftest import client_with, token_for

pytestmark = pytest.mark.django_db


def as_(user):
    return client_with(token_for(user, scope="read"))


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_me_lists_my_organisations_roles_and_hubs(owner, buyer_org, coordinator, hub):
    pending = f.OrganisationFactory(name="Aarhus Kommune", kind="municipality", unverified=True)
    f.MembershipFactory(user=owner, organisation=pending, status=Membership.Status.PENDING)

    body = as_(owner).get("/api/v1/me/").json()

    assert (body["email"], body["name"], body["is_coordinator"]) == (
        owner.email,
        owner.name,
        False,
    )
    assert body["memberships"] == [
        {
            "organisation": {
                "id": pending.pk,
                "name": "Aarhus Kommune",
                "slug": pending.slug,
                "kind": "municipality",
                "verified": False,
            },
            "role": "member",
            "status": "pending",
        },
        {
            "organisation": {
                "id": buyer_org.pk,
                "name": buyer_org.name,
                "slug": buyer_org.slug,
                "kind": "hospital",
                "verified": True,
            },
            "role": "admin",
            "status": "active",
        },
    ]
    coordinator_me = as_(coordinator).get("/api/v1/me/").json()
    assert coordinator_me["is_coordinator"] is True
    assert coordinator_me["coordinated_hubs"] == [
        {"id": hub.pk, "name": hub.name, "slug": hub.slug}
    ]


def test_organisations_need_a_person(buyer_org):
    assert APIClient().get("/api/v1/organisations/").status_code == 401
    assert APIClient().get(f"/api/v1/organisations/{buyer_org.pk}/").status_code == 401


def test_a_verified_member_sees_verified_organisations_and_their_own(
    owner, buyer_org, company_org, outsider, foreign_org
):
    hidden = f.OrganisationFactory(name="Unverified Care", hub=buyer_org.hub, unverified=True)

    seen = names(as_(owner).get("/api/v1/organisations/"))

    assert set(seen) >= {buyer_org.name, company_org.name, foreign_org.name}
    assert hidden.name not in seen
    assert as_(owner).get(f"/api/v1/organisations/{hidden.pk}/").status_code == 404


def test_the_reader_sees_their_role(owner, member, buyer_org, company_org):
    mine = as_(owner).get(f"/api/v1/organisations/{buyer_org.pk}/").json()
    assert mine["my_role"] == "admin"
    assert mine["hub"]["slug"] == buyer_org.hub.slug and mine["verified"] is True
    assert as_(member).get(f"/api/v1/organisations/{buyer_org.pk}/").json()["my_role"] == "member"
    other = as_(owner).get(f"/api/v1/organisations/{company_org.pk}/").json()
    assert other["my_role"] is None


def test_members_of_an_unverified_organisation_see_only_their_own(buyer_org):
    newcomer = f.UserFactory()
    own = f.OrganisationFactory(name="New Clinic", unverified=True)
    f.MembershipFactory(user=newcomer, organisation=own)

    assert names(as_(newcomer).get("/api/v1/organisations/")) == ["New Clinic"]
    assert as_(newcomer).get(f"/api/v1/organisations/{buyer_org.pk}/").status_code == 404


def test_coordinators_see_their_hubs_unverified_organisations_not_other_hubs(
    coordinator, hub, other_hub
):
    mine = f.OrganisationFactory(name="Pending in my hub", hub=hub, unverified=True)
    theirs = f.OrganisationFactory(name="Pending elsewhere", hub=other_hub, unverified=True)

    seen = names(as_(coordinator).get("/api/v1/organisations/"))

    assert mine.name in seen and theirs.name not in seen
    assert as_(coordinator).get(f"/api/v1/organisations/{theirs.pk}/").status_code == 404


def test_organisations_filter_by_kind_hub_name_and_verification(
    owner, buyer_org, company_org, foreign_org, other_hub
):
    client = as_(owner)
    assert names(client.get("/api/v1/organisations/?kind=company")) == [company_org.name]
    assert names(client.get(f"/api/v1/organisations/?hub={other_hub.slug}&kind=hospital")) == [
        foreign_org.name
    ]
    assert names(client.get("/api/v1/organisations/?q=odense")) == [buyer_org.name]
    assert client.get("/api/v1/organisations/?kind=castle").status_code == 400
    assert names(client.get("/api/v1/organisations/?verified=false")) == []


def test_the_organisations_list_pages_with_a_cursor_in_a_constant_number_of_queries(owner, hub):
    client = as_(owner)
    for n in range(5):
        f.OrganisationFactory(name=f"Clinic {n}", hub=hub)
    first = client.get("/api/v1/organisations/?page_size=3").json()
    rest = client.get(first["next"]).json()
    assert len(first["results"]) == 3 and rest["results"]
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in rest["results"]}
    assert client.get("/api/v1/organisations/?cursor=bogus").status_code == 404

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/organisations/?page_size=2")
    for n in range(20):
        f.OrganisationFactory(name=f"Hospital {n}", hub=hub)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/organisations/?page_size=20")
    assert len(many) == len(few)


def test_taxonomies_are_open_and_list_active_terms_in_form_order(db):
    ClinicalArea.objects.all().delete()
    f.ClinicalAreaFactory(name="Zeta", slug="zeta", position=1)
    f.ClinicalAreaFactory(name="Alpha", slug="alpha", position=2)
    f.ClinicalAreaFactory(name="Retired", slug="retired", is_active=False)

    response = APIClient().get("/api/v1/taxonomy/clinical-areas/")

    assert names(response) == ["Zeta", "Alpha"]
    assert set(response.json()["results"][0]) == {
        "id",
        "name",
        "names",
        "slug",
        "description",
        "position",
        "is_active",
    }
    everything = APIClient().get("/api/v1/taxonomy/clinical-areas/?include_inactive=true")
    assert "Retired" in names(everything)


@pytest.mark.parametrize(
    "slug", ["clinical-areas", "care-settings", "technology-types", "regulatory-items", "regions"]
)
def test_every_taxonomy_has_a_list(db, slug):
    response = APIClient().get(f"/api/v1/taxonomy/{slug}/")
    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"]) or response.json()["next"]


def test_a_term_carries_its_name_in_every_language(db):
    f.CareSettingFactory(
        name="Test home care",
        slug="test-home-care",
        name_da="Test hjemmepleje",
        name_sv="Test hemtjänst",
        position=0,
    )

    response = APIClient().get("/api/v1/taxonomy/care-settings/")

    term = response.json()["results"][0]
    assert term["name"] == "Test home care"  # English, as before
    assert term["names"] == {
        "en": "Test home care",
        "da": "Test hjemmepleje",
        "sv": "Test hemtjänst",
        "nb": "Test home care",  # no Norwegian name: the English one
    }


def test_regions_carry_their_country(db):
    Region.objects.all().delete()
    f.RegionFactory(name="Oslo", slug="oslo", country="NO")
    assert APIClient().get("/api/v1/taxonomy/regions/").json()["results"][0]["country"] == "NO"
