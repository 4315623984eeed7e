"""Onboarding: register an organisation, ask to join one, approve joiners, keep an admin."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from healthmatch.accounts.models import Membership, Organisation
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def newcomer(db):
    return f.UserFactory(email="hanne@vejle.example", name="Hanne Health")


def org_data(hub, **overrides):
    return {
        "name": "Vejle Kommune",
        "kind": "municipality",
        "hub": hub.pk,
        "country": "DK",
        "website": "https://vejle.example",
        "description": "Home care for 4,000 citizens.",
        **overrides,
    }


# --- Registering an organisation ----------------------------------------------------------


def test_create_organisation_makes_creator_admin_unverified_and_tells_coordinators(
    client, newcomer, hub, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("organisation_create"), once(client, org_data(hub)))
    assert len(mail.outbox) == 0  # the email is queued after commit, not sent inside
    for callback in callbacks:
        callback()
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    org = Organisation.objects.get(name="Vejle Kommune")
    assert (org.kind, org.hub, org.slug) == ("municipality", hub, "vejle-kommune")
    assert org.verified_at is None
    membership = Membership.objects.get(organisation=org)
    assert (membership.user, membership.role, membership.status) == (newcomer, "admin", "active")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert message.subject == "[Action] New organisation to verify: Vejle Kommune"
    admin_url = f"/admin/accounts/organisation/{org.pk}/change/"
    assert "Vejle Kommune (Municipality) has joined HealthMatch in Welfare Tech" in message.body
    assert admin_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Vejle Kommune" in html


def test_create_organisation_sends_nothing_before_commit(client, newcomer, hub, coordinator):
    client.force_login(newcomer)
    client.post(reverse("organisation_create"), once(client, org_data(hub)))
    assert Organisation.objects.filter(name="Vejle Kommune").exists()
    assert mail.outbox == []


def test_duplicate_organisation_name_is_an_error_next_to_the_field(client, newcomer, hub):
    f.OrganisationFactory(name="Vejle Kommune", kind="municipality", hub=hub)
    client.force_login(newcomer)
    response = client.post(
        reverse("organisation_create"), once(client, org_data(hub, name="vejle kommune"))
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "already exists" in form.errors["name"][0]
    page = response.content.decode()
    assert 'id="id_name_error"' in page
    assert "already exists: ask to join it" in page
    assert 'value="https://vejle.example"' in page  # the rest of the input is kept
    assert Organisation.objects.filter(name__iexact="vejle kommune").count() == 1
    assert not Membership.objects.filter(user=newcomer).exists()


def test_same_name_with_another_kind_is_allowed(client, newcomer, hub):
    f.OrganisationFactory(name="Vejle", kind="municipality", hub=hub)
    client.force_login(newcomer)
    response = client.post(
        reverse("organisation_create"), once(client, org_data(hub, name="Vejle", kind="company"))
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Vejle").count() == 2


def test_create_organisation_requires_login(client, hub):
    response = client.post(reverse("organisation_create"), once(client, org_data(hub)))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Organisation.objects.filter(name="Vejle Kommune").exists()


# --- Joining ------------------------------------------------------------------------------


def test_join_request_is_pending_and_emails_the_org_admins(
    client, newcomer, buyer_org, owner, member, django_capture_on_commit_callbacks
):
    client.force_login(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisation_join"),
            once(
                client,
                {"organisation": buyer_org.pk, "message": "I run the falls project on ward 7."},
            ),
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    assert (membership.organisation, membership.status, membership.role) == (
        buyer_org,
        "pending",
        "member",
    )
    assert [m.to for m in mail.outbox] == [[owner.email]]  # admins only, not the member
    message = mail.outbox[0]
    assert message.subject == (f"[Action] Hanne Health asks to join {buyer_org.name}")
    assert "hanne@vejle.example" in message.body
    assert "I run the falls project on ward 7." in message.body
    assert f"/organisations/{buyer_org.slug}/members/" in message.body
    html, _mimetype = message.alternatives[0]
    assert "I run the falls project on ward 7." in html


def test_join_search_finds_organisations(client, newcomer, buyer_org):
    client.force_login(newcomer)
    response = client.get(reverse("organisation_join"), {"q": "odense"})
    assert list(response.context["results"]) == [buyer_org]


def test_repeated_join_request_keeps_one_membership(client, newcomer, buyer_org, owner):
    client.force_login(newcomer)
    for _ in range(2):
        client.post(reverse("organisation_join"), once(client, {"organisation": buyer_org.pk}))
    assert Membership.objects.filter(user=newcomer, organisation=buyer_org).count() == 1


# --- Deciding -----------------------------------------------------------------------------


@pytest.fixture
def pending(newcomer, buyer_org):
    return f.MembershipFactory(
        user=newcomer, organisation=buyer_org, status=Membership.Status.PENDING
    )


def decide_url(pending):
    return reverse("membership_decide", args=[pending.organisation.slug, pending.pk])


def test_org_admin_approves_and_the_person_is_told(
    client, owner, pending, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(pending), {"decision": "approve", "role": "member"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.role, pending.decided_by) == ("active", "member", owner)
    assert pending.decided_at is not None
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    message = mail.outbox[0]
    assert message.subject == f"You are now a member of {pending.organisation.name}"
    assert "was approved" in message.body
    assert "/dashboard/" in message.body
    assert "approved" in message.alternatives[0][0]


def test_org_admin_declines(client, owner, pending, django_capture_on_commit_callbacks):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(pending), {"decision": "decline", "role": "member"})
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert "declined" in mail.outbox[0].subject


def test_org_admin_approves_as_administrator(client, owner, pending):
    client.force_login(owner)
    client.post(decide_url(pending), {"decision": "approve", "role": "admin"})
    pending.refresh_from_db()
    assert (pending.status, pending.role) == ("active", "admin")


def test_member_cannot_decide(client, member, pending):
    client.force_login(member)
    response = client.post(decide_url(pending), {"decision": "approve", "role": "admin"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert mail.outbox == []


def test_outsider_cannot_decide(client, outsider, pending):
    client.force_login(outsider)
    response = client.post(decide_url(pending), {"decision": "approve", "role": "admin"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_pending_joiner_cannot_approve_themselves(client, newcomer, pending):
    client.force_login(newcomer)
    response = client.post(decide_url(pending), {"decision": "approve", "role": "admin"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


# --- The members page ---------------------------------------------------------------------


def test_members_page_for_owner_shows_decision_buttons(client, owner, member, pending):
    client.force_login(owner)
    response = client.get(reverse("organisation_members", args=[pending.organisation.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert member.email in page and pending.user.email in page
    assert decide_url(pending) in page


def test_members_page_for_member_has_no_decision_buttons(client, member, pending):
    client.force_login(member)
    response = client.get(reverse("organisation_members", args=[pending.organisation.slug]))
    assert response.status_code == 200
    assert decide_url(pending) not in response.content.decode()


def test_members_page_is_404_for_an_outsider(client, outsider, buyer_org, owner):
    client.force_login(outsider)
    response = client.get(reverse("organisation_members", args=[buyer_org.slug]))
    assert response.status_code == 404


def test_members_page_redirects_anonymous_to_login(client, buyer_org):
    response = client.get(reverse("organisation_members", args=[buyer_org.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_members_page_queries_do_not_grow_with_members(client, owner, buyer_org):
    client.force_login(owner)
    url = reverse("organisation_members", args=[buyer_org.slug])
    client.get(url)  # the owner's memberships are cached from then on
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(8):
        f.MembershipFactory(organisation=buyer_org)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


# --- Removing -----------------------------------------------------------------------------


def remove_url(membership):
    return reverse("membership_remove", args=[membership.organisation.slug, membership.pk])


def test_last_admin_cannot_be_removed(client, owner, member):
    admin_membership = Membership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(remove_url(admin_membership))
    assert response.status_code == 302
    assert "An organisation needs at least one administrator." in texts(response)
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_admin_can_leave_when_another_admin_remains(client, owner, member, buyer_org):
    Membership.objects.filter(user=member).update(role=Membership.Role.ADMIN)
    admin_membership = Membership.objects.get(user=owner)
    client.force_login(owner)
    response = client.post(remove_url(admin_membership))
    assert response.url == reverse("dashboard")
    assert not Membership.objects.filter(pk=admin_membership.pk).exists()


def test_admin_removes_a_member(client, owner, member):
    membership = Membership.objects.get(user=member)
    client.force_login(owner)
    client.post(remove_url(membership))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_member_cannot_remove_another_member(client, owner, member):
    admin_membership = Membership.objects.get(user=owner)
    client.force_login(member)
    response = client.post(remove_url(admin_membership))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_outsider_cannot_remove_anybody(client, owner, outsider):
    admin_membership = Membership.objects.get(user=owner)
    client.force_login(outsider)
    assert client.post(remove_url(admin_membership)).status_code == 404
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


# --- Dashboard, onboarding, health ---------------------------------------------------------


def test_dashboard_redirects_user_without_memberships_to_onboarding(client, newcomer):
    client.force_login(newcomer)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("onboarding")


def test_dashboard_redirects_user_with_only_declined_requests_to_onboarding(
    client, newcomer, buyer_org
):
    f.MembershipFactory(user=newcomer, organisation=buyer_org, status=Membership.Status.REJECTED)
    client.force_login(newcomer)
    assert client.get(reverse("dashboard")).url == reverse("onboarding")


def test_onboarding_lists_pending_request(client, newcomer, pending):
    client.force_login(newcomer)
    response = client.get(reverse("onboarding"))
    assert response.status_code == 200
    page = response.content.decode()
    assert pending.organisation.name in page
    assert "Awaiting approval" in page


def test_health_answers_with_database_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
