"""Confirmations that claim an email say exactly what the outbox got: a join request to a
company nobody administers yet (most listed companies) goes to its hub's coordinators, who
decide; a verification of an organisation without members says nobody was told."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import strip_tags

from healthmatch.accounts import services
from healthmatch.accounts.models import Membership
from healthmatch.mail.models import OutboxMessage
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db
JOIN = reverse("organisation_join")


def texts(response):
    """The messages as they read (their names come isolated in <bdi>: healthmatch/bidi.py)."""
    return [strip_tags(str(m)) for m in get_messages(response.wsgi_request)]


def _ask(client, org, message="I run sales"):
    return client.post(JOIN, once(client, {"organisation": org.pk, "message": message}))


def test_a_join_request_to_an_administered_organisation_goes_to_its_admins(
    client, buyer_org, owner
):
    joiner = f.UserFactory(email="nina@ouh.example")
    client.force_login(joiner)
    response = _ask(client, buyer_org)
    assert texts(response) == [
        "Your request to join Odense University Hospital is sent to its administrators by email."
    ]
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == [owner.email]


def test_a_join_request_to_a_company_nobody_administers_goes_to_the_coordinators(
    client, hub, coordinator
):
    org = f.OrganisationFactory(name="Quiet Sensors ApS", company=True, hub=hub)
    joiner = f.UserFactory(email="sigrid@quiet.example", name="Sigrid Sales")
    client.force_login(joiner)

    response = _ask(client, org)

    assert texts(response) == [
        "Quiet Sensors ApS has no administrator on HealthMatch yet: your request is sent by "
        "email to the coordinators of Welfare Tech, who decide on it."
    ]
    row = OutboxMessage.objects.get(kind="membership_requested")
    assert row.to_email == coordinator.email
    link = "http://127.0.0.1:8000/admin/accounts/membership/?status__exact=pending"
    for text in (row.text, row.html):
        assert "Sigrid Sales (sigrid@quiet.example) asks to join Quiet Sensors ApS" in text
        assert "has no administrator on HealthMatch yet" in text
        assert link in text
    assert "/organisations/" not in row.text  # no link to a page the coordinator cannot open
    membership = Membership.objects.get(user=joiner)
    services.decide_membership(membership, actor=coordinator, approve=True, role="admin")
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("active", "admin")


def test_a_join_request_nobody_can_be_told_about_says_so(client, other_hub):
    org = f.OrganisationFactory(name="Fjord Sensors AS", company=True, hub=other_hub)
    client.force_login(f.UserFactory(email="frida@fjord.example"))
    response = _ask(client, org)
    assert texts(response) == [
        "Your request to join Fjord Sensors AS is saved, but nobody could be emailed about it: "
        "Fjord Sensors AS has no administrator on HealthMatch and Norway Health Tech no "
        "coordinator yet."
    ]
    assert not OutboxMessage.objects.exists()
    assert Membership.objects.get(organisation=org).status == Membership.Status.PENDING


def test_asking_again_while_waiting_claims_no_new_email(client, buyer_org, owner):
    client.force_login(f.UserFactory(email="nina@ouh.example"))
    _ask(client, buyer_org)
    response = _ask(client, buyer_org)
    assert texts(response)[-1] == (
        "Your request to join Odense University Hospital is already waiting for a decision."
    )
    assert OutboxMessage.objects.count() == 1


def test_verifying_an_organisation_without_members_says_nobody_was_told(
    coordinator_client, hub, owner, buyer_org
):
    empty = f.OrganisationFactory(name="Quiet Sensors ApS", company=True, hub=hub, unverified=True)
    buyer_org.verified_at = None
    buyer_org.save()
    response = coordinator_client.post(
        reverse("admin:accounts_organisation_changelist"),
        {"action": "verify_selected", "_selected_action": [empty.pk, buyer_org.pk], "index": "0"},
    )
    assert texts(response) == [
        "2 organisations verified. 1 member is told by email.",
        "Quiet Sensors ApS has no members on HealthMatch, so nobody was told. Invite its contact "
        "to claim it from its page.",
    ]
    assert list(OutboxMessage.objects.values_list("to_email", flat=True)) == [owner.email]
