"""Capability and profile forms through the pages: formsets, validation, nothing half-written."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from companies.models import (
    Capability,
    CapabilityAttachment,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from healthmatch.accounts.models import Membership
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db

CREATE = "companies:capability_create"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def capability_data(certifications=(), references=(), **fields):
    """POST data for the capability form: fields plus certification/reference rows (dicts)."""
    data = {
        "kind": "product",
        "title": "Fall detection radar",
        "summary": "Detects falls without cameras.",
        "description": "Contact-free radar in the patient room.",
        "trl": "7",
        **management("certifications", max(len(certifications), 2)),
        **management("references", max(len(references), 2)),
    }
    for i, row in enumerate(certifications):
        data.update({f"certifications-{i}-{k}": v for k, v in row.items()})
    for i, row in enumerate(references):
        data.update({f"references-{i}-{k}": v for k, v in row.items()})
    data.update(fields)
    return data


@pytest.fixture
def items(db):
    return f.RegulatoryItemFactory(name="Test CE mark"), f.RegulatoryItemFactory(
        name="Test ISO standard"
    )


def _two_certs(items):
    return [
        {"item": items[0].pk, "reference": "NB 0123", "valid_until": "2030-01-31"},
        {"item": items[1].pk, "reference": "Cert 77", "valid_until": ""},
    ]


TWO_REFS = [
    {"customer": "Aarhus University Hospital", "description": "Pilot on 2 wards", "year": "2024"},
    {"customer": "Odense Municipality", "description": "Nursing homes", "year": "2023"},
]


# --- Capability create with formsets ---------------------------------------------------------


def test_capability_create_saves_two_certifications_and_two_references(
    client, company_member, company_org, items
):
    client.force_login(company_member)
    area = f.ClinicalAreaFactory(name="Geriatrics zz")
    data = capability_data(_two_certs(items), TWO_REFS, clinical_areas=[area.pk])
    response = client.post(reverse(CREATE), once(client, data))
    capability = Capability.objects.get()
    assert response.status_code == 302
    assert response.url == capability.get_absolute_url()
    assert capability.status == Capability.Status.DRAFT
    assert capability.company.organisation == company_org
    assert list(capability.clinical_areas.all()) == [area]
    assert {(c.item.name, c.reference) for c in capability.certifications.all()} == {
        ("Test CE mark", "NB 0123"),
        ("Test ISO standard", "Cert 77"),
    }
    assert sorted(capability.references.values_list("customer", "year")) == [
        ("Aarhus University Hospital", 2024),
        ("Odense Municipality", 2023),
    ]


def test_capability_create_invalid_row_keeps_data_and_writes_nothing(client, company_member, items):
    client.force_login(company_member)
    refs = [TWO_REFS[0], {**TWO_REFS[1], "year": "1200"}]
    response = client.post(reverse(CREATE), once(client, capability_data(_two_certs(items), refs)))
    assert response.status_code == 200
    assert not Capability.objects.exists()
    assert not Certification.objects.exists()
    assert not CapabilityReference.objects.exists()
    references = response.context["references"]
    assert "year" in references.forms[1].errors
    assert not references.forms[0].errors
    body = response.content.decode()
    assert "Please correct the errors below" in body
    assert 'value="Fall detection radar"' in body
    assert "Odense Municipality" in body and "NB 0123" in body and 'value="1200"' in body


def test_capability_create_duplicate_regulatory_item_error_on_the_row(
    client, company_member, items
):
    client.force_login(company_member)
    certs = [{"item": items[0].pk}, {"item": items[0].pk, "reference": "again"}]
    response = client.post(reverse(CREATE), once(client, capability_data(certs)))
    assert response.status_code == 200
    forms = response.context["certifications"].forms
    assert not forms[0].errors
    assert "already listed in another row" in forms[1].errors["item"][0]
    assert not Capability.objects.exists()


def test_capability_create_expired_certification_saved_and_marked(client, company_member, items):
    client.force_login(company_member)
    past = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    client.post(
        reverse(CREATE), once(client, capability_data([{"item": items[0].pk, "valid_until": past}]))
    )
    capability = Capability.objects.get()
    assert capability.certifications.get().is_expired
    body = client.get(capability.get_absolute_url()).content.decode()
    assert 'class="badge expired"' in body


def test_capability_detail_valid_certification_not_marked_expired(client, owner, published):
    f.CertificationFactory(capability=published)
    client.force_login(owner)
    body = client.get(published.get_absolute_url()).content.decode()
    assert "badge expired" not in body
    assert "RegulatoryItem" in body


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"title": ""}, "title", "This field is required"),
        ({"trl": "10"}, "trl", "Select a valid choice"),
        ({"kind": "weapon"}, "kind", "Select a valid choice"),
        ({"technology_types": ["999999"]}, "technology_types", "Select a valid choice"),
    ],
)
def test_capability_create_bad_input_shows_field_error(
    client, company_member, fields, field, message
):
    client.force_login(company_member)
    response = client.post(reverse(CREATE), once(client, capability_data(**fields)))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Capability.objects.exists()


@pytest.mark.parametrize("field", ["title", "description"])
def test_capability_create_with_a_nul_character_is_refused_naming_the_field(
    client, company_member, field
):
    """The site-wide request guard (healthmatch/guard/) answers before the form: a 400 page that
    names the field, and nothing written."""
    client.force_login(company_member)
    data = once(client, capability_data(**{field: "Radar\x00"}))
    response = client.post(reverse(CREATE), data)
    assert response.status_code == 400
    assert f"field “{field}” contains a NUL character" in response.content.decode()
    assert not Capability.objects.exists()


def test_capability_create_bad_certification_date(client, company_member, items):
    client.force_login(company_member)
    certs = [{"item": items[0].pk, "valid_until": "3020-01-01"}]
    response = client.post(reverse(CREATE), once(client, capability_data(certs)))
    assert "valid_until" in response.context["certifications"].forms[0].errors
    assert not Capability.objects.exists()


def test_capability_script_in_title_is_escaped(client, company_member, owner):
    client.force_login(company_member)
    client.post(reverse(CREATE), once(client, capability_data(title="<script>alert(1)</script>")))
    capability = Capability.objects.get()
    assert capability.title == "<script>alert(1)</script>"
    Capability.objects.filter(pk=capability.pk).update(status="published")
    for user in (company_member, owner):
        client.force_login(user)
        for url in (
            capability.get_absolute_url(),
            reverse("companies:profile", args=[capability.company.organisation.slug]),
            reverse("companies:directory"),
        ):
            body = client.get(url).content.decode()
            assert "<script>alert(1)" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_capability_create_several_companies_must_choose(client, company_member, hub):
    second = f.OrganisationFactory(name="Second Co", company=True, hub=hub)
    f.MembershipFactory(user=company_member, organisation=second)
    client.force_login(company_member)
    response = client.post(reverse(CREATE), once(client, capability_data()))
    assert "organisation" in response.context["form"].errors
    response = client.post(reverse(CREATE), once(client, capability_data(organisation=second.slug)))
    assert Capability.objects.get().company.organisation == second


def test_capability_create_cannot_choose_foreign_company(client, company_member, hub):
    second = f.OrganisationFactory(name="Second Co", company=True, hub=hub)
    f.MembershipFactory(user=company_member, organisation=second)
    foreign = f.OrganisationFactory(name="Foreign Co", company=True, hub=hub)
    client.force_login(company_member)
    response = client.post(
        reverse(CREATE), once(client, capability_data(organisation=foreign.slug))
    )
    assert "organisation" in response.context["form"].errors
    assert not Capability.objects.exists()


def test_capability_create_pending_membership_is_404(client, hub):
    user = f.UserFactory()
    org = f.OrganisationFactory(company=True, hub=hub)
    f.MembershipFactory(user=user, organisation=org, status=Membership.Status.PENDING)
    client.force_login(user)
    assert client.get(reverse(CREATE)).status_code == 404


# --- Capability edit -------------------------------------------------------------------------


def test_capability_edit_updates_deletes_and_adds_rows(client, company_member, published, items):
    cert = f.CertificationFactory(capability=published, item=items[0])
    ref = f.CapabilityReferenceFactory(capability=published, customer="Old customer")
    client.force_login(company_member)
    data = capability_data(title="Radar v2")
    data.update(management("certifications", 2, initial=1))
    data.update(
        {
            "certifications-0-id": cert.pk,
            "certifications-0-capability": published.pk,
            "certifications-0-item": items[0].pk,
            "certifications-0-DELETE": "on",
            "certifications-1-item": items[1].pk,
        }
    )
    data.update(management("references", 2, initial=1))
    data.update(
        {
            "references-0-id": ref.pk,
            "references-0-capability": published.pk,
            "references-0-customer": "Renamed customer",
            "references-0-year": "2022",
        }
    )
    response = client.post(reverse("companies:capability_edit", args=[published.pk]), data)
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Radar v2"
    assert published.status == Capability.Status.PUBLISHED
    assert [c.item for c in published.certifications.all()] == [items[1]]
    assert list(published.references.values_list("customer", flat=True)) == ["Renamed customer"]


def test_capability_edit_invalid_changes_nothing(client, company_member, published, items):
    f.CertificationFactory(capability=published, item=items[0], reference="Kept")
    client.force_login(company_member)
    data = capability_data(
        title="Changed",
        certifications=[{"item": items[0].pk, "reference": "dup"}],
    )
    data.update(management("certifications", 2, initial=0))
    response = client.post(reverse("companies:capability_edit", args=[published.pk]), data)
    assert response.status_code == 200
    published.refresh_from_db()
    assert published.title == "Fall detection radar"
    assert list(published.certifications.values_list("reference", flat=True)) == ["Kept"]


def test_capability_edit_cannot_touch_rows_of_other_capability(
    client, company_member, published, draft, items
):
    other = f.CertificationFactory(capability=draft, item=items[0], reference="Other")
    client.force_login(company_member)
    data = capability_data()
    data.update(management("certifications", 1, initial=1))
    data.update(
        {
            "certifications-0-id": other.pk,
            "certifications-0-capability": published.pk,
            "certifications-0-item": items[1].pk,
        }
    )
    client.post(reverse("companies:capability_edit", args=[published.pk]), data)
    other.refresh_from_db()
    assert other.capability == draft and other.reference == "Other" and other.item == items[0]
    assert not published.certifications.exists()


def test_capability_edit_keeps_inactive_term_already_selected(client, company_member, published):
    term = f.TechnologyTypeFactory(name="Retired tech", is_active=False)
    published.technology_types.add(term)
    client.force_login(company_member)
    response = client.get(reverse("companies:capability_edit", args=[published.pk]))
    assert "Retired tech" in response.content.decode()
    response = client.get(reverse(CREATE))
    assert "Retired tech" not in response.content.decode()


# --- Attachments through the page ------------------------------------------------------------


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ\x90\x00", "are not accepted"),
        ("page.html", b"<html></html>", "are not accepted"),
        ("image.png", b"%PDF-1.4 not a png", "does not match"),
    ],
)
def test_attachment_upload_wrong_type_shows_error(
    client, company_member, published, name, content, message
):
    client.force_login(company_member)
    response = client.post(
        reverse("companies:attachment_upload", args=[published.pk]),
        once(client, {"file": SimpleUploadedFile(name, content)}),
    )
    assert response.status_code == 200
    assert message in response.context["attachment_form"].errors["file"][0]
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CapabilityAttachment.objects.exists()


def test_attachment_upload_without_file(client, company_member, published):
    client.force_login(company_member)
    response = client.post(
        reverse("companies:attachment_upload", args=[published.pk]), once(client, {})
    )
    assert response.status_code == 200
    assert "file" in response.context["attachment_form"].errors


def test_attachment_upload_over_limit_shows_error(settings, client, company_member, published):
    settings.ATTACHMENTS_PER_ITEM = 0
    client.force_login(company_member)
    response = client.post(
        reverse("companies:attachment_upload", args=[published.pk]),
        once(client, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}),
    )
    assert "at most 0 attachments" in response.context["attachment_form"].errors["file"][0]
    assert not CapabilityAttachment.objects.exists()


# --- Profile form ----------------------------------------------------------------------------


def profile_data(contacts=(), initial=0, **fields):
    data = {
        "name": "CareSense ApS",
        "tagline": "Radar sensors that care",
        "description": "We build sensors.",
        "website": "https://caresense.example",
        "country": "DK",
        "is_sme": "on",
        "employees": "14",
        "founded_year": "2018",
        "languages": ["da", "en"],
        "contacts-TOTAL_FORMS": str(max(len(contacts), 1)),
        "contacts-INITIAL_FORMS": str(initial),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "10",
    }
    for i, row in enumerate(contacts):
        data.update({f"contacts-{i}-{k}": v for k, v in row.items()})
    data.update(fields)
    return data


CONTACTS = [
    {"name": "Cecilie CEO", "role": "CEO", "email": "ceo@caresense.example", "phone": "+45 12 34"},
    {"name": "Sam Sales", "role": "Sales", "email": "sales@caresense.example", "phone": ""},
]


def test_profile_edit_first_save_creates_profile_and_contacts(client, company_owner, company_org):
    region = f.RegionFactory(name="Test region")
    client.force_login(company_owner)
    url = reverse("companies:profile_edit", args=[company_org.slug])
    response = client.post(url, profile_data(CONTACTS, regions_served=[region.pk]))
    assert response.status_code == 302
    profile = CompanyProfile.objects.get(organisation=company_org)
    assert profile.languages == ["en", "da"]
    assert profile.employees == 14
    assert list(profile.regions_served.all()) == [region]
    assert list(profile.contacts.values_list("name", flat=True)) == ["Cecilie CEO", "Sam Sales"]
    company_org.refresh_from_db()
    assert company_org.description == "We build sensors."
    body = client.get(response.url).content.decode()
    assert "Sam Sales" in body and "Test region" in body
    assert "<dd>English, Danish</dd>" in body


def test_profile_edit_shows_current_values(client, company_owner, profile):
    f.ContactPersonFactory(company=profile, name="Existing Contact")
    client.force_login(company_owner)
    body = client.get(
        reverse("companies:profile_edit", args=[profile.organisation.slug])
    ).content.decode()
    assert 'value="Radar sensors that care"' in body
    assert 'value="Existing Contact"' in body


def test_profile_edit_invalid_contact_keeps_data_and_writes_nothing(
    client, company_owner, company_org
):
    client.force_login(company_owner)
    contacts = [CONTACTS[0], {**CONTACTS[1], "email": "not-an-email"}]
    url = reverse("companies:profile_edit", args=[company_org.slug])
    response = client.post(url, profile_data(contacts, name="Renamed ApS"))
    assert response.status_code == 200
    assert "email" in response.context["contacts"].forms[1].errors
    assert not CompanyProfile.objects.exists()
    assert not ContactPerson.objects.exists()
    company_org.refresh_from_db()
    assert company_org.name == "CareSense ApS"
    body = response.content.decode()
    assert 'value="Renamed ApS"' in body and 'value="not-an-email"' in body


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"tagline": "x" * 201}, "tagline"),
        ({"founded_year": "1492"}, "founded_year"),
        ({"employees": "-3"}, "employees"),
        ({"languages": ["klingon"]}, "languages"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"name": ""}, "name"),
        ({"country": "XX"}, "country"),
    ],
)
def test_profile_edit_bad_input_shows_field_error(
    client, company_owner, company_org, fields, field
):
    client.force_login(company_owner)
    url = reverse("companies:profile_edit", args=[company_org.slug])
    response = client.post(url, profile_data(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CompanyProfile.objects.exists()


def test_profile_edit_name_of_other_company_shows_error(client, company_owner, company_org, hub):
    f.OrganisationFactory(name="Taken ApS", company=True, hub=hub)
    client.force_login(company_owner)
    url = reverse("companies:profile_edit", args=[company_org.slug])
    response = client.post(url, profile_data(name="Taken ApS"))
    assert response.status_code == 200
    assert "already registered" in response.context["form"].errors["name"][0]
    assert not CompanyProfile.objects.exists()


def test_profile_description_script_is_escaped(client, company_owner, owner, profile):
    client.force_login(company_owner)
    url = reverse("companies:profile_edit", args=[profile.organisation.slug])
    client.post(url, profile_data(description="<script>alert('x')</script>"))
    client.force_login(owner)
    body = client.get(reverse("companies:profile", args=[profile.organisation.slug])).content
    assert b"<script>alert(" not in body
    assert b"&lt;script&gt;" in body
