"""Events over the API: which events a person sees (the pages' ``visible_to``), upcoming and
past, one event with its sessions, and registering exactly as the event's page does
(confirmation or waiting list, emails, refusals with the field named and no row written)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Registration
from tests import factories as f
from tests.events.api.conftest import url
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db


def titles(response):
    return [event["title"] for event in response.json()["results"]]


@pytest.fixture
def past_event(hub):
    start = timezone.now() - datetime.timedelta(days=20)
    return f.EventFactory(
        hub=hub,
        title="Spring day (over)",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
    )


# --- The list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, expected",
    [
        (None, ["Welfare Tech Matchmaking Day"]),
        ("outsider", ["Welfare Tech Matchmaking Day"]),
        ("owner", ["Welfare Tech Matchmaking Day", "Members' roundtable"]),
        ("member", ["Welfare Tech Matchmaking Day", "Members' roundtable"]),
        ("coordinator", ["Welfare Tech Matchmaking Day", "Members' roundtable", "Draft day"]),
    ],
)
def test_event_list_shows_what_the_person_may_see(as_user, hub, event, who, expected):
    later = event.starts_at + datetime.timedelta(days=1)
    f.EventFactory(
        hub=hub,
        members_only=True,
        title="Members' roundtable",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )
    f.EventFactory(
        hub=hub,
        draft=True,
        title="Draft day",
        starts_at=later + datetime.timedelta(days=1),
        ends_at=later + datetime.timedelta(days=1, hours=2),
    )
    response = as_user(who).get(url("event-list"))
    assert response.status_code == 200
    assert titles(response) == expected


def test_event_list_is_upcoming_by_default_and_past_on_request(as_user, event, past_event):
    api = as_user("owner")
    assert titles(api.get(url("event-list"))) == ["Welfare Tech Matchmaking Day"]
    assert titles(api.get(url("event-list", when="past"))) == ["Spring day (over)"]


def test_event_list_rejects_an_unknown_filter(as_user, event):
    response = as_user("owner").get(url("event-list", when="someday"))
    assert response.status_code == 400
    assert "when" in response.json()


def test_event_list_fields_and_my_registration(as_user, event, owner, buyer_org):
    registration = f.RegistrationFactory(event=event, user=owner, organisation=buyer_org)
    row = as_user("owner").get(url("event-list")).json()["results"][0]
    assert row["id"] == event.pk
    assert row["hub"] == {"id": event.hub.pk, "name": "Welfare Tech", "slug": "welfare-tech"}
    assert row["time_zone"] == "Europe/Copenhagen"
    assert datetime.datetime.fromisoformat(row["starts_at"]) == event.starts_at
    assert row["starts_at"].endswith(("+01:00", "+02:00"))  # ISO 8601 with the offset
    assert row["confirmed_count"] == 1
    assert row["registration_open"] is True and row["registration_closed_reason"] is None
    assert row["my_registration"] == {"id": registration.pk, "status": "confirmed"}
    assert as_user("member").get(url("event-list")).json()["results"][0]["my_registration"] is None


def test_event_list_pages_with_a_cursor_and_constant_queries(as_user, hub, owner, buyer_org):
    start = timezone.now() + datetime.timedelta(days=10)
    for n in range(3):
        event = f.EventFactory(
            hub=hub,
            title=f"Day {n}",
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=4),
        )
        f.RegistrationFactory(event=event, user=owner, organisation=buyer_org)
    api = as_user("owner")
    first = api.get(url("event-list", page_size=2)).json()
    assert titles_of(first) == ["Day 0", "Day 1"]
    second = api.get(first["next"]).json()
    assert titles_of(second) == ["Day 2"]
    with CaptureQueriesContext(connection) as one:
        api.get(url("event-list", page_size=1))
    with CaptureQueriesContext(connection) as three:
        api.get(url("event-list", page_size=3))
    assert len(three) == len(one)


def titles_of(body):
    return [event["title"] for event in body["results"]]


# --- One event --------------------------------------------------------------------------------


def test_event_detail_with_sessions_and_eligible_organisations(as_user, event, session, buyer_org):
    body = as_user("owner").get(url("event-detail", event.pk)).json()
    assert body["title"] == "Welfare Tech Matchmaking Day"
    assert body["description"] == event.description
    assert body["sessions"] == [
        {
            "id": session.pk,
            "title": "Morning",
            "starts_at": body["sessions"][0]["starts_at"],
            "ends_at": body["sessions"][0]["ends_at"],
            "meeting_minutes": 20,
            "break_minutes": 5,
            "meeting_cap": None,
            "slot_count": 2,
        }
    ]
    assert datetime.datetime.fromisoformat(body["sessions"][0]["starts_at"]) == session.starts_at
    assert body["eligible_organisations"] == [
        {"id": buyer_org.pk, "name": "Odense University Hospital", "kind": "hospital"}
    ]
    assert body["url"].endswith(f"/events/{event.pk}/")


@pytest.mark.parametrize(
    "who, status",
    [("owner", 200), ("member", 200), ("coordinator", 200), ("outsider", 404), (None, 404)],
)
def test_members_only_event_is_hidden_from_outsiders(as_user, members_event, who, status):
    assert as_user(who).get(url("event-detail", members_event.pk)).status_code == status


@pytest.mark.parametrize("who, status", [("coordinator", 200), ("owner", 404), ("outsider", 404)])
def test_draft_is_seen_by_the_organisers_only(as_user, draft_event, who, status):
    assert as_user(who).get(url("event-detail", draft_event.pk)).status_code == status


def test_malformed_and_unknown_ids_are_404(as_user, event):
    api = as_user("owner")
    assert api.get(f"/api/v1/events/{event.pk}x/").status_code == 404
    assert api.get(url("event-detail", event.pk + 1000)).status_code == 404


# --- Registering ------------------------------------------------------------------------------


def test_register_confirms_and_emails(as_user, event, owner, buyer_org):
    response = as_user("owner").post(url("event-register", event.pk), {}, format="json")
    assert response.status_code == 201
    registration = Registration.objects.get(event=event, user=owner)
    assert registration.status == "confirmed" and registration.organisation == buyer_org
    body = response.json()
    assert body["id"] == registration.pk and body["status"] == "confirmed"
    assert body["kind"] == "buyer" and body["waitlist_position"] is None
    assert body["organisation"]["id"] == buyer_org.pk
    assert [m.to_email for m in outbox("event_registration_confirmed")] == [owner.email]


def test_register_when_full_joins_the_waiting_list(as_user, event, owner, member, company_owner):
    event.capacity = 1
    event.save()
    assert as_user("company_owner").post(url("event-register", event.pk)).status_code == 201
    response = as_user("owner").post(url("event-register", event.pk))
    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1
    assert Registration.objects.get(user=owner).status == "waitlisted"
    assert [m.to_email for m in outbox("event_registration_waitlisted")] == [owner.email]
    # a colleague of the same organisation registers for themselves, second in line
    response = as_user("member").post(url("event-register", event.pk))
    assert response.json()["waitlist_position"] == 2


def test_register_names_the_organisation_when_there_are_several(as_user, event, owner, hub):
    second = f.OrganisationFactory(name="Aarhus Municipality", kind="municipality", hub=hub)
    f.MembershipFactory(user=owner, organisation=second)
    api = as_user("owner")
    response = api.post(url("event-register", event.pk))
    assert response.status_code == 400 and "organisation" in response.json()
    assert not Registration.objects.exists()
    response = api.post(url("event-register", event.pk), {"organisation": second.pk}, format="json")
    assert response.status_code == 201
    assert Registration.objects.get().organisation == second


@pytest.mark.parametrize("organisation", ["company_org", "foreign_org", "unverified"])
def test_register_for_an_organisation_not_yours_is_400(
    as_user, event, owner, hub, organisation, request
):
    if organisation == "unverified":
        org = f.OrganisationFactory(
            name="Not yet verified", kind="hospital", hub=hub, unverified=True
        )
        f.MembershipFactory(user=owner, organisation=org)
    else:
        org = request.getfixturevalue(organisation)
    response = as_user("owner").post(
        url("event-register", event.pk), {"organisation": org.pk}, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Registration.objects.exists() and not outbox()


def test_register_twice_is_400(as_user, event, owner):
    api = as_user("owner")
    api.post(url("event-register", event.pk))
    response = api.post(url("event-register", event.pk))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["You are already registered for this event."]}
    assert Registration.objects.count() == 1


def test_register_when_registration_is_closed_is_400(as_user, event, owner):
    event.status = "registration_closed"
    event.save()
    response = as_user("owner").post(url("event-register", event.pk))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Registration for this event is closed."]}
    assert not Registration.objects.exists()


@pytest.mark.parametrize("who, status", [("outsider", 404), (None, 401)])
def test_register_for_a_members_only_event_by_outsiders(as_user, members_event, who, status):
    assert as_user(who).post(url("event-register", members_event.pk)).status_code == status
    assert not Registration.objects.exists()


def test_register_on_a_public_event_from_another_hub(as_user, event, outsider):
    """The outsider's company is verified, of another hub: a public event takes it."""
    assert as_user("outsider").post(url("event-register", event.pk)).status_code == 201
