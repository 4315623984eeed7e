"""Needs in every state, owned by the shared ``buyer_org`` fixture."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from needs.models import NeedAttachment
from tests import factories as f

SECRET_WORD = "quokkavelociraptor"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def draft_need(buyer_org, owner):
    return f.NeedFactory(organisation=buyer_org, created_by=owner, title="Fewer falls at night")


@pytest.fixture
def submitted_need(buyer_org):
    return f.NeedFactory(organisation=buyer_org, submitted=True, title="Medication reminders")


@pytest.fixture
def published_need(buyer_org):
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Remote monitoring of heart failure",
        summary="Follow heart-failure patients at home between visits.",
        description="Readmissions within 30 days are high; nurses phone patients by hand.",
    )


@pytest.fixture
def confidential_need(buyer_org):
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        is_confidential=True,
        title="Sterile supply logistics",
        summary="Public teaser about instrument logistics.",
        description=f"Confidential details mentioning {SECRET_WORD} and our tender plans.",
        success_criteria=f"Success means {SECRET_WORD} is solved.",
    )


def pdf_upload(name="plan.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def attachment_on(settings):
    """Builds a stored attachment on a need without going through the permission checks."""

    def build(need, name="plan.pdf", content=PDF_BYTES):
        att = NeedAttachment(
            need=need,
            original_name=name,
            content_type="application/pdf",
            size=len(content),
        )
        att.file.save(name, pdf_upload(name, content), save=False)
        att.save()
        return att

    return build


def in_days(n):
    return timezone.localdate() + datetime.timedelta(days=n)
