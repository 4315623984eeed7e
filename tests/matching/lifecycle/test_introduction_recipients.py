"""Who an introduction reaches, said exactly: a company without member accounts (most listed
companies never signed up) is reached at its profile's contact people; a side nobody can be
reached on is refused with nothing written; the coordinator's confirmation and the introduction
name the addresses the outbox rows were written to."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from healthmatch.mail.services import suppress
from matching.lifecycle import introductions, services
from matching.lifecycle.models import Introduction
from matching.models import Match
from tests import factories as f
from tests.matching.lifecycle.conftest import parts, received
from tests.matching.notify.conftest import make_match, published_capability, published_need
from tests.once import once

pytestmark = pytest.mark.django_db
S = Match.Status
TEXTS = {
    "subject": "Meet Quiet Sensors",
    "body_buyer": "Dear OUH,\n\nplease meet Quiet Sensors.",
    "body_company": "Dear Quiet Sensors,\n\nplease meet OUH.",
}


@pytest.fixture
def unclaimed(hub, buyer_org, owner, member, coordinator):
    """An approved match with a company that has no member accounts, only a contact person."""
    org = f.OrganisationFactory(name="Quiet Sensors ApS", company=True, hub=hub)
    profile = f.CompanyProfileFactory(organisation=org)
    contact = f.ContactPersonFactory(
        company=profile, name="Sigrid Sales", email="sigrid@quiet.example"
    )
    need = published_need(buyer_org, created_by=owner)
    match = make_match(need, published_capability(profile), 0.8)
    services.approve(match, by=coordinator)
    return SimpleNamespace(org=org, profile=profile, contact=contact, match=match)


def _url(match):
    return reverse("admin:matching_match_lifecycle_introduction", args=[match.pk])


def test_a_company_without_accounts_is_reached_at_its_contact_person(
    unclaimed, coordinator, smtp_settings
):
    intro = introductions.send_introduction(unclaimed.match, by=coordinator, **TEXTS)

    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == [
        "member@ouh.example",
        "owner@ouh.example",
        "sigrid@quiet.example",
    ]
    assert [(r["side"], r["email"], r["via"]) for r in intro.recipients] == [
        ("buyer", "owner@ouh.example", "member"),
        ("buyer", "member@ouh.example", "member"),
        ("company", "sigrid@quiet.example", "contact"),
    ]
    deliver_due()
    message = received(smtp_settings)["sigrid@quiet.example"]
    body = parts(message)
    assert sorted(body) == ["text/html", "text/plain"]
    for text in body.values():
        assert "please meet OUH." in text and "owner@ouh.example" in text
        # No link to a match page the contact (no account) cannot open; the way in instead.
        assert f"/matches/{unclaimed.match.pk}/" not in text
        assert "You receive this as the contact person of Quiet Sensors ApS" in text
        assert "invite you to claim the profile" in text
    members_copy = parts(received(smtp_settings)["owner@ouh.example"])
    for text in members_copy.values():
        assert f"/matches/{unclaimed.match.pk}/" in text


def test_the_coordinators_confirmation_names_each_address_written(client, unclaimed, coordinator):
    client.force_login(coordinator)
    page = client.get(_url(unclaimed.match)).content.decode()
    assert "Who will receive it" in page
    assert "sigrid@quiet.example" in page and "contact person: no member accounts" in page

    response = client.post(_url(unclaimed.match), once(client, {**TEXTS, "send": "1"}), follow=True)

    html = response.content.decode()
    assert "on its way to both sides" not in html
    assert (
        "The introduction is in the outbox for Odense University Hospital: owner@ouh.example, "
        "member@ouh.example and for Quiet Sensors ApS: sigrid@quiet.example (contact person)."
    ) in html
    assert OutboxMessage.objects.filter(kind="introduction").count() == 3
    sent = client.get(_url(unclaimed.match)).content.decode()
    assert "Sent to:" in sent and "sigrid@quiet.example" in sent


def test_a_side_nobody_can_be_reached_on_is_refused_and_nothing_is_written(
    client, unclaimed, coordinator
):
    unclaimed.contact.delete()
    with pytest.raises(ValidationError) as error:
        introductions.send_introduction(unclaimed.match, by=coordinator, **TEXTS)
    assert "Nobody at Quiet Sensors ApS can receive the introduction" in str(error.value)

    client.force_login(coordinator)
    page = client.get(_url(unclaimed.match)).content.decode()
    assert "nobody: it has no member accounts and no usable contact address" in page
    assert "Send to these recipients" not in page and "Save draft" in page
    response = client.post(_url(unclaimed.match), once(client, {**TEXTS, "send": "1"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nobody at Quiet Sensors ApS can receive the introduction" in html
    assert "invite its contact to claim the profile" in html

    assert not OutboxMessage.objects.exists()
    unclaimed.match.refresh_from_db()
    assert unclaimed.match.status == S.APPROVED and unclaimed.match.introduced_at is None
    assert Introduction.objects.get(match=unclaimed.match).sent_at is None


def test_a_suppressed_contact_address_does_not_count_as_reachable(unclaimed, coordinator):
    suppress("Sigrid@quiet.example", reason="bounced")
    with pytest.raises(ValidationError):
        introductions.send_introduction(unclaimed.match, by=coordinator, **TEXTS)
    assert not OutboxMessage.objects.exists()


def test_members_are_reached_and_contact_people_are_not_written_to_when_a_company_has_accounts(
    world, coordinator
):
    services.approve(world.match, by=coordinator)
    intro = introductions.send_introduction(world.match, by=coordinator, **TEXTS)
    company = intro.recipients_of("company")
    assert [(r["email"], r["via"]) for r in company] == [
        ("ceo@caresense.example", "member"),
        ("dev@caresense.example", "member"),
    ]
    assert not OutboxMessage.objects.filter(to_email="sales@caresense.example").exists()
    assert {r["outbox"] for r in intro.recipients} == set(
        OutboxMessage.objects.values_list("pk", flat=True)
    )


def test_the_api_shows_who_the_introduction_reaches(client, unclaimed, coordinator):
    client.force_login(coordinator)
    url = f"/api/v1/matches/{unclaimed.match.pk}/introduction/"
    before = client.get(url).json()["recipients"]
    assert [(r["side"], r["email"], r["via"]) for r in before] == [
        ("buyer", "owner@ouh.example", "member"),
        ("buyer", "member@ouh.example", "member"),
        ("company", "sigrid@quiet.example", "contact"),
    ]
    introductions.send_introduction(unclaimed.match, by=coordinator, **TEXTS)
    unclaimed.contact.delete()  # the record says who it went to, not who is listed today
    after = client.get(url).json()["recipients"]
    assert [r["email"] for r in after] == [r["email"] for r in before]
