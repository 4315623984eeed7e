"""One attachments card (templates/includes/attachments.html) on the need page and on the
capability page: name, size, download link, delete for editors only, the upload form and the
limit note."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from companies import services as capability_services
from needs import services as need_services
from needs.models import Need
from tests import factories as f

pytestmark = pytest.mark.django_db

# 2,048 bytes: shown as "2.0 KB" (with a no-break space).
PDF = b"%PDF-1.4\n" + b"%" * (2048 - len(b"%PDF-1.4\n%%EOF\n")) + b"%%EOF\n"
SIZE = "(2.0\xa0KB)"


def upload(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def draft_need(buyer_org, owner):
    return f.NeedFactory(organisation=buyer_org, created_by=owner, title="Fewer falls at night")


@pytest.fixture
def need_file(draft_need, owner):
    return need_services.add_attachment(draft_need, upload=upload("ward-plan.pdf"), actor=owner)


@pytest.fixture
def capability(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, title="Fall detection radar", published=True)


@pytest.fixture
def capability_file(capability, company_owner):
    return capability_services.add_attachment(
        capability, actor=company_owner, upload=upload("datasheet.pdf")
    )


def link(url, name):
    return f'<a href="{url}" download><bdi>{name}</bdi></a>'


def upload_form(url):
    return f'<form method="post" action="{url}" enctype="multipart/form-data"'


def delete_button(name):
    return (
        '<button type="submit" class="small secondary" data-confirm="Delete this file?">'
        f'Delete<span class="visually-hidden"> <bdi>{name}</bdi></span></button>'
    )


# --- Need page ------------------------------------------------------------------------------


def test_need_page_lists_name_size_and_download_link(client, owner, draft_need, need_file):
    client.force_login(owner)
    response = client.get(draft_need.get_absolute_url())

    download = reverse("needs:attachment_download", args=[draft_need.pk, need_file.pk])
    delete = reverse("needs:attachment_delete", args=[draft_need.pk, need_file.pk])
    assertContains(response, link(download, "ward-plan.pdf"), html=True)
    assertContains(response, SIZE)
    assertContains(response, f'action="{delete}"')
    assertContains(response, delete_button("ward-plan.pdf"), html=True)
    assertContains(response, upload_form(reverse("needs:attachment_upload", args=[draft_need.pk])))
    assertContains(response, '<h2 id="attachments-h">Attachments</h2>', html=True)
    # and the link works: the owner downloads the very bytes
    file = client.get(download)
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == PDF


def test_need_page_reader_gets_the_link_but_no_delete_or_upload(
    client, outsider, draft_need, need_file
):
    Need.objects.filter(pk=draft_need.pk).update(
        status=Need.Status.PUBLISHED, published_at=timezone.now()
    )
    client.force_login(outsider)
    response = client.get(draft_need.get_absolute_url())

    download = reverse("needs:attachment_download", args=[draft_need.pk, need_file.pk])
    assertContains(response, link(download, "ward-plan.pdf"), html=True)
    assertContains(response, SIZE)
    assertNotContains(
        response, reverse("needs:attachment_delete", args=[draft_need.pk, need_file.pk])
    )
    assertNotContains(
        response, upload_form(reverse("needs:attachment_upload", args=[draft_need.pk]))
    )


def test_need_page_limit_reached_replaces_the_upload_form(
    client, settings, owner, draft_need, need_file
):
    settings.ATTACHMENTS_PER_ITEM = 1
    client.force_login(owner)
    response = client.get(draft_need.get_absolute_url())

    assertContains(response, "The limit of 1 attachments is reached.")
    assertNotContains(
        response, upload_form(reverse("needs:attachment_upload", args=[draft_need.pk]))
    )


def test_need_page_without_files_says_so(client, owner, draft_need):
    client.force_login(owner)
    response = client.get(draft_need.get_absolute_url())

    assertContains(response, "No attachments.")
    assertNotContains(response, 'class="attachment-list"')
    assertContains(response, upload_form(reverse("needs:attachment_upload", args=[draft_need.pk])))


# --- Capability page ------------------------------------------------------------------------


def test_capability_page_lists_name_size_and_download_link(
    client, company_member, capability, capability_file
):
    client.force_login(company_member)
    response = client.get(capability.get_absolute_url())

    download = reverse("companies:attachment_download", args=[capability.pk, capability_file.pk])
    delete = reverse("companies:attachment_delete", args=[capability.pk, capability_file.pk])
    assertContains(response, link(download, "datasheet.pdf"), html=True)
    assertContains(response, SIZE)
    assertContains(response, f'action="{delete}"')
    assertContains(response, delete_button("datasheet.pdf"), html=True)
    assertContains(
        response, upload_form(reverse("companies:attachment_upload", args=[capability.pk]))
    )
    assertContains(response, '<h2 id="attachments-h">Attachments</h2>', html=True)
    file = client.get(download)
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == PDF


def test_capability_page_buyer_gets_the_link_but_no_delete_or_upload(
    client, owner, capability, capability_file
):
    client.force_login(owner)
    response = client.get(capability.get_absolute_url())

    download = reverse("companies:attachment_download", args=[capability.pk, capability_file.pk])
    assertContains(response, link(download, "datasheet.pdf"), html=True)
    assertContains(response, SIZE)
    assertNotContains(
        response,
        reverse("companies:attachment_delete", args=[capability.pk, capability_file.pk]),
    )
    assertNotContains(
        response, upload_form(reverse("companies:attachment_upload", args=[capability.pk]))
    )


def test_capability_page_without_files_says_so(client, company_owner, capability):
    client.force_login(company_owner)
    response = client.get(capability.get_absolute_url())

    assertContains(response, "No attachments.")
    assertNotContains(response, 'class="attachment-list"')


def test_capability_page_upload_error_shows_next_to_the_field(client, company_owner, capability):
    client.force_login(company_owner)
    bad = SimpleUploadedFile("notes.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("companies:attachment_upload", args=[capability.pk]), {"file": bad}
    )

    assert response.status_code == 200
    assert not capability.attachments.exists()
    assertContains(response, 'id="id_file_error"')
