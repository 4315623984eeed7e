"""The attachments kit's verbs: checking an upload, storing it, the per-item limit, deleting."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from healthmatch.attachments import services as attachments
from needs.models import NeedAttachment
from tests import factories as f

PDF = b"%PDF-1.4\n%%EOF\n"


def upload(name, content=PDF):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("plan.exe", b"MZ", "file_type"),
        ("plan", PDF, "file_type"),
        ("plan.pdf", b"", "file_empty"),
        ("plan.pdf", b"<html>", "file_content"),
        ("notes.txt", b"a\x00b", "file_content"),
    ],
)
def test_validate_attachment_refuses(name, content, code):
    with pytest.raises(ValidationError) as caught:
        attachments.validate_attachment(upload(name, content))
    assert caught.value.code == code


def test_validate_attachment_refuses_a_file_over_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        attachments.validate_attachment(upload("plan.pdf"))
    assert caught.value.code == "file_size"
    assert caught.value.messages == ["The file is 15\xa0bytes; the limit is 10\xa0bytes."]


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("plan.PDF", "application/pdf"), ("notes.txt", "text/plain"), ("x.csv", "text/csv")],
)
def test_validate_attachment_returns_the_content_type(name, content_type):
    content = PDF if name.lower().endswith(".pdf") else b"a;b\n"
    assert attachments.validate_attachment(upload(name, content)) == content_type


def test_safe_filename_drops_folders_and_control_characters_and_keeps_the_extension():
    assert attachments.safe_filename("C:\\Users\\x\\ward\x07 plan.pdf") == "ward plan.pdf"
    assert attachments.safe_filename("\x00\x01") == "file"
    long = attachments.safe_filename("a" * 300 + ".pdf")
    assert len(long) == 100 and long.endswith(".pdf")


@pytest.mark.django_db
def test_add_attachment_stores_the_file_on_its_owner(buyer_org, owner):
    need = f.NeedFactory(organisation=buyer_org)

    attachment = attachments.add_attachment(
        need, model=NeedAttachment, upload=upload("../ward plan.pdf"), actor=owner, too_many=str
    )

    attachment.refresh_from_db()
    assert (attachment.need, attachment.uploaded_by) == (need, owner)
    assert (attachment.original_name, attachment.size) == ("ward plan.pdf", len(PDF))
    assert attachment.file.name.startswith(f"needs/{need.pk}/")
    assert attachment.file.name.endswith("-ward_plan.pdf")
    assert attachment.file.read() == PDF


@pytest.mark.django_db
def test_add_attachment_refuses_one_over_the_limit_in_the_owners_words(buyer_org, owner, settings):
    settings.ATTACHMENTS_PER_ITEM = 1
    need = f.NeedFactory(organisation=buyer_org)
    attachments.add_attachment(
        need, model=NeedAttachment, upload=upload("a.pdf"), actor=owner, too_many=str
    )

    with pytest.raises(ValidationError) as caught:
        attachments.add_attachment(
            need,
            model=NeedAttachment,
            upload=upload("b.pdf"),
            actor=owner,
            too_many=lambda n: f"At most {n} file.",
        )

    assert caught.value.code == "too_many"
    assert caught.value.messages == ["At most 1 file."]
    assert list(need.attachments.values_list("original_name", flat=True)) == ["a.pdf"]


@pytest.mark.django_db
def test_delete_attachment_deletes_the_row_now_and_the_file_after_commit(
    buyer_org, owner, django_capture_on_commit_callbacks
):
    need = f.NeedFactory(organisation=buyer_org)
    attachment = attachments.add_attachment(
        need, model=NeedAttachment, upload=upload("a.pdf"), actor=owner, too_many=str
    )
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks() as callbacks:
        attachments.delete_attachment(attachment)
        assert not need.attachments.exists()
        assert storage.exists(name)
    for callback in callbacks:
        callback()

    assert not storage.exists(name)
