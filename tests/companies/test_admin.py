"""Company profiles and capabilities in the coordination admin."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from companies.models import Capability
from tests import factories as f

pytestmark = pytest.mark.django_db

CAPABILITIES = "admin:companies_capability_changelist"


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publish_capabilities_action(coordinator_client, company_org):
    draft = f.CapabilityFactory(company__organisation=company_org)
    already = f.CapabilityFactory(company__organisation=company_org, published=True)
    response = coordinator_client.post(
        reverse(CAPABILITIES),
        {"action": "publish_selected", "_selected_action": [draft.pk, already.pk], "index": "0"},
    )
    assert "1 capability published." in texts(response)
    assert "1 capability was already published." in texts(response)
    draft.refresh_from_db()
    assert draft.status == Capability.Status.PUBLISHED
    assert draft.published_at is not None


def test_publish_capability_of_unverified_company_reports_why(coordinator_client, hub):
    org = f.OrganisationFactory(name="Fresh Start ApS", company=True, hub=hub, unverified=True)
    capability = f.CapabilityFactory(company__organisation=org, title="Fresh idea")
    response = coordinator_client.post(
        reverse(CAPABILITIES),
        {"action": "publish_selected", "_selected_action": [capability.pk], "index": "0"},
    )
    assert any(
        m.startswith("“Fresh idea” was not published: Fresh Start ApS is not verified yet")
        for m in texts(response)
    )
    capability.refresh_from_db()
    assert capability.status == Capability.Status.DRAFT


def test_archive_capabilities_action(coordinator_client, company_org):
    capability = f.CapabilityFactory(company__organisation=company_org, published=True)
    response = coordinator_client.post(
        reverse(CAPABILITIES),
        {"action": "archive_selected", "_selected_action": [capability.pk], "index": "0"},
    )
    assert "1 capability archived." in texts(response)
    capability.refresh_from_db()
    assert capability.status == Capability.Status.ARCHIVED


def test_capability_filters_by_status_and_sme(coordinator_client, company_org, hub):
    published = f.CapabilityFactory(company__organisation=company_org, published=True)
    f.CapabilityFactory(company__organisation=company_org)
    big = f.CompanyProfileFactory(
        organisation=f.OrganisationFactory(company=True, hub=hub), is_sme=False
    )
    f.CapabilityFactory(company=big, published=True)
    response = coordinator_client.get(
        reverse(CAPABILITIES), {"status__exact": "published", "company__is_sme__exact": "1"}
    )
    assert list(response.context["cl"].result_list) == [published]


def test_capability_page_shows_certifications_and_references(coordinator_client, company_org):
    capability = f.CapabilityFactory(company__organisation=company_org)
    certification = f.CertificationFactory(capability=capability, reference="NB 0123")
    f.CapabilityReferenceFactory(capability=capability, customer="Aalborg Hospital")
    response = coordinator_client.get(
        reverse("admin:companies_capability_change", args=[capability.pk])
    )
    page = response.content.decode()
    assert certification.reference in page
    assert "Aalborg Hospital" in page
    assert "status" not in response.context["adminform"].form.fields


def test_company_profile_page_shows_contacts(coordinator_client, company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    contact = f.ContactPersonFactory(company=profile, email="sales@caresense.example")
    response = coordinator_client.get(
        reverse("admin:companies_companyprofile_change", args=[profile.pk])
    )
    assert contact.email in response.content.decode()


def test_company_profile_of_another_hub_is_not_found(coordinator_client, foreign_company):
    profile = f.CompanyProfileFactory(organisation=foreign_company)
    response = coordinator_client.get(
        reverse("admin:companies_companyprofile_change", args=[profile.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_company_profile_verified_filter(coordinator_client, company_org, hub):
    verified = f.CompanyProfileFactory(organisation=company_org)
    unverified = f.CompanyProfileFactory(
        organisation=f.OrganisationFactory(company=True, hub=hub, unverified=True)
    )
    response = coordinator_client.get(
        reverse("admin:companies_companyprofile_changelist"), {"verified": "no"}
    )
    assert list(response.context["cl"].result_list) == [unverified]
    assert verified not in response.context["cl"].result_list
