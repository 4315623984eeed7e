"""Bad input: over-long values, NUL bytes, markup, past deadlines, wrong or oversized files.
Every case re-renders the form with the error next to the field and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from healthmatch.attachments.forms import AttachmentForm
from needs import services
from needs.forms import NeedForm
from needs.models import Need, NeedAttachment
from tests import factories as f
from tests.needs.conftest import in_days, pdf_upload
from tests.once import once

pytestmark = pytest.mark.django_db

CREATE = reverse("needs:create")


def valid_post(**overrides):
    data = {
        "title": "Safer medication at home",
        "summary": "Citizens mix up their pills.",
        "description": "Home care staff find wrong doses every week.",
        "budget_band": "unknown",
        "route": "pilot",
        "language": "en",
        "response_deadline": in_days(14).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def test_need_form_valid_data(buyer_org):
    form = NeedForm(valid_post(), organisations=[buyer_org])
    assert form.is_valid(), form.errors
    assert form.get_organisation() == buyer_org


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "x" * 201),
        ("summary", "x" * 501),
        ("scale", "x" * 301),
        ("description", "x" * 20001),
    ],
)
def test_over_long_values_are_rejected(owner_client, field, value):
    response = owner_client.post(CREATE, once(owner_client, valid_post(**{field: value})))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Ensure this value has at most" in response.content.decode()
    assert not Need.objects.exists()


def test_form_error_keeps_posted_values(owner_client):
    response = owner_client.post(
        CREATE, once(owner_client, valid_post(title="", summary="My careful summary"))
    )
    html = response.content.decode()
    assert "This field is required." in html
    assert "My careful summary" in html
    assert 'class="field has-error required field-text"' in html


def test_nul_byte_is_rejected(owner_client):
    """The site-wide request guard answers first: a 400 naming the field, nothing written."""
    response = owner_client.post(CREATE, once(owner_client, valid_post(title="Bad\x00title")))
    assert response.status_code == 400
    assert "field “title” contains a NUL character" in response.content.decode()
    assert not Need.objects.exists()


def test_past_deadline_is_rejected(owner_client):
    response = owner_client.post(
        CREATE, once(owner_client, valid_post(response_deadline=in_days(-1).isoformat()))
    )
    assert response.context["form"].errors["response_deadline"] == [
        "The deadline cannot be in the past."
    ]
    assert not Need.objects.exists()


def test_today_deadline_and_no_deadline_are_fine(buyer_org):
    for deadline in (in_days(0).isoformat(), ""):
        form = NeedForm(valid_post(response_deadline=deadline), organisations=[buyer_org])
        assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [("budget_band", "infinite"), ("route", "bribe"), ("language", "xx"), ("min_trl", "12")],
)
def test_invalid_choices_are_rejected(owner_client, field, value):
    response = owner_client.post(CREATE, once(owner_client, valid_post(**{field: value})))
    assert field in response.context["form"].errors
    assert not Need.objects.exists()


def test_inactive_taxonomy_term_cannot_be_chosen(owner_client):
    retired = f.TechnologyTypeFactory(is_active=False)
    response = owner_client.post(
        CREATE, once(owner_client, valid_post(technology_types=[retired.pk]))
    )
    assert "technology_types" in response.context["form"].errors


def test_edit_keeps_retired_term_already_on_need(draft_need, buyer_org):
    retired = f.TechnologyTypeFactory(is_active=False)
    draft_need.technology_types.add(retired)
    form = NeedForm(instance=draft_need, organisations=[buyer_org])
    assert retired in form.fields["technology_types"].queryset


def test_script_in_description_is_rendered_escaped(owner_client, owner):
    payload = "<script>alert('x')</script> & <b>bold</b>"
    owner_client.post(
        CREATE, once(owner_client, valid_post(description=payload, title="<i>Title</i>"))
    )
    need = Need.objects.get()
    assert need.description == payload  # kept as typed: plain text
    html = owner_client.get(need.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;i&gt;Title&lt;/i&gt;" in html
    assert "<i>Title</i>" not in html


def test_script_in_title_is_escaped_in_list(client, buyer_org):
    f.NeedFactory(organisation=buyer_org, published=True, title="<script>x()</script>")
    html = client.get(reverse("needs:list")).content.decode()
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


# --- Attachments ---------------------------------------------------------------------------


def upload(client, need, file):
    return client.post(
        reverse("needs:attachment_upload", args=[need.pk]), once(client, {"file": file})
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00binary", "are not accepted"),
        ("report.pdf", b"just some text pretending", "does not match"),
        ("notes.txt", b"text\x00with nul", "does not look like plain text"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_attachment_is_rejected(owner_client, draft_need, name, content, message):
    response = upload(owner_client, draft_need, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"]
    assert message in response.content.decode()
    assert not NeedAttachment.objects.exists()


def test_oversized_attachment_is_rejected(owner_client, draft_need, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    response = upload(owner_client, draft_need, pdf_upload(content=b"%PDF-" + b"0" * 200))
    # The upload handler stops reading at the limit (healthmatch/attachments/uploads.py).
    assert "larger than the limit of 100\xa0bytes" in response.content.decode()
    assert not NeedAttachment.objects.exists()


def test_attachment_without_file_is_rejected(owner_client, draft_need):
    response = owner_client.post(
        reverse("needs:attachment_upload", args=[draft_need.pk]), once(owner_client)
    )
    assert "This field is required." in response.content.decode()


def test_attachment_form_accepts_pdf():
    form = AttachmentForm(files={"file": pdf_upload()})
    assert form.is_valid()
    assert form.content_type == "application/pdf"


def test_attachment_name_with_path_is_cleaned(draft_need, owner):
    att = services.add_attachment(
        draft_need, upload=pdf_upload(name="../../etc/pass wd.pdf"), actor=owner
    )
    assert att.original_name == "pass wd.pdf"
    assert ".." not in att.file.name
    assert att.file.name.startswith(f"needs/{draft_need.pk}/")


def test_attachment_limit_through_the_page(owner_client, draft_need, settings):
    settings.ATTACHMENTS_PER_ITEM = 1
    upload(owner_client, draft_need, pdf_upload("one.pdf"))
    response = upload(owner_client, draft_need, pdf_upload("two.pdf"))
    page = owner_client.get(response["Location"]).content.decode()
    assert "at most 1 attachment. Remove it first." in page
    assert NeedAttachment.objects.count() == 1
