"""The verbs of companies.services, called the way the admin and the seed command call them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from companies import services
from companies.models import Capability, CapabilityAttachment, CompanyProfile, ContactPerson
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test file\n"


def _pdf(name="sheet.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- Profile ---------------------------------------------------------------------------------


def test_save_profile_creates_profile_on_first_save(company_owner, company_org):
    region = f.RegionFactory()
    profile = services.save_profile(
        company_org,
        actor=company_owner,
        data={
            "name": "CareSense A/S",
            "website": "https://caresense.example",
            "tagline": "Sensors",
            "is_sme": True,
            "employees": 12,
            "founded_year": 2019,
            "languages": ["da", "en", "da"],
        },
        m2m={"regions_served": [region]},
    )
    assert CompanyProfile.objects.get() == profile
    assert profile.languages == ["en", "da"]
    assert list(profile.regions_served.all()) == [region]
    company_org.refresh_from_db()
    assert company_org.name == "CareSense A/S"
    assert company_org.website == "https://caresense.example"


def test_save_profile_refused_for_plain_member(company_member, company_org):
    with pytest.raises(PermissionDenied):
        services.save_profile(company_org, actor=company_member, data={"tagline": "x"})
    assert not CompanyProfile.objects.exists()


def test_save_profile_allowed_for_hub_coordinator(coordinator, company_org):
    profile = services.save_profile(company_org, actor=coordinator, data={"tagline": "Curated"})
    assert profile.tagline == "Curated"


def test_save_profile_refused_for_coordinator_of_other_hub(company_org, other_hub):
    user = f.UserFactory(is_staff=True)
    other_hub.coordinators.add(user)
    with pytest.raises(PermissionDenied):
        services.save_profile(company_org, actor=user, data={"tagline": "x"})


def test_save_profile_refused_for_buyer_org(owner, buyer_org):
    with pytest.raises(ValidationError, match="Only companies and research organisations"):
        services.save_profile(buyer_org, actor=owner, data={"tagline": "x"})


def test_save_profile_name_taken_by_other_company(company_owner, company_org, hub):
    f.OrganisationFactory(name="Taken ApS", company=True, hub=hub)
    with pytest.raises(ValidationError) as info:
        services.save_profile(company_org, actor=company_owner, data={"name": "taken aps"})
    assert "already registered" in info.value.message_dict["name"][0]
    company_org.refresh_from_db()
    assert company_org.name == "CareSense ApS"


@pytest.mark.parametrize(
    "data,field",
    [
        ({"tagline": "a\x00b"}, "tagline"),
        ({"tagline": "x" * 201}, "tagline"),
        ({"founded_year": 1066}, "founded_year"),
        ({"founded_year": timezone.localdate().year + 1}, "founded_year"),
        ({"languages": ["xx"]}, "languages"),
        ({"website": "javascript:alert(1)"}, "website"),
    ],
)
def test_save_profile_bad_data_writes_nothing(company_owner, company_org, data, field):
    with pytest.raises(ValidationError) as info:
        services.save_profile(company_org, actor=company_owner, data=data)
    assert field in info.value.message_dict
    assert not CompanyProfile.objects.exists()


def test_save_profile_unknown_field_is_a_programming_error(company_owner, company_org):
    with pytest.raises(ValueError, match="verified_at"):
        services.save_profile(company_org, actor=company_owner, data={"verified_at": None})


# --- Capabilities ----------------------------------------------------------------------------


def test_create_capability_is_a_draft_and_creates_missing_profile(company_member, company_org):
    area = f.ClinicalAreaFactory()
    capability = services.create_capability(
        company_org,
        actor=company_member,
        data={"title": "  Radar  ", "description": "Detects falls.", "trl": 6},
        m2m={"clinical_areas": [area]},
    )
    assert capability.status == Capability.Status.DRAFT
    assert capability.title == "Radar"
    assert capability.created_by == company_member
    assert capability.company.organisation == company_org
    assert list(capability.clinical_areas.all()) == [area]


def test_create_capability_refused_for_buyer(owner, profile):
    with pytest.raises(PermissionDenied):
        services.create_capability(profile, actor=owner, data={"title": "x", "description": "y"})
    assert not Capability.objects.exists()


def test_create_capability_allowed_for_unverified_company(unverified_admin, unverified_org):
    capability = services.create_capability(
        unverified_org, actor=unverified_admin, data={"title": "Early", "description": "Draft."}
    )
    assert capability.status == Capability.Status.DRAFT


def test_create_capability_bad_trl(company_owner, profile):
    with pytest.raises(ValidationError) as info:
        services.create_capability(
            profile, actor=company_owner, data={"title": "x", "description": "y", "trl": 12}
        )
    assert "trl" in info.value.message_dict
    assert not Capability.objects.exists()


def test_update_capability_keeps_status(company_member, published):
    services.update_capability(published, actor=company_member, data={"title": "New title"})
    published.refresh_from_db()
    assert published.title == "New title"
    assert published.status == Capability.Status.PUBLISHED


def test_update_capability_refused_for_outsider(outsider, published):
    with pytest.raises(PermissionDenied):
        services.update_capability(published, actor=outsider, data={"title": "Mine"})


def test_publish_capability_sets_published_at(company_member, draft):
    services.publish_capability(draft, actor=company_member)
    draft.refresh_from_db()
    assert draft.status == Capability.Status.PUBLISHED
    assert draft.published_at is not None


def test_publish_capability_unverified_company_cannot_publish(unverified_admin, unverified_profile):
    capability = f.CapabilityFactory(company=unverified_profile)
    with pytest.raises(ValidationError, match="can draft capabilities but not publish"):
        services.publish_capability(capability, actor=unverified_admin)
    capability.refresh_from_db()
    assert capability.status == Capability.Status.DRAFT
    assert capability.published_at is None


def test_publish_capability_twice_is_harmless(company_owner, published):
    first = published.published_at
    services.publish_capability(published, actor=company_owner)
    published.refresh_from_db()
    assert published.published_at == first


def test_publish_capability_archived_needs_restore_first(company_owner, published):
    services.archive_capability(published, actor=company_owner)
    with pytest.raises(ValidationError, match="Restore it to draft"):
        services.publish_capability(published, actor=company_owner)
    services.unarchive_capability(published, actor=company_owner)
    assert published.status == Capability.Status.DRAFT
    services.publish_capability(published, actor=company_owner)
    assert published.status == Capability.Status.PUBLISHED


def test_unarchive_capability_only_from_archived(company_owner, draft):
    with pytest.raises(ValidationError, match="Only archived"):
        services.unarchive_capability(draft, actor=company_owner)


def test_publish_capability_refused_for_buyer(owner, draft):
    with pytest.raises(PermissionDenied):
        services.publish_capability(draft, actor=owner)


# --- Attachments -----------------------------------------------------------------------------


def test_add_attachment_stores_file(company_member, draft):
    attachment = services.add_attachment(draft, actor=company_member, upload=_pdf("spec.pdf"))
    assert attachment.original_name == "spec.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.file.read() == PDF


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "are not accepted"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match"),
        ("notes.txt", b"binary\x00data", "does not look like plain text"),
        ("empty.pdf", b"", "empty"),
        ("page.html", b"<script>alert(1)</script>", "are not accepted"),
    ],
)
def test_add_attachment_rejects_bad_files(company_member, draft, name, content, message):
    with pytest.raises(ValidationError, match=message):
        services.add_attachment(
            draft, actor=company_member, upload=SimpleUploadedFile(name, content)
        )
    assert not CapabilityAttachment.objects.exists()


def test_add_attachment_too_big(settings, company_member, draft):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="the limit is"):
        services.add_attachment(draft, actor=company_member, upload=_pdf())


def test_add_attachment_limit_per_capability(settings, company_member, draft):
    settings.ATTACHMENTS_PER_ITEM = 2
    services.add_attachment(draft, actor=company_member, upload=_pdf("a.pdf"))
    services.add_attachment(draft, actor=company_member, upload=_pdf("b.pdf"))
    with pytest.raises(ValidationError, match="at most 2 attachments"):
        services.add_attachment(draft, actor=company_member, upload=_pdf("c.pdf"))
    assert draft.attachments.count() == 2


def test_add_attachment_cleans_file_name(company_member, draft):
    upload = _pdf("../../etc/" + "x" * 300 + "\x07.pdf")
    attachment = services.add_attachment(draft, actor=company_member, upload=upload)
    assert attachment.original_name.endswith(".pdf")
    assert len(attachment.original_name) <= 100
    assert "/" not in attachment.original_name and "\x07" not in attachment.original_name
    assert attachment.file.name.startswith(f"capabilities/{draft.pk}/")


def test_delete_attachment_removes_row_and_file(
    company_member, draft, django_capture_on_commit_callbacks
):
    attachment = services.add_attachment(draft, actor=company_member, upload=_pdf())
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment, actor=company_member)
    assert not CapabilityAttachment.objects.exists()
    assert not storage.exists(name)


def test_delete_attachment_refused_for_buyer(owner, company_member, published):
    attachment = services.add_attachment(published, actor=company_member, upload=_pdf())
    with pytest.raises(PermissionDenied):
        services.delete_attachment(attachment, actor=owner)
    assert CapabilityAttachment.objects.filter(pk=attachment.pk).exists()


# --- Certifications --------------------------------------------------------------------------


def test_certification_is_expired_only_in_the_past(published):
    item = f.RegulatoryItemFactory()
    cert = f.CertificationFactory(
        capability=published, item=item, valid_until=timezone.localdate() - datetime.timedelta(1)
    )
    assert cert.is_expired
    cert.valid_until = timezone.localdate()
    assert not cert.is_expired


def test_contacts_deleted_with_profile(profile):
    f.ContactPersonFactory(company=profile)
    profile.delete()
    assert not ContactPerson.objects.exists()
