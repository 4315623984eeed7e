"""The attachments kit's three views, as each owner kind uses them: a need's, a capability's
and a bid's files. For each: the owner and a member of the same organisation change and read
them, an outsider gets a 404 everywhere; uploads are checked, downloads never cached."""

from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies import services as capability_services
from matching.bids import services as bid_services
from needs import services as need_services
from needs.models import NeedDetailView
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"%" * 2000 + b"\n%%EOF\n"


def pdf(name="ward-plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def need_kind(buyer_org, owner, member, outsider):
    need = f.NeedFactory(organisation=buyer_org, created_by=owner, title="Fewer falls at night")
    return SimpleNamespace(
        name="need",
        item=need,
        namespace="needs",
        owner=owner,
        member=member,
        outsider=outsider,
        add=lambda upload: need_services.add_attachment(need, upload=upload, actor=owner),
        attached="The file is attached.",
        deleted="The file is removed.",
        too_many="A need can have at most 0 attachments. Remove one first.",
    )


@pytest.fixture
def capability_kind(company_org, company_owner, company_member, outsider):
    profile = f.CompanyProfileFactory(organisation=company_org)
    capability = f.CapabilityFactory(company=profile, title="Fall detection radar")
    return SimpleNamespace(
        name="capability",
        item=capability,
        namespace="companies",
        owner=company_owner,
        member=company_member,
        outsider=outsider,
        add=lambda upload: capability_services.add_attachment(
            capability, actor=company_owner, upload=upload
        ),
        attached="ward-plan.pdf is attached.",
        deleted="ward-plan.pdf is deleted.",
        too_many="A capability can have at most 0 attachments. Delete one first.",
    )


@pytest.fixture
def bid_kind(buyer_org, company_org, company_owner, company_member, outsider):
    need = f.NeedFactory(organisation=buyer_org, published=True, title="Fewer falls at night")
    bid = bid_services.create_bid(
        need=need,
        company=company_org,
        author=company_owner,
        data={"summary": "Radar sensors warn the night nurse.", "solution": "Radar units."},
    )
    return SimpleNamespace(
        name="bid",
        item=bid,
        namespace="bids",
        owner=company_owner,
        member=company_member,
        outsider=outsider,
        add=lambda upload: bid_services.add_attachment(bid, upload=upload, actor=company_owner),
        attached="The file is attached.",
        deleted="The file is removed.",
        too_many="A bid can have at most 0 attachments. Remove one first.",
    )


@pytest.fixture(params=["need_kind", "capability_kind", "bid_kind"])
def kind(request):
    return request.getfixturevalue(request.param)


def url(kind, view, *args):
    return reverse(f"{kind.namespace}:attachment_{view}", args=[kind.item.pk, *args])


def flashes(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Upload ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_upload_by_owner_or_member_attaches_the_file(client, kind, who):
    user = getattr(kind, who)
    client.force_login(user)

    response = client.post(url(kind, "upload"), once(client, {"file": pdf()}))

    assert response.status_code == 302
    assert response.url == kind.item.get_absolute_url()
    attachment = kind.item.attachments.get()
    assert (attachment.original_name, attachment.size) == ("ward-plan.pdf", len(PDF))
    assert attachment.content_type == "application/pdf"
    assert attachment.uploaded_by == user
    assert attachment.file.read() == PDF
    assert flashes(response) == [kind.attached]


def test_upload_over_the_size_limit_is_refused_with_a_form_error(client, kind, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    client.force_login(kind.owner)

    response = client.post(url(kind, "upload"), once(client, {"file": pdf()}))

    assert response.status_code == 200
    errors = response.context["attachment_form"].errors["file"]
    # The upload handler stopped reading the file at the limit: no file reached the form.
    assert errors == ["The file is larger than the limit of 1000\xa0bytes."]
    assert "larger than the limit of 1000\xa0bytes" in response.content.decode()
    assert not kind.item.attachments.exists()


def test_upload_of_a_disguised_file_is_refused_with_a_form_error(client, kind):
    client.force_login(kind.owner)

    response = client.post(
        url(kind, "upload"), once(client, {"file": pdf(content=b"MZ\x90\x00 not a pdf")})
    )

    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"] == [
        "The file's content does not match its “.pdf” extension."
    ]
    assert not kind.item.attachments.exists()


def test_upload_over_the_count_limit_is_refused(client, kind, settings):
    settings.ATTACHMENTS_PER_ITEM = 0
    client.force_login(kind.owner)

    response = client.post(url(kind, "upload"), once(client, {"file": pdf()}))

    assert not kind.item.attachments.exists()
    if kind.name == "capability":  # the capability page shows it under the file field
        assert response.status_code == 200
        assert response.context["attachment_form"].errors["file"] == [kind.too_many]
    else:  # needs and bids: a message above the page
        assert response.status_code == 302
        assert flashes(response) == [kind.too_many]


def test_upload_needs_a_post_and_a_login(client, kind):
    response = client.post(url(kind, "upload"), once(client, {"file": pdf()}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    client.force_login(kind.owner)
    assert client.get(url(kind, "upload")).status_code == 405


# --- Download -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_download_by_owner_or_member_streams_the_file_privately(client, kind, who):
    attachment = kind.add(pdf())
    client.force_login(getattr(kind, who))

    response = client.get(url(kind, "download", attachment.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ward-plan.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_polyglot_is_accepted_as_its_type_and_can_never_run_as_a_page(client, kind):
    """A PDF head with HTML after it passes the type check (sniffing deeper cannot prove a file
    harmless); its download is served so that no browser renders or runs it."""
    polyglot = PDF + b"<html><script>alert(document.cookie)</script></html>"
    attachment = kind.add(pdf(content=polyglot))
    client.force_login(kind.owner)

    response = client.get(url(kind, "download", attachment.pk))

    assert b"".join(response.streaming_content) == polyglot
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_download_of_a_file_gone_from_storage_is_404(client, kind):
    attachment = kind.add(pdf())
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(kind.owner)

    assert client.get(url(kind, "download", attachment.pk)).status_code == 404


def test_download_of_another_owners_attachment_is_404(client, kind):
    attachment = kind.add(pdf())
    client.force_login(kind.owner)
    other_pk = kind.item.pk + 1000

    response = client.get(
        reverse(f"{kind.namespace}:attachment_download", args=[other_pk, attachment.pk])
    )

    assert response.status_code == 404


def test_download_of_a_confidential_need_is_audited(client, buyer_org, owner, member):
    need = f.NeedFactory(organisation=buyer_org, created_by=owner, is_confidential=True)
    attachment = need_services.add_attachment(need, upload=pdf(), actor=owner)
    client.force_login(member)

    response = client.get(reverse("needs:attachment_download", args=[need.pk, attachment.pk]))

    assert response.status_code == 200
    assert list(NeedDetailView.objects.values_list("need", "user")) == [(need.pk, member.pk)]


def test_anonymous_download(client, kind):
    attachment = kind.add(pdf())

    response = client.get(url(kind, "download", attachment.pk))

    if kind.name == "need":  # the need's access rule answers visitors too: not for them
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


# --- Delete ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_delete_removes_the_row_and_then_the_file(
    client, kind, who, django_capture_on_commit_callbacks
):
    attachment = kind.add(pdf())
    storage, name = attachment.file.storage, attachment.file.name
    client.force_login(getattr(kind, who))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(kind, "delete", attachment.pk))

    assert response.status_code == 302
    assert response.url == kind.item.get_absolute_url()
    assert not kind.item.attachments.exists()
    assert not storage.exists(name)
    assert flashes(response) == [kind.deleted]


def test_delete_needs_a_post(client, kind):
    attachment = kind.add(pdf())
    client.force_login(kind.owner)

    assert client.get(url(kind, "delete", attachment.pk)).status_code == 405
    assert kind.item.attachments.exists()


# --- Outsiders ------------------------------------------------------------------------------


def test_outsider_gets_404_for_upload_download_and_delete(client, kind):
    attachment = kind.add(pdf())
    client.force_login(kind.outsider)

    assert (
        client.post(url(kind, "upload"), once(client, {"file": pdf("other.pdf")})).status_code
        == 404
    )
    assert client.get(url(kind, "download", attachment.pk)).status_code == 404
    assert client.post(url(kind, "delete", attachment.pk)).status_code == 404
    assert list(kind.item.attachments.values_list("original_name", flat=True)) == ["ward-plan.pdf"]
    assert attachment.file.storage.exists(attachment.file.name)
