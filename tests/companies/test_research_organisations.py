"""Universities and research institutes offer capabilities like companies: their owner and
member keep them, an outsider sees only what is published, and pages mark them as research."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from companies.models import Capability, CompanyProfile
from healthmatch.accounts.models import Membership, Organisation
from tests import factories as f
from tests.companies.test_forms import capability_data
from tests.once import once

pytestmark = pytest.mark.django_db


@pytest.fixture
def research_org(hub):
    return f.OrganisationFactory(name="DTU Health Tech", research=True, hub=hub)


@pytest.fixture
def research_owner(research_org):
    user = f.UserFactory(email="head@dtu.example", name="Helle Head")
    f.MembershipFactory(user=user, organisation=research_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def research_member(research_org):
    user = f.UserFactory(email="postdoc@dtu.example", name="Per Postdoc")
    f.MembershipFactory(user=user, organisation=research_org, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def research_profile(research_org):
    return f.CompanyProfileFactory(organisation=research_org, is_sme=False, tagline="Sensors lab")


@pytest.fixture
def test_bed(research_profile):
    return f.CapabilityFactory(
        company=research_profile,
        kind=Capability.Kind.TEST_BED,
        title="Sensor test laboratory",
        published=True,
    )


@pytest.fixture
def trial_draft(research_profile):
    return f.CapabilityFactory(
        company=research_profile,
        kind=Capability.Kind.CLINICAL_TRIAL_UNIT,
        title="Clinical trial unit (draft)",
    )


def test_research_organisation_is_a_provider_not_a_buyer(research_org):
    assert research_org.is_provider and research_org.is_research
    assert not research_org.is_buyer and not research_org.is_company
    assert research_org in Organisation.objects.providers()
    assert research_org not in Organisation.objects.buyers()


@pytest.mark.parametrize("who", ["research_owner", "research_member"])
def test_research_member_creates_a_research_group_capability(client, request, who, research_org):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("companies:capability_create"),
        once(
            client, capability_data(kind="research_group", title="Wearable sensors research group")
        ),
    )
    capability = Capability.objects.get(title="Wearable sensors research group")
    assert response.status_code == 302
    assert capability.kind == Capability.Kind.RESEARCH_GROUP
    assert capability.status == Capability.Status.DRAFT
    assert capability.company.organisation == research_org


def test_capability_form_offers_the_research_kinds(client, research_member):
    client.force_login(research_member)
    html = client.get(reverse("companies:capability_create")).content.decode()
    for label in ("Research group", "Test bed", "Clinical trial unit"):
        assert label in html


@pytest.mark.parametrize("who", ["research_owner", "research_member"])
def test_research_members_see_and_edit_their_draft(client, request, who, trial_draft):
    client.force_login(request.getfixturevalue(who))
    detail = client.get(reverse("companies:capability_detail", args=[trial_draft.pk]))
    assert detail.status_code == 200
    assert "Clinical trial unit" in detail.content.decode()
    edit = client.get(reverse("companies:capability_edit", args=[trial_draft.pk]))
    assert edit.status_code == 200


def test_outsider_gets_404_for_a_research_draft(client, outsider, trial_draft):
    client.force_login(outsider)
    for name in ("companies:capability_detail", "companies:capability_edit"):
        assert client.get(reverse(name, args=[trial_draft.pk])).status_code == 404
    response = client.post(reverse("companies:capability_publish", args=[trial_draft.pk]))
    assert response.status_code == 404
    trial_draft.refresh_from_db()
    assert trial_draft.status == Capability.Status.DRAFT


def test_outsider_sees_a_published_test_bed_marked_as_research(client, outsider, test_bed):
    client.force_login(outsider)
    html = client.get(reverse("companies:capability_detail", args=[test_bed.pk])).content.decode()
    assert "Sensor test laboratory" in html
    assert "Test bed" in html
    assert "Research institute" in html
    assert client.get(reverse("companies:capability_edit", args=[test_bed.pk])).status_code == 404


def test_research_owner_publishes_and_member_may_not_edit_the_profile(
    client, research_owner, research_member, research_org, trial_draft
):
    client.force_login(research_member)
    response = client.get(reverse("companies:profile_edit", args=[research_org.slug]))
    assert response.status_code == 403
    client.force_login(research_owner)
    edit = reverse("companies:profile_edit", args=[research_org.slug])
    assert client.get(edit).status_code == 200
    client.post(reverse("companies:capability_publish", args=[trial_draft.pk]))
    trial_draft.refresh_from_db()
    assert trial_draft.status == Capability.Status.PUBLISHED


def test_outsider_gets_404_for_the_research_profile_edit(client, outsider, research_org):
    client.force_login(outsider)
    edit = reverse("companies:profile_edit", args=[research_org.slug])
    assert client.get(edit).status_code == 404


def test_directory_and_profile_list_the_research_institute(
    client, outsider, research_org, test_bed
):
    client.force_login(outsider)
    directory = client.get(reverse("companies:directory")).content.decode()
    assert "DTU Health Tech" in directory
    assert "Research institute" in directory
    profile = client.get(reverse("companies:profile", args=[research_org.slug])).content.decode()
    assert "Research institute" in profile
    assert "Sensor test laboratory" in profile
    assert ">SME<" not in profile


def test_research_admin_creates_its_profile(client, research_owner, research_org):
    client.force_login(research_owner)
    response = client.post(
        reverse("companies:profile_edit", args=[research_org.slug]),
        {
            "name": "DTU Health Tech",
            "country": "DK",
            "tagline": "Engineering for health",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "20",
        },
    )
    assert response.status_code == 302
    assert CompanyProfile.objects.get(organisation=research_org).tagline == "Engineering for health"


def test_organisation_form_registers_a_research_institute(client, hub):
    client.force_login(f.UserFactory(email="lab@sdu.example"))
    response = client.post(
        reverse("organisation_create"),
        once(
            client,
            {
                "name": "University of Southern Denmark",
                "kind": "research",
                "hub": hub.pk,
                "country": "DK",
                "website": "https://sdu.example",
                "description": "Welfare technology and clinical research.",
            },
        ),
    )
    assert response.status_code == 302
    org = Organisation.objects.get(name="University of Southern Denmark")
    assert org.kind == Organisation.Kind.RESEARCH
    assert org.memberships.get().role == Membership.Role.ADMIN


def test_directory_filters_research_institutes_only(client, outsider, test_bed, published):
    client.force_login(outsider)
    html = client.get(reverse("companies:directory"), {"research": "on"}).content.decode()
    assert "DTU Health Tech" in html
    assert "CareSense ApS" not in html
    assert "Universities and research institutes only" in html


@pytest.fixture
def published(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, title="Fall detection radar", published=True)


def test_api_lists_the_organisation_kind_and_filters_on_it(outsider, test_bed, published):
    api = APIClient()
    api.force_authenticate(outsider)
    everything = api.get(reverse("api:capability-list")).json()["results"]
    kinds = {item["title"]: (item["kind"], item["organisation"]["kind"]) for item in everything}
    assert kinds == {
        "Sensor test laboratory": ("test_bed", "research"),
        "Fall detection radar": ("product", "company"),
    }
    research = api.get(reverse("api:capability-list"), {"organisation_kind": "research"})
    assert [item["title"] for item in research.json()["results"]] == ["Sensor test laboratory"]
    wrong = api.get(reverse("api:capability-list"), {"organisation_kind": "hospital"})
    assert wrong.status_code == 400
    orgs = api.get(reverse("api:organisation-list"), {"kind": "research"}).json()["results"]
    assert [org["name"] for org in orgs] == ["DTU Health Tech"]


def test_admin_filters_capabilities_and_profiles_by_organisation_kind(
    coordinator_client, test_bed, published
):
    html = coordinator_client.get(
        reverse("admin:companies_capability_changelist"),
        {"company__organisation__kind": "research"},
    ).content.decode()
    assert "Sensor test laboratory" in html and "Fall detection radar" not in html
    html = coordinator_client.get(
        reverse("admin:companies_companyprofile_changelist"), {"organisation__kind": "research"}
    ).content.decode()
    assert "DTU Health Tech" in html and "CareSense ApS" not in html
