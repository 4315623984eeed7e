"""Invitations to claim an organisation: a coordinator invites a company's contact address
(most listed companies have no member accounts); the email leaves through the outbox with a
single-use, expiring link; the person who signs in (or signs up, confirming the address) with
that address and accepts becomes the organisation's administrator. Anyone else gets 404; a used
or expired link gets a page that says so."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from healthmatch.accounts import invitations
from healthmatch.accounts.models import Membership, OrganisationInvitation
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import suppress
from tests import factories as f
from tests.once import once, post_twice

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase"
INVITEE = "sigrid@quiet.example"


@pytest.fixture
def unclaimed(hub):
    """A listed company nobody has signed up for, with its contact person."""
    org = f.OrganisationFactory(name="Quiet Sensors ApS", company=True, hub=hub)
    profile = f.CompanyProfileFactory(organisation=org)
    f.ContactPersonFactory(company=profile, name="Sigrid Sales", email=INVITEE)
    return org


def _link(row) -> str:
    found = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", row.text)
    assert found, row.text
    return found.group(1)


def _invite(org, coordinator, email=INVITEE):
    invitation, row = invitations.invite_to_claim(org, email=email, name="Sigrid", by=coordinator)
    return invitation, _link(row)


def _invite_url(org):
    return reverse("admin:accounts_organisation_invite", args=[org.pk])


# --- Inviting ---------------------------------------------------------------------------------


def test_coordinator_invites_the_contact_from_the_company_profile(client, unclaimed, coordinator):
    client.force_login(coordinator)
    profile_page = client.get(
        reverse("admin:companies_companyprofile_change", args=[unclaimed.company_profile.pk])
    ).content.decode()
    assert f"{_invite_url(unclaimed)}?email=sigrid%40quiet.example&amp;name=Sigrid+Sales" in (
        profile_page
    )
    form = client.get(_invite_url(unclaimed) + "?email=sigrid%40quiet.example&name=Sigrid+Sales")
    assert f'value="{INVITEE}"' in form.content.decode()

    response = client.post(
        _invite_url(unclaimed),
        once(client, {"email": INVITEE, "name": "Sigrid Sales"}),
        follow=True,
    )

    invitation = OrganisationInvitation.objects.get()
    assert (invitation.organisation, invitation.email, invitation.invited_by) == (
        unclaimed,
        INVITEE,
        coordinator,
    )
    assert invitation.expires_at.date() == (timezone.now() + timedelta(days=14)).date()
    row = OutboxMessage.objects.get(kind="organisation_claim")
    assert row.to_email == INVITEE and row.state == OutboxMessage.State.QUEUED
    html = response.content.decode()
    assert f"An invitation to claim Quiet Sensors ApS is in the outbox for {INVITEE}" in html
    assert "invitations to claim it" in html.lower() and "open until" in html


def test_the_invitation_email_has_both_parts_with_the_single_use_link(unclaimed, coordinator):
    invitation, link = _invite(unclaimed, coordinator)
    row = OutboxMessage.objects.get(kind="organisation_claim")
    assert row.subject == "Claim Quiet Sensors ApS on HealthMatch"
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash  # only the hash is stored
    date = f"{invitation.expires_at.day} {invitation.expires_at:%B %Y}"
    for text in (row.text, row.html):
        assert "Hello Sigrid," in text
        assert "Carla Coordinator, coordinator at Welfare Tech, invites you to claim" in text
        assert "Quiet Sensors ApS" in text
        assert f"http://127.0.0.1:8000{link}" in text
        assert f"({INVITEE}). The link works once, until {date}." in text
    assert f'<a href="http://127.0.0.1:8000{link}">Accept the invitation</a>' in row.html
    assert "&lt;" not in row.text and "<p>" not in row.text


def test_only_the_hubs_coordinators_can_invite(
    client, unclaimed, other_coordinator, company_owner, company_member, outsider
):
    for person in (company_owner, company_member, outsider):
        with pytest.raises(invitations.PermissionDenied):
            invitations.invite_to_claim(unclaimed, email=INVITEE, by=person)
    client.force_login(other_coordinator)
    assert client.get(_invite_url(unclaimed)).status_code == 404
    assert client.post(_invite_url(unclaimed), {"email": INVITEE}).status_code == 404
    client.force_login(company_owner)  # no staff: the admin sends them to its login
    assert client.get(_invite_url(unclaimed)).status_code == 302
    assert not OrganisationInvitation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_suppressed_address_is_refused_next_to_the_field(client, unclaimed, coordinator):
    suppress(INVITEE, reason="bounced")
    client.force_login(coordinator)
    response = client.post(_invite_url(unclaimed), once(client, {"email": INVITEE}))
    assert response.status_code == 200
    assert "on the suppression list" in response.content.decode()
    assert not OrganisationInvitation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_double_click_on_invite_sends_one_invitation(client, unclaimed, coordinator):
    client.force_login(coordinator)
    first, second = post_twice(client, _invite_url(unclaimed), {"email": INVITEE, "name": "Sigrid"})
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert OrganisationInvitation.objects.count() == 1
    assert OutboxMessage.objects.filter(to_email=INVITEE).count() == 1


def test_a_new_invitation_closes_the_earlier_one(client, unclaimed, coordinator):
    first, old_link = _invite(unclaimed, coordinator)
    _second, new_link = _invite(unclaimed, coordinator)
    first.refresh_from_db()
    assert first.is_expired
    assert client.get(old_link).status_code == 410
    assert client.get(new_link).status_code == 200


# --- Accepting --------------------------------------------------------------------------------


def test_the_invitee_signs_in_accepts_and_becomes_the_administrator(client, unclaimed, coordinator):
    _invitation, link = _invite(unclaimed, coordinator)
    page = client.get(link).content.decode()
    assert "Claim Quiet Sensors ApS" in page
    assert f"Sign in with {INVITEE}" in page
    assert f"{reverse('account_login')}?next={link}" in page

    invitee = f.UserFactory(email=INVITEE, name="Sigrid Sales")
    client.force_login(invitee)
    page = client.get(link).content.decode()
    assert "Join <bdi>Quiet Sensors ApS</bdi> as its administrator" in page
    response = client.post(link, follow=True)

    assert response.redirect_chain[-1][0] == reverse("organisation_members", args=[unclaimed.slug])
    html = response.content.decode()
    assert "You are now an administrator of <bdi>Quiet Sensors ApS</bdi>." in html
    membership = Membership.objects.get(user=invitee, organisation=unclaimed)
    assert (membership.role, membership.status, membership.decided_by) == (
        Membership.Role.ADMIN,
        Membership.Status.ACTIVE,
        coordinator,
    )

    again = client.post(link)
    assert again.status_code == 410
    assert "was already used" in again.content.decode()
    assert Membership.objects.filter(organisation=unclaimed).count() == 1


def test_a_new_person_signs_up_confirms_the_address_and_claims(
    client, unclaimed, coordinator, django_capture_on_commit_callbacks
):
    _invitation, link = _invite(unclaimed, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('account_signup')}?next={link}",
            {
                "email": INVITEE,
                "name": "Sigrid Sales",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert client.get(link).status_code == 200  # not signed in before confirming
    assert "_auth_user_id" not in client.session
    confirm = re.search(r"(/accounts/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    response = client.post(confirm, follow=True)
    assert response.redirect_chain[-1][0] == link  # straight back to the invitation

    client.post(link)
    assert Membership.objects.get(organisation=unclaimed).user.email == INVITEE


def test_anyone_but_the_invitee_gets_404(
    client, unclaimed, coordinator, company_owner, company_member, outsider
):
    """The organisation's own member (signed in with another address), a member elsewhere and
    an outsider: none of them can use a link meant for the contact address."""
    _invitation, link = _invite(unclaimed, coordinator)
    f.MembershipFactory(user=company_member, organisation=unclaimed)
    for person in (company_owner, company_member, outsider, coordinator):
        browser = Client()
        browser.force_login(person)
        assert browser.get(link).status_code == 404
        assert browser.post(link).status_code == 404
    assert not Membership.objects.filter(organisation=unclaimed, role="admin").exists()


def test_an_unverified_address_is_not_enough(client, unclaimed, coordinator):
    _invitation, link = _invite(unclaimed, coordinator)
    person = f.UserFactory(email="other@quiet.example")
    person.emailaddress_set.create(email=INVITEE, verified=False)
    client.force_login(person)
    assert client.post(link).status_code == 404
    assert not Membership.objects.filter(organisation=unclaimed).exists()


def test_a_pending_request_is_raised_to_administrator(client, unclaimed, coordinator):
    invitee = f.UserFactory(email=INVITEE)
    f.MembershipFactory(user=invitee, organisation=unclaimed, status=Membership.Status.PENDING)
    _invitation, link = _invite(unclaimed, coordinator)
    client.force_login(invitee)
    client.post(link)
    membership = Membership.objects.get(user=invitee, organisation=unclaimed)
    assert (membership.role, membership.status) == ("admin", "active")


def test_an_expired_link_gets_a_clear_page(client, unclaimed, coordinator):
    invitation, link = _invite(unclaimed, coordinator)
    OrganisationInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(f.UserFactory(email=INVITEE))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        html = response.content.decode()
        assert "This invitation no longer works" in html
        assert "expired on" in html and "Ask a coordinator at <bdi>Welfare Tech</bdi>" in html
    assert not Membership.objects.filter(organisation=unclaimed).exists()


def test_an_unknown_link_is_not_found(client):
    assert client.get("/invitations/not-a-real-token/").status_code == 404
