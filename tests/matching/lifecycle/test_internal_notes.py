"""A coordinator's note on a match move: a message to both sides (shown on the match page and in
its API) and an internal note (the coordinators' admin and audit trail only). Each field says
who will see it; the hospital and the company never see the internal note: not on a page, in
an email, in the API or in a webhook."""

import pytest
from django.test import Client
from django.urls import reverse

from healthmatch.mail.models import OutboxMessage
from matching.lifecycle import introductions, services
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests.healthmatch.webhooks.conftest import subscribe
from tests.matching.notify.conftest import make_match, published_need

pytestmark = pytest.mark.django_db
S = Match.Status
SECRET = "Their price is too high for the region; keep an eye on them"
PUBLIC = "Approved: we will introduce you shortly"


def _url(name, match):
    return reverse(f"admin:matching_match_lifecycle_{name}", args=[match.pk])


def _as(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_move_form_labels_each_note_with_its_audience(client, coordinator, world):
    client.force_login(coordinator)
    html = client.get(_url("move", world.match)).content.decode()
    assert "Message to both sides:" in html
    assert "Shown on the match page to the need&#x27;s organisation and to the company." in html
    assert "Internal note (coordinators only):" in html
    assert "never shown to either side" in html


def test_the_internal_note_stays_with_the_coordinators_everywhere(
    client, coordinator, world, owner, company_member, buyer_org, company_org
):
    endpoints = ("match.created", "match.mutual", "match.introduced")
    subscribe(buyer_org, *endpoints)
    subscribe(company_org, *endpoints)
    client.force_login(coordinator)
    response = client.post(
        _url("move", world.match), {"to": "approved", "note": PUBLIC, "internal_note": SECRET}
    )
    assert response.status_code == 302
    event = world.match.events.get()
    assert (event.note, event.internal_note) == (PUBLIC, SECRET)
    introductions.send_introduction(
        world.match, by=coordinator, subject="Meet", body_buyer="Hello", body_company="Hello"
    )
    services.move(world.match, to=S.MET, by=coordinator, internal_note=SECRET + " (met)")

    for party in (owner, company_member):
        browser = _as(party)
        page = browser.get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
        assert PUBLIC in page
        assert "see this history and its notes" in page
        assert SECRET not in page
        api = browser.get(f"/api/v1/matches/{world.match.pk}/").content.decode()
        assert PUBLIC in api and SECRET not in api
    assert OutboxMessage.objects.exists()
    for row in OutboxMessage.objects.all():
        assert SECRET not in row.subject + row.text + row.html
    from healthmatch.webhooks.models import Delivery

    assert Delivery.objects.exists()
    for delivery in Delivery.objects.all():
        assert SECRET not in str(delivery.payload)

    admin_page = client.get(
        reverse("admin:matching_match_change", args=[world.match.pk])
    ).content.decode()
    assert SECRET in admin_page and PUBLIC in admin_page
    audit = client.get(reverse("funnel:audit")).content.decode()
    assert SECRET in audit


def test_bulk_close_takes_an_internal_note_apart_from_the_reason(client, coordinator, world, owner):
    other = make_match(published_need(world.need.organisation, title="Reminders"), world.capability)
    client.force_login(coordinator)
    data = {
        "action": "close_selected",
        "_selected_action": [world.match.pk, other.pk],
        "index": "0",
    }
    confirm = client.post(reverse("admin:matching_match_changelist"), data).content.decode()
    assert "Reason for closing, to both sides" in confirm
    assert "Internal note (coordinators only)" in confirm
    client.post(
        reverse("admin:matching_match_changelist"),
        {**data, "apply": "1", "reason": "Out of scope", "internal_note": SECRET},
    )
    assert set(MatchEvent.objects.values_list("note", "internal_note")) == {
        ("Out of scope", SECRET)
    }
    page = _as(owner).get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
    assert "Out of scope" in page and SECRET not in page


def test_the_api_takes_an_internal_note_and_never_returns_it(client, coordinator, world, owner):
    client.force_login(coordinator)
    response = client.post(
        f"/api/v1/matches/{world.match.pk}/approve/",
        {"note": PUBLIC, "internal_note": SECRET},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert world.match.events.get().internal_note == SECRET
    history = _as(owner).get(f"/api/v1/matches/{world.match.pk}/").json()["history"]
    assert [e["note"] for e in history] == [PUBLIC]
    assert all("internal_note" not in e for e in history)


def test_the_parties_forms_say_who_reads_their_notes(world, owner, coordinator):
    services.approve(world.match, by=coordinator)
    introductions.send_introduction(
        world.match, by=coordinator, subject="Meet", body_buyer="Hello", body_company="Hello"
    )
    page = _as(owner).get(reverse("lifecycle:detail", args=[world.match.pk])).content.decode()
    assert "Shown in the match&#x27;s history to both sides and to the coordinators." in page
