"""The new-capability form and the capability's file upload act once per form token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies.models import Capability, CapabilityAttachment
from tests.companies.test_forms import capability_data
from tests.companies.test_permissions import PDF
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

CREATE = reverse("companies:capability_create")


@pytest.mark.django_db
def test_capability_form_sent_twice_makes_one_capability(client, company_member, company_org):
    client.force_login(company_member)
    first, second = post_twice(client, CREATE, capability_data())
    capability = Capability.objects.get()
    assert first["Location"] == capability.get_absolute_url()
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_capability_form_sent_twice_at_once_makes_one_capability(company_member, company_org):
    responses = post_twice_at_once(company_member, CREATE, capability_data())
    capability = Capability.objects.get()
    assert [r.status_code for r in responses] == [302, 302], responses
    assert {r["Location"] for r in responses} == {capability.get_absolute_url()}


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_capability_form_with_a_bad_token_saves_nothing(client, company_member, company_org, bad):
    client.force_login(company_member)
    data = forged(capability_data()) if bad == "forged" else expired(client, capability_data())
    response = client.post(CREATE, data)
    assert_refused_token(response, expired=bad == "expired")
    assert "Fall detection radar" in response.content.decode()
    assert not Capability.objects.exists()


@pytest.mark.django_db
def test_capability_file_sent_twice_is_attached_once(client, company_member, published):
    client.force_login(company_member)
    url = reverse("companies:attachment_upload", args=[published.pk])
    first, second = post_twice(
        client, url, lambda: {"file": SimpleUploadedFile("datasheet.pdf", PDF)}
    )
    assert CapabilityAttachment.objects.count() == 1
    assert_landed_on_the_first(client, first, second)
