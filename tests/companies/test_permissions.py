"""Who gets what on every companies page: anonymous, the buyer owner and member, the company
owner and member, an outsider (a verified company elsewhere) and the hub's coordinator."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies.models import Capability, CapabilityAttachment
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test file\n"

EVERYONE = ["owner", "member", "company_owner", "company_member", "outsider", "coordinator"]
COMPANY_SIDE = ["company_owner", "company_member", "coordinator"]
NOT_COMPANY_SIDE = ["owner", "member", "outsider"]


def _assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- Directory -------------------------------------------------------------------------------


def test_directory_anonymous_redirects_to_login(client):
    _assert_login_redirect(client.get(reverse("companies:directory")))


@pytest.mark.parametrize("who", EVERYONE)
def test_directory_open_to_verified_members_and_coordinators(client, as_user, who, profile):
    as_user(who)
    response = client.get(reverse("companies:directory"))
    assert response.status_code == 200
    assert "CareSense ApS" in response.content.decode()


def test_directory_unverified_member_gets_explanation(client, unverified_admin, profile):
    client.force_login(unverified_admin)
    response = client.get(reverse("companies:directory"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "open to members of verified organisations" in body
    assert "CareSense ApS" not in body


def test_directory_user_without_organisation_gets_explanation(client, profile):
    client.force_login(f.UserFactory())
    response = client.get(reverse("companies:directory"))
    assert response.status_code == 403
    assert "Register your organisation or ask to join one" in response.content.decode()


# --- Profile ---------------------------------------------------------------------------------


def test_profile_anonymous_redirects_to_login(client, profile):
    _assert_login_redirect(
        client.get(reverse("companies:profile", args=[profile.organisation.slug]))
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_profile_of_verified_company_visible_to_verified_members(
    client, as_user, who, profile, published, draft
):
    as_user(who)
    response = client.get(reverse("companies:profile", args=[profile.organisation.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Radar sensors that care" in body
    assert "Fall detection radar" in body
    # Drafts only for the company and its hub's coordinators.
    assert ("Bed-exit radar (draft)" in body) == (who in COMPANY_SIDE)


@pytest.mark.parametrize(
    "who,status",
    [("owner", 404), ("outsider", 404), ("unverified_admin", 200), ("coordinator", 200)],
)
def test_profile_of_unverified_company_only_for_its_members(
    client, as_user, who, status, unverified_profile
):
    as_user(who)
    url = reverse("companies:profile", args=[unverified_profile.organisation.slug])
    assert client.get(url).status_code == status


def test_profile_unknown_slug_is_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("companies:profile", args=["no-such"])).status_code == 404


def test_profile_missing_sends_admin_to_edit(client, company_owner, company_org):
    client.force_login(company_owner)
    response = client.get(reverse("companies:profile", args=[company_org.slug]))
    assert response.status_code == 302
    assert response.url == reverse("companies:profile_edit", args=[company_org.slug])


def test_profile_missing_is_404_for_buyer(client, owner, company_org):
    client.force_login(owner)
    assert client.get(reverse("companies:profile", args=[company_org.slug])).status_code == 404


# --- Profile edit ----------------------------------------------------------------------------


def test_profile_edit_anonymous_redirects_to_login(client, profile):
    _assert_login_redirect(
        client.get(reverse("companies:profile_edit", args=[profile.organisation.slug]))
    )


@pytest.mark.parametrize(
    "who,status",
    [
        ("owner", 404),
        ("member", 404),
        ("outsider", 404),
        ("company_owner", 200),
        ("company_member", 403),
        ("coordinator", 200),
    ],
)
def test_profile_edit_for_company_admins_and_coordinators(client, as_user, who, status, profile):
    as_user(who)
    response = client.get(reverse("companies:profile_edit", args=[profile.organisation.slug]))
    assert response.status_code == status
    if status == 403:
        assert "Only the company" in response.content.decode()


def test_profile_edit_post_by_member_changes_nothing(client, company_member, profile):
    client.force_login(company_member)
    url = reverse("companies:profile_edit", args=[profile.organisation.slug])
    response = client.post(url, {"name": "Hijacked", "tagline": "x", "country": "DK"})
    assert response.status_code == 403
    profile.organisation.refresh_from_db()
    assert profile.organisation.name == "CareSense ApS"


def test_profile_edit_of_buyer_org_is_404(client, owner, buyer_org):
    client.force_login(owner)
    assert client.get(reverse("companies:profile_edit", args=[buyer_org.slug])).status_code == 404


# --- Capability create -----------------------------------------------------------------------


def test_capability_create_anonymous_redirects_to_login(client):
    _assert_login_redirect(client.get(reverse("companies:capability_create")))


@pytest.mark.parametrize(
    "who,status",
    [
        ("owner", 404),
        ("member", 404),
        ("coordinator", 404),
        ("company_owner", 200),
        ("company_member", 200),
        ("outsider", 200),  # a member of another company: creates for that company
        ("unverified_admin", 200),
    ],
)
def test_capability_create_for_company_members_only(client, as_user, who, status):
    as_user(who)
    assert client.get(reverse("companies:capability_create")).status_code == status


def test_capability_create_post_by_buyer_writes_nothing(client, owner):
    client.force_login(owner)
    response = client.post(reverse("companies:capability_create"), once(client, {"title": "x"}))
    assert response.status_code == 404
    assert not Capability.objects.exists()


# --- Capability detail -----------------------------------------------------------------------


def test_capability_detail_anonymous_redirects_to_login(client, published):
    _assert_login_redirect(client.get(reverse("companies:capability_detail", args=[published.pk])))


@pytest.mark.parametrize("who", EVERYONE)
def test_capability_detail_published_visible_to_verified_members(client, as_user, who, published):
    as_user(who)
    response = client.get(reverse("companies:capability_detail", args=[published.pk]))
    assert response.status_code == 200
    assert "Fall detection radar" in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_capability_detail_draft_only_for_company_side(client, as_user, who, draft):
    as_user(who)
    response = client.get(reverse("companies:capability_detail", args=[draft.pk]))
    assert response.status_code == (200 if who in COMPANY_SIDE else 404)


def test_capability_detail_manage_buttons_only_for_company_side(
    client, owner, company_member, published
):
    url = reverse("companies:capability_detail", args=[published.pk])
    client.force_login(owner)
    assert reverse("companies:capability_edit", args=[published.pk]) not in (
        client.get(url).content.decode()
    )
    client.force_login(company_member)
    assert reverse("companies:capability_edit", args=[published.pk]) in (
        client.get(url).content.decode()
    )


def test_capability_detail_published_of_unverified_company_is_404_for_buyer(
    client, owner, unverified_profile
):
    capability = f.CapabilityFactory(company=unverified_profile, published=True)
    client.force_login(owner)
    url = reverse("companies:capability_detail", args=[capability.pk])
    assert client.get(url).status_code == 404


def test_capability_detail_archived_hidden_from_buyer(client, owner, published):
    published.status = Capability.Status.ARCHIVED
    published.save()
    client.force_login(owner)
    url = reverse("companies:capability_detail", args=[published.pk])
    assert client.get(url).status_code == 404


# --- Capability edit and status changes -------------------------------------------------------


def test_capability_edit_anonymous_redirects_to_login(client, published):
    _assert_login_redirect(client.get(reverse("companies:capability_edit", args=[published.pk])))


@pytest.mark.parametrize("who", EVERYONE)
def test_capability_edit_only_for_company_side(client, as_user, who, published):
    as_user(who)
    response = client.get(reverse("companies:capability_edit", args=[published.pk]))
    assert response.status_code == (200 if who in COMPANY_SIDE else 404)


@pytest.mark.parametrize("who", COMPANY_SIDE)
def test_capability_publish_by_company_side(client, as_user, who, draft):
    as_user(who)
    response = client.post(reverse("companies:capability_publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Capability.Status.PUBLISHED
    assert draft.published_at is not None


@pytest.mark.parametrize("who", NOT_COMPANY_SIDE)
def test_capability_publish_by_others_is_404(client, as_user, who, draft):
    as_user(who)
    response = client.post(reverse("companies:capability_publish", args=[draft.pk]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Capability.Status.DRAFT


def test_capability_publish_anonymous_redirects_and_changes_nothing(client, draft):
    _assert_login_redirect(client.post(reverse("companies:capability_publish", args=[draft.pk])))
    draft.refresh_from_db()
    assert draft.status == Capability.Status.DRAFT


def test_capability_publish_get_not_allowed(client, company_owner, draft):
    client.force_login(company_owner)
    response = client.get(reverse("companies:capability_publish", args=[draft.pk]))
    assert response.status_code == 405
    draft.refresh_from_db()
    assert draft.status == Capability.Status.DRAFT


@pytest.mark.parametrize("who", COMPANY_SIDE)
def test_capability_archive_and_restore_by_company_side(client, as_user, who, published):
    as_user(who)
    client.post(reverse("companies:capability_archive", args=[published.pk]))
    published.refresh_from_db()
    assert published.status == Capability.Status.ARCHIVED
    client.post(reverse("companies:capability_unarchive", args=[published.pk]))
    published.refresh_from_db()
    assert published.status == Capability.Status.DRAFT


@pytest.mark.parametrize("who", NOT_COMPANY_SIDE)
def test_capability_archive_by_others_is_404(client, as_user, who, published):
    as_user(who)
    response = client.post(reverse("companies:capability_archive", args=[published.pk]))
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.status == Capability.Status.PUBLISHED


@pytest.mark.parametrize("who", NOT_COMPANY_SIDE)
def test_capability_unarchive_by_others_is_404(client, as_user, who, published):
    published.status = Capability.Status.ARCHIVED
    published.save()
    as_user(who)
    response = client.post(reverse("companies:capability_unarchive", args=[published.pk]))
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.status == Capability.Status.ARCHIVED


# --- Attachments -----------------------------------------------------------------------------


@pytest.fixture
def attachment(published, company_owner):
    from companies import services

    return services.add_attachment(
        published,
        actor=company_owner,
        upload=SimpleUploadedFile("brochure.pdf", PDF, content_type="application/pdf"),
    )


@pytest.mark.parametrize("who", COMPANY_SIDE)
def test_attachment_upload_by_company_side(client, as_user, who, published):
    as_user(who)
    upload = SimpleUploadedFile("datasheet.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("companies:attachment_upload", args=[published.pk]), once(client, {"file": upload})
    )
    assert response.status_code == 302
    assert published.attachments.get().original_name == "datasheet.pdf"


@pytest.mark.parametrize("who", [None, *NOT_COMPANY_SIDE])
def test_attachment_upload_by_others_refused(client, as_user, who, published):
    as_user(who)
    upload = SimpleUploadedFile("datasheet.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("companies:attachment_upload", args=[published.pk]), once(client, {"file": upload})
    )
    assert response.status_code == (302 if who is None else 404)
    assert not CapabilityAttachment.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_attachment_download_of_published_capability(client, as_user, who, attachment):
    as_user(who)
    url = reverse("companies:attachment_download", args=[attachment.capability_id, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="brochure.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("who", EVERYONE)
def test_attachment_download_of_draft_only_company_side(client, as_user, who, attachment):
    Capability.objects.filter(pk=attachment.capability_id).update(status="draft")
    as_user(who)
    url = reverse("companies:attachment_download", args=[attachment.capability_id, attachment.pk])
    assert client.get(url).status_code == (200 if who in COMPANY_SIDE else 404)


def test_attachment_download_anonymous_redirects(client, attachment):
    url = reverse("companies:attachment_download", args=[attachment.capability_id, attachment.pk])
    _assert_login_redirect(client.get(url))


def test_attachment_download_through_other_capability_is_404(
    client, company_owner, attachment, draft
):
    client.force_login(company_owner)
    url = reverse("companies:attachment_download", args=[draft.pk, attachment.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", COMPANY_SIDE)
def test_attachment_delete_by_company_side(client, as_user, who, attachment):
    as_user(who)
    url = reverse("companies:attachment_delete", args=[attachment.capability_id, attachment.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert not CapabilityAttachment.objects.exists()


@pytest.mark.parametrize("who", [None, *NOT_COMPANY_SIDE])
def test_attachment_delete_by_others_refused(client, as_user, who, attachment):
    as_user(who)
    url = reverse("companies:attachment_delete", args=[attachment.capability_id, attachment.pk])
    response = client.post(url)
    assert response.status_code == (302 if who is None else 404)
    assert CapabilityAttachment.objects.filter(pk=attachment.pk).exists()


def test_capability_publish_unverified_company_refused_with_reason(
    client, unverified_admin, unverified_profile
):
    capability = f.CapabilityFactory(company=unverified_profile)
    client.force_login(unverified_admin)
    page = client.get(reverse("companies:capability_detail", args=[capability.pk]))
    assert "can only be published once a coordinator" in page.content.decode()
    assert reverse("companies:capability_publish", args=[capability.pk]) not in (
        page.content.decode()
    )
    response = client.post(
        reverse("companies:capability_publish", args=[capability.pk]), follow=True
    )
    assert "can draft capabilities but not publish them" in response.content.decode()
    capability.refresh_from_db()
    assert capability.status == Capability.Status.DRAFT


def test_capability_publish_shows_success_message(client, company_member, draft):
    client.force_login(company_member)
    response = client.post(reverse("companies:capability_publish", args=[draft.pk]), follow=True)
    assert "The capability is published" in response.content.decode()
