"""Organisations and memberships in the coordination admin: filters, search, verification and
membership decisions, all through the services."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from healthmatch.accounts.models import Membership, Organisation
from tests import factories as f

pytestmark = pytest.mark.django_db

ORGS = "admin:accounts_organisation_changelist"
MEMBERSHIPS = "admin:accounts_membership_changelist"


def rows(response):
    return list(response.context["cl"].result_list)


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_verified_filter_no_lists_unverified_organisations(coordinator_client, hub, buyer_org):
    new = f.OrganisationFactory(
        name="Aabenraa Kommune", kind="municipality", hub=hub, unverified=True
    )
    response = coordinator_client.get(reverse(ORGS), {"verified": "no"})
    assert rows(response) == [new]
    response = coordinator_client.get(reverse(ORGS), {"verified": "yes"})
    assert rows(response) == [buyer_org]


def test_organisation_search_finds_members_email(coordinator_client, buyer_org, company_org, owner):
    f.MembershipFactory(organisation=buyer_org)  # a second member: still one row
    response = coordinator_client.get(reverse(ORGS), {"q": owner.email})
    assert rows(response) == [buyer_org]


def test_verify_action_sets_verified_and_emails_members(
    coordinator_client, coordinator, hub, django_capture_on_commit_callbacks
):
    org = f.OrganisationFactory(name="Vejle Kommune", kind="municipality", hub=hub, unverified=True)
    person = f.UserFactory(email="anna@vejle.example")
    f.MembershipFactory(user=person, organisation=org, role=Membership.Role.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse(ORGS),
            {"action": "verify_selected", "_selected_action": [org.pk], "index": "0"},
        )
    assert response.status_code == 302
    assert "1 organisation verified. 1 member is told by email." in texts(response)
    org.refresh_from_db()
    assert org.verified_at is not None
    assert org.verified_by == coordinator
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Vejle Kommune is verified on HealthMatch"
    assert "has verified Vejle Kommune" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "has verified Vejle Kommune" in html


def test_verify_action_skips_already_verified(coordinator_client, buyer_org):
    before = buyer_org.verified_at
    response = coordinator_client.post(
        reverse(ORGS),
        {"action": "verify_selected", "_selected_action": [buyer_org.pk], "index": "0"},
    )
    assert "1 organisation was already verified." in texts(response)
    buyer_org.refresh_from_db()
    assert buyer_org.verified_at == before
    assert mail.outbox == []


def test_withdraw_verification_action(coordinator_client, buyer_org):
    response = coordinator_client.post(
        reverse(ORGS),
        {"action": "withdraw_verification", "_selected_action": [buyer_org.pk], "index": "0"},
    )
    assert "Verification withdrawn from 1 organisation." in texts(response)
    buyer_org.refresh_from_db()
    assert buyer_org.verified_at is None


def test_verification_fields_are_read_only(coordinator_client, buyer_org):
    response = coordinator_client.get(
        reverse("admin:accounts_organisation_change", args=[buyer_org.pk])
    )
    fields = response.context["adminform"].form.fields
    assert "verified_at" not in fields
    assert "name" in fields
    assert list(fields["hub"].queryset) == [buyer_org.hub]


def test_organisation_page_lists_its_members(coordinator_client, buyer_org, owner, member):
    response = coordinator_client.get(
        reverse("admin:accounts_organisation_change", args=[buyer_org.pk])
    )
    page = response.content.decode()
    assert owner.name in page and member.name in page


def test_coordinator_approves_join_request(
    coordinator_client, coordinator, buyer_org, django_capture_on_commit_callbacks
):
    joiner = f.UserFactory(email="new.nurse@ouh.example")
    request = f.MembershipFactory(
        user=joiner, organisation=buyer_org, status=Membership.Status.PENDING
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse(MEMBERSHIPS),
            {"action": "approve_selected", "_selected_action": [request.pk], "index": "0"},
        )
    assert "1 request approved." in texts(response)
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
    assert request.decided_by == coordinator
    assert [m.to for m in mail.outbox] == [[joiner.email]]
    assert mail.outbox[0].subject == f"You are now a member of {buyer_org.name}"


def test_coordinator_declines_join_request(coordinator_client, buyer_org):
    request = f.MembershipFactory(organisation=buyer_org, status=Membership.Status.PENDING)
    coordinator_client.post(
        reverse(MEMBERSHIPS),
        {"action": "decline_selected", "_selected_action": [request.pk], "index": "0"},
    )
    request.refresh_from_db()
    assert request.status == Membership.Status.REJECTED


def test_deciding_an_already_decided_membership_reports_why(coordinator_client, owner):
    membership = Membership.objects.get(user=owner)
    response = coordinator_client.post(
        reverse(MEMBERSHIPS),
        {"action": "decline_selected", "_selected_action": [membership.pk], "index": "0"},
    )
    assert any("already been decided" in m for m in texts(response))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_coordinator_cannot_decide_other_hubs_requests(coordinator_client, foreign_org):
    request = f.MembershipFactory(organisation=foreign_org, status=Membership.Status.PENDING)
    coordinator_client.post(
        reverse(MEMBERSHIPS),
        {"action": "approve_selected", "_selected_action": [request.pk], "index": "0"},
    )
    request.refresh_from_db()
    assert request.status == Membership.Status.PENDING


def test_membership_filters_by_status(coordinator_client, owner, buyer_org):
    pending = f.MembershipFactory(organisation=buyer_org, status=Membership.Status.PENDING)
    response = coordinator_client.get(reverse(MEMBERSHIPS), {"status__exact": "pending"})
    assert rows(response) == [pending]


def test_membership_fields_are_read_only(coordinator_client, owner):
    membership = Membership.objects.get(user=owner)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert not response.context["adminform"].form.fields
    coordinator_client.post(url, {"status": "rejected", "role": "member"})
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("active", "admin")


def test_dashboard_link_to_unverified_organisations_works(coordinator_client, hub):
    f.OrganisationFactory(hub=hub, unverified=True)
    response = coordinator_client.get(reverse(ORGS) + "?verified=no")
    assert response.status_code == 200
    assert len(rows(response)) == Organisation.objects.filter(verified_at__isnull=True).count()


def test_dashboard_link_to_submitted_needs_works(coordinator_client, buyer_org):
    submitted = f.NeedFactory(organisation=buyer_org, submitted=True)
    f.NeedFactory(organisation=buyer_org)
    response = coordinator_client.get(
        reverse("admin:needs_need_changelist") + "?status__exact=submitted"
    )
    assert rows(response) == [submitted]
