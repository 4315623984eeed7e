"""Capabilities through the API: who sees which (as the capability pages), the list's filters
and orderings, and a company's own capabilities created, edited, published, archived and
restored through companies.services, by its members, outsiders, coordinators and another
company."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Capability
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("api:capability-list")


def url(name, capability):
    return reverse(f"api:capability-{name}", args=[capability.pk])


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def snapshot(capability):
    return Capability.objects.filter(pk=capability.pk).values().get()


# --- Reading --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [
        ("company_owner", True),
        ("company_member", True),
        ("coordinator", True),
        ("buyer", False),
        ("outsider", False),
        ("foreign_admin", False),
    ],
)
def test_list_published_for_verified_members_and_own_drafts(
    api, who, sees_draft, draft, published, foreign_draft
):
    found = set(ids(api(who).get(LIST)))
    assert published.pk in found
    assert (draft.pk in found) is sees_draft
    assert (foreign_draft.pk in found) is (who == "foreign_admin")


def test_list_nothing_for_anonymous_and_unverified(api, published, unverified_admin):
    assert ids(api(None).get(LIST)) == []
    assert ids(api("unverified_admin").get(LIST)) == []


def test_list_hides_capabilities_of_unverified_companies(api, buyer, unverified_profile):
    f.CapabilityFactory(company=unverified_profile, published=True)
    assert ids(api("buyer").get(LIST)) == []


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("company_owner", 200),
        ("company_member", 200),
        ("coordinator", 200),
        ("buyer", 404),
        ("outsider", 404),
        ("foreign_admin", 404),
        (None, 404),
    ],
)
def test_detail_of_a_draft(api, who, code, draft):
    response = api(who).get(url("detail", draft))
    assert response.status_code == code
    if code == 200:
        body = response.json()
        assert body["status"] == "draft" and body["description"] == draft.description
        assert body["can_edit"] is True


def test_detail_of_a_published_capability(api, published, buyer):
    item = f.RegulatoryItemFactory(name="CE class IIa")
    f.CertificationFactory(capability=published, item=item, reference="NB 0123")
    f.CertificationFactory(
        capability=published, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    f.CapabilityReferenceFactory(capability=published)
    body = api("buyer").get(url("detail", published)).json()
    assert body["organisation"] == {
        "id": published.company.organisation_id,
        "name": "CareSense ApS",
        "kind": "company",
    }
    assert body["can_edit"] is False
    first, second = body["certifications"]
    assert (first["item"], first["item_name"], first["reference"]) == (
        item.pk,
        "CE class IIa",
        "NB 0123",
    )
    assert (first["is_expired"], second["is_expired"]) == (False, True)
    assert body["references"] == [
        {
            "customer": "Aarhus University Hospital",
            "description": "Six-month pilot on two wards.",
            "year": 2025,
        }
    ]


def test_detail_attachment_links_to_the_sites_download(client, published, buyer):
    from companies.models import CapabilityAttachment
    from tests.needs.conftest import PDF_BYTES, pdf_upload

    attachment = CapabilityAttachment(
        capability=published,
        original_name="brochure.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    attachment.file.save("brochure.pdf", pdf_upload("brochure.pdf"), save=False)
    attachment.save()
    client.force_login(buyer)
    [item] = client.get(url("detail", published)).json()["attachments"]
    assert (item["name"], item["size"]) == ("brochure.pdf", len(PDF_BYTES))
    response = client.get(item["download_url"])
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_list_filters(api, buyer, profile, foreign_profile):
    tech, area, setting = f.TechnologyTypeFactory(), f.ClinicalAreaFactory(), f.CareSettingFactory()
    region, item = f.RegionFactory(), f.RegulatoryItemFactory()
    match = f.CapabilityFactory(
        company=profile,
        published=True,
        kind="service",
        trl=8,
        title="Night radar",
        description="Detects restlessness quietly.",
    )
    match.technology_types.add(tech)
    match.clinical_areas.add(area)
    match.care_settings.add(setting)
    f.CertificationFactory(capability=match, item=item)
    profile.regions_served.add(region)
    other = f.CapabilityFactory(company=foreign_profile, published=True, trl=3)
    expired = f.CapabilityFactory(company=foreign_profile, published=True)
    f.CertificationFactory(
        capability=expired, item=item, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = api("buyer")
    assert ids(client.get(LIST, {"technology": [tech.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"clinical_area": [area.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"care_setting": [setting.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"region": [region.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"certification": [item.pk]})) == [match.pk]
    assert ids(client.get(LIST, {"kind": "service"})) == [match.pk]
    assert ids(client.get(LIST, {"search": "restlessness quietly"})) == [match.pk]
    assert set(ids(client.get(LIST, {"search": "fjord"}))) == {other.pk, expired.pk}
    assert set(ids(client.get(LIST, {"trl": 7}))) == {match.pk, expired.pk}
    assert ids(client.get(LIST, {"organisation": profile.organisation_id})) == [match.pk]


def test_list_mine_and_status(api, draft, published, foreign_published):
    client = api("company_member")
    assert set(ids(client.get(LIST, {"mine": "true"}))) == {draft.pk, published.pk}
    assert ids(client.get(LIST, {"mine": "true", "status": "draft"})) == [draft.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"technology": [999999]}, "technology"),
        ({"kind": "gadget"}, "kind"),
        ({"trl": 0}, "trl"),
        ({"organisation": "x"}, "organisation"),
        ({"status": "gone"}, "status"),
        ({"sme": "1"}, "sme"),
        ({"kind": ""}, "kind"),
        ({"ordering": "-published_at"}, "ordering"),
        ({"page_size": "1.5"}, "page_size"),
    ],
)
def test_list_bad_filter_is_a_400_naming_it(api, buyer, params, field):
    response = api("buyer").get(LIST, params)
    assert response.status_code == 400 and field in response.json()


def test_list_orderings_page_through_every_capability_once(api, profile, company_member):
    caps = [
        f.CapabilityFactory(company=profile, published=True, title=f"Radar {n % 3}")
        for n in range(7)
    ]
    client = api("company_member")

    def walk(params):
        found, next_url = [], None
        response = client.get(LIST, params)
        while True:
            found += ids(response)
            next_url = response.json()["next"]
            if not next_url:
                return found
            response = client.get(next_url)

    newest = walk({"page_size": 2})
    assert newest == [c.pk for c in sorted(caps, key=lambda c: (c.updated_at, c.pk), reverse=True)]
    by_title = walk({"page_size": 2, "ordering": "title"})
    assert by_title == [c.pk for c in sorted(caps, key=lambda c: (c.title, c.pk))]
    assert walk({"page_size": 3, "ordering": "-title"}) == list(reversed(by_title))


def test_list_query_count_does_not_grow(api, buyer, profile):
    client = api("buyer")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    f.CapabilityFactory(company=profile, published=True).clinical_areas.add(f.ClinicalAreaFactory())
    count()
    one = count()
    for _n in range(6):
        cap = f.CapabilityFactory(company=f.CompanyProfileFactory(), published=True)
        cap.clinical_areas.add(f.ClinicalAreaFactory())
        cap.technology_types.add(f.TechnologyTypeFactory())
    assert count() == one


# --- Create and edit ------------------------------------------------------------------------


BODY = {
    "kind": "product",
    "title": "Bed-exit radar",
    "summary": "Warns before a patient leaves the bed.",
    "description": "A radar over the bed that warns the night nurse.",
    "trl": 7,
}


@pytest.mark.parametrize("who", ["company_owner", "company_member"])
def test_create_a_draft_by_members_of_the_company(api, who, company_org, request):
    area = f.ClinicalAreaFactory()
    response = api(who).post(LIST, {**BODY, "clinical_areas": [area.pk]}, format="json")
    assert response.status_code == 201, response.content
    capability = Capability.objects.get()
    assert capability.company.organisation == company_org
    assert (capability.status, capability.created_by) == ("draft", request.getfixturevalue(who))
    assert list(capability.clinical_areas.all()) == [area]
    assert response.json()["id"] == capability.pk and response.json()["status"] == "draft"


@pytest.mark.parametrize("who", ["buyer", "member", "coordinator"])
def test_create_refused_outside_a_company(api, who):
    response = api(who).post(LIST, BODY, format="json")
    assert response.status_code == 403
    assert not Capability.objects.exists()


def test_create_for_another_company_is_refused(api, company_owner, foreign_company):
    response = api("company_owner").post(
        LIST, {**BODY, "organisation": foreign_company.pk}, format="json"
    )
    assert response.status_code == 400 and "organisation" in response.json()
    assert not Capability.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": None}, "description"),
        ({"kind": "gadget"}, "kind"),
        ({"trl": 10}, "trl"),
        ({"care_settings": [999999]}, "care_settings"),
        ({"summary": "x" * 501}, "summary"),
    ],
)
def test_create_bad_input_is_a_400_naming_the_field(api, company_owner, change, field):
    response = api("company_owner").post(LIST, {**BODY, **change}, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Capability.objects.exists()


@pytest.mark.parametrize("who", ["company_owner", "company_member", "coordinator"])
def test_edit_by_the_company_and_its_coordinators(api, who, published):
    response = api(who).patch(url("detail", published), {"title": "Radar v2"}, format="json")
    assert response.status_code == 200, response.content
    published.refresh_from_db()
    assert (published.title, published.status) == ("Radar v2", "published")
    assert response.json()["title"] == "Radar v2"


@pytest.mark.parametrize("who", ["buyer", "outsider", "foreign_admin", None])
def test_edit_by_others_is_refused_and_changes_nothing(api, who, published):
    before = snapshot(published)
    response = api(who).patch(url("detail", published), {"title": "Hijacked"}, format="json")
    assert response.status_code in ((404,) if who else (401, 403))
    assert snapshot(published) == before


def test_edit_another_companys_capability_is_a_404(api, company_owner, foreign_draft):
    before = snapshot(foreign_draft)
    response = api("company_owner").patch(
        url("detail", foreign_draft), {"title": "x"}, format="json"
    )
    assert response.status_code == 404
    assert snapshot(foreign_draft) == before
    assert api("company_owner").get(url("detail", foreign_draft)).status_code == 404


def test_edit_bad_input_is_a_400_and_changes_nothing(api, company_owner, draft):
    before = snapshot(draft)
    response = api("company_owner").patch(url("detail", draft), {"trl": "high"}, format="json")
    assert response.status_code == 400 and "trl" in response.json()
    assert snapshot(draft) == before


# --- Publish, archive, restore ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["company_owner", "company_member", "coordinator"])
def test_publish_archive_restore(api, who, draft):
    client = api(who)
    response = client.post(url("publish", draft))
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at
    assert client.post(url("archive", draft)).json()["status"] == "archived"
    assert Capability.objects.get(pk=draft.pk).status == "archived"
    response = client.post(url("publish", draft))
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert client.post(url("restore", draft)).json()["status"] == "draft"
    assert Capability.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.parametrize("action", ["publish", "archive", "restore"])
@pytest.mark.parametrize("who", ["buyer", "outsider", "foreign_admin"])
def test_status_changes_by_others_are_404s(api, who, action, draft, published):
    for capability in (draft, published):
        before = snapshot(capability)
        assert api(who).post(url(action, capability)).status_code == 404
        assert snapshot(capability) == before


def test_status_change_of_another_companys_capability_is_a_404(api, company_owner, foreign_draft):
    assert api("company_owner").post(url("publish", foreign_draft)).status_code == 404
    assert Capability.objects.get(pk=foreign_draft.pk).status == "draft"


def test_publish_for_an_unverified_company_is_refused(api, unverified_admin, unverified_profile):
    capability = f.CapabilityFactory(company=unverified_profile)
    response = api("unverified_admin").post(url("publish", capability))
    assert response.status_code == 400
    assert "not verified" in response.json()["non_field_errors"][0]
    assert Capability.objects.get(pk=capability.pk).status == "draft"


def test_restore_of_a_draft_is_refused(api, company_owner, draft):
    response = api("company_owner").post(url("restore", draft))
    assert response.status_code == 400
    assert Capability.objects.get(pk=draft.pk).status == "draft"
