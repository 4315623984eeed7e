"""Taxonomy terms on the companies pages and in their emails, in the reader's language."""

import datetime

import pytest
from django.urls import reverse

from companies import certificates
from healthmatch.mail.models import OutboxMessage
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def radar(company_org):
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org),
        title="Fall detection radar",
        published=True,
    )
    capability.technology_types.add(
        f.TechnologyTypeFactory(
            name="Test radar sensors", slug="test-radar", name_da="Test radarsensorer"
        )
    )
    capability.clinical_areas.add(
        f.ClinicalAreaFactory(name="Test geriatrics", slug="test-geri", name_da="Test geriatri")
    )
    return capability


def test_the_directory_shows_filters_and_tags_in_a_danish_readers_language(client, member, radar):
    member.language = "da"
    member.save()
    client.force_login(member)

    html = client.get(reverse("companies:directory")).content.decode()

    assert '<li class="tag"><bdi>Test radarsensorer</bdi></li>' in html
    assert "Test geriatri" in html  # the clinical area filter's checkbox
    assert "Test radar sensors" not in html and "Test geriatrics" not in html


def test_a_capability_page_shows_its_terms_in_a_danish_readers_language(client, member, radar):
    member.language = "da"
    member.save()
    client.force_login(member)

    html = client.get(reverse("companies:capability_detail", args=[radar.pk])).content.decode()

    assert "<bdi>Test radarsensorer</bdi>" in html and "<bdi>Test geriatri</bdi>" in html


def test_a_certificate_reminder_names_the_item_in_the_recipients_language(
    company_owner, company_member, radar
):
    company_owner.language = "da"
    company_owner.save()
    item = f.RegulatoryItemFactory(
        name="Test CE marking",
        slug="test-ce",
        name_da="Test CE-mærkning",
        name_sv="Test CE-märkning",
    )
    today = datetime.date(2027, 3, 1)
    f.CertificationFactory(
        capability=radar, item=item, valid_until=today + datetime.timedelta(days=90)
    )

    assert certificates.send_certificate_reminders(today=today) == 1

    sent = {m.to_email: m for m in OutboxMessage.objects.filter(kind="certificate_expiry")}
    danish, english = sent[company_owner.email], sent[company_member.email]
    assert danish.subject.startswith("Test CE-mærkning")
    for part in (danish.text, danish.html):
        assert "Test CE-mærkning" in part and "Test CE marking" not in part
    for part in (english.subject, english.text, english.html):
        assert "Test CE marking" in part and "Test CE-mærkning" not in part
