"""The need form and the invitation buttons act once per form token: a repeated sending
(one after the other or at the same moment) lands on what the first one did; a forged or
expired token changes nothing and says so on the form."""

import pytest
from django.urls import reverse

from needs.models import Need, NeedAttachment, NeedInvitation
from tests.needs.conftest import in_days, pdf_upload
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    once,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

CREATE = reverse("needs:create")
NEED = {
    "title": "Safer medication at home",
    "summary": "Citizens mix up their pills.",
    "description": "Home care staff find wrong doses every week.",
    "budget_band": "unknown",
    "route": "pilot",
    "language": "en",
}


def need_data():
    return {**NEED, "response_deadline": in_days(14).isoformat()}


@pytest.mark.django_db
def test_need_form_sent_twice_makes_one_need(client, owner):
    client.force_login(owner)
    first, second = post_twice(client, CREATE, need_data())
    need = Need.objects.get()
    assert first["Location"] == need.get_absolute_url()
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_need_form_sent_twice_at_once_makes_one_need(owner):
    responses = post_twice_at_once(owner, CREATE, need_data())
    need = Need.objects.get()
    assert [r.status_code for r in responses] == [302, 302], responses
    assert {r["Location"] for r in responses} == {need.get_absolute_url()}


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["forged", "expired", "missing"])
def test_need_form_with_a_bad_token_is_shown_again_with_the_input(client, owner, token):
    client.force_login(owner)
    data = {"forged": forged, "expired": lambda d: expired(client, d), "missing": dict}[token]
    response = client.post(CREATE, data(need_data()))
    assert_refused_token(response, expired=token == "expired")
    assert "Safer medication at home" in response.content.decode()  # the input is kept
    assert not Need.objects.exists()
    # the page carries a fresh token: sending it again saves the need
    fresh = response.content.decode().split('name="once_token" value="')[1].split('"')[0]
    assert client.post(CREATE, {**need_data(), "once_token": fresh}).status_code == 302
    assert Need.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_need_keeps_its_token_for_the_corrected_form(client, owner):
    client.force_login(owner)
    token = once(client)
    response = client.post(CREATE, {**need_data(), "title": "", **token})
    assert response.status_code == 200
    assert client.post(CREATE, {**need_data(), **token}).status_code == 302
    assert Need.objects.count() == 1


@pytest.mark.django_db
def test_invitation_sent_twice_invites_once_and_lands_on_the_list(
    client, owner, confidential_need, company_org
):
    client.force_login(owner)
    url = reverse("needs:invitations", args=[confidential_need.pk])
    first, second = post_twice(client, url, {"action": "invite", "organisation": company_org.pk})
    assert NeedInvitation.objects.filter(need=confidential_need).count() == 1
    assert confidential_need.status_changes.filter(comment__contains="Invited").count() == 1
    assert_landed_on_the_first(client, first, second)


@pytest.mark.django_db
def test_invitation_with_a_forged_token_invites_nobody(
    client, owner, confidential_need, company_org
):
    client.force_login(owner)
    url = reverse("needs:invitations", args=[confidential_need.pk])
    response = client.post(
        url, forged({"action": "invite", "organisation": company_org.pk}), follow=True
    )
    assert "could not be checked" in response.content.decode()
    assert not NeedInvitation.objects.exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_invitation_sent_twice_at_once_invites_once(owner, confidential_need, company_org):
    url = reverse("needs:invitations", args=[confidential_need.pk])
    data = {"action": "invite", "organisation": company_org.pk}
    responses = post_twice_at_once(owner, url, data)
    assert [r.status_code for r in responses] == [302, 302], responses
    assert NeedInvitation.objects.count() == 1
    assert confidential_need.status_changes.filter(comment__contains="Invited").count() == 1


@pytest.mark.django_db
def test_attachment_sent_twice_is_attached_once(client, owner, draft_need):
    client.force_login(owner)
    url = reverse("needs:attachment_upload", args=[draft_need.pk])
    first, second = post_twice(client, url, lambda: {"file": pdf_upload()})
    assert NeedAttachment.objects.count() == 1
    assert_landed_on_the_first(client, first, second)
