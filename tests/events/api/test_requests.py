"""The participant directory and meeting requests over the API: who sees what (a colleague of
the same organisation, an outsider and the waiting list get 404 for what is not theirs; the
organiser sees the directory and requests but answers none), asking, accepting, declining and
cancelling through the services, with the rows, states and emails the pages write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.requests.models import MeetingRequest
from tests import factories as f
from tests.events.api.conftest import url
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_company_reg(event, hub):
    org = f.OrganisationFactory(name="Walkwise A/S", company=True, hub=hub)
    user = f.UserFactory(email="ceo@walkwise.example", name="Wilma Walkwise")
    return f.RegistrationFactory(event=event, user=user, organisation=org)


@pytest.fixture
def asked(event, buyer_reg, company_reg, member_reg):
    """The company asked the buyer (``owner``); the buyer's colleague is registered too."""
    return f.MeetingRequestFactory(from_registration=company_reg, to_registration=buyer_reg)


def request_row(pk):
    return MeetingRequest.objects.get(pk=pk)


# --- The directory ----------------------------------------------------------------------------


def test_directory_ranks_the_other_side_with_why_meet(
    as_user, event, buyer_reg, company_reg, second_company_reg, member_reg, match, capability
):
    response = as_user("owner").get(url("event-participants", event.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["id"] == company_reg.pk and first["name"] == "Cecilie CEO"
    assert first["organisation"]["name"] == "CareSense ApS" and first["kind"] == "company"
    assert first["fit_percent"] == 80 and first["must_meet"] is False
    assert first["why_meet"].startswith("“Fewer falls at night” and “Radar fall sensor”")
    assert first["capabilities"] == [{"id": capability.pk, "title": "Radar fall sensor"}]
    assert first["request"] is None
    assert second["name"] == "Wilma Walkwise" and second["fit_percent"] is None
    # never oneself, never one's own organisation
    assert {row["id"] for row in body["results"]} == {company_reg.pk, second_company_reg.pk}


def test_directory_shows_the_request_between_us(as_user, event, asked, company_reg):
    row = as_user("owner").get(url("event-participants", event.pk)).json()["results"][0]
    assert row["request"] == {"id": asked.pk, "status": "pending", "direction": "received"}


def test_directory_search_and_kind(as_user, event, buyer_reg, company_reg, second_company_reg):
    api = as_user("owner")

    def names(**query):
        body = api.get(url("event-participants", event.pk, **query)).json()
        return [row["name"] for row in body["results"]]

    assert names(q="walkwise") == ["Wilma Walkwise"]
    assert names(kind="company") == ["Cecilie CEO", "Wilma Walkwise"]
    assert names(kind="buyer") == []
    assert api.get(url("event-participants", event.pk, kind="nobody")).status_code == 400
    assert names(area=999999) == []  # an unknown area matches nobody
    assert api.get(url("event-participants", event.pk, area="x")).status_code == 400


def test_directory_for_the_organiser_lists_everybody(as_user, event, buyer_reg, company_reg):
    body = as_user("coordinator").get(url("event-participants", event.pk)).json()
    assert [row["name"] for row in body["results"]] == ["Cecilie CEO", "Olivia Owner"]
    assert all(row["fit_percent"] is None for row in body["results"])


@pytest.mark.parametrize("who", ["member", "outsider", None])
def test_directory_hidden_from_non_participants(as_user, event, buyer_reg, company_reg, who):
    assert as_user(who).get(url("event-participants", event.pk)).status_code == 404


def test_directory_hidden_from_the_waiting_list(as_user, event, member_reg):
    member_reg.status = "waitlisted"
    member_reg.save()
    assert as_user("member").get(url("event-participants", event.pk)).status_code == 404


# --- Asking -----------------------------------------------------------------------------------


def test_request_a_meeting(as_user, event, buyer_reg, company_reg, match, need, capability):
    response = as_user("owner").post(
        url("meeting-request-list", event.pk),
        {"to_registration": company_reg.pk, "message": "Shall we talk?", "need": need.pk},
        format="json",
    )
    assert response.status_code == 201
    made = MeetingRequest.objects.get()
    assert (made.from_registration, made.to_registration) == (buyer_reg, company_reg)
    assert made.status == "pending" and made.message == "Shall we talk?"
    assert made.need == need and made.capability == capability and made.match == match
    body = response.json()
    assert body["id"] == made.pk and body["direction"] == "made"
    assert body["to_registration"]["name"] == "Cecilie CEO"
    assert body["why_meet"].startswith("“Fewer falls at night”")
    assert [m.to_email for m in outbox("meeting_request_received")] == ["ceo@caresense.example"]


def test_opt_out_event_accepts_at_once(as_user, event, buyer_reg, company_reg):
    event.request_acceptance = "opt_out"
    event.save()
    response = as_user("owner").post(
        url("meeting-request-list", event.pk), {"to_registration": company_reg.pk}, format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "accepted"
    assert [m.to_email for m in outbox("meeting_request_accepted")] == ["owner@ouh.example"]


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "to_registration"),
        ({"to_registration": "member_reg"}, "to_registration"),  # own organisation
        ({"to_registration": "buyer_reg"}, "to_registration"),  # oneself
        ({"to_registration": "company_reg", "need": "foreign_need"}, "need"),
        ({"to_registration": "company_reg", "capability": "other_capability"}, "capability"),
        ({"to_registration": "company_reg", "message": "x" * 2001}, "message"),
    ],
)
def test_bad_request_is_400_and_writes_nothing(
    as_user, event, buyer_reg, company_reg, member_reg, foreign_need, data, field, request
):
    other_capability = f.CapabilityFactory(published=True, title="Not brought")
    ids = {"other_capability": other_capability.pk}
    payload = {}
    for key, value in data.items():
        if key == "message":
            payload[key] = value
        else:
            payload[key] = ids.get(value) or request.getfixturevalue(value).pk
    response = as_user("owner").post(url("meeting-request-list", event.pk), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not MeetingRequest.objects.exists() and not outbox("meeting_request_received")


def test_asking_twice_is_400(as_user, event, asked, company_reg):
    response = as_user("owner").post(
        url("meeting-request-list", event.pk), {"to_registration": company_reg.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["You two already have an open meeting request."]
    }
    assert MeetingRequest.objects.count() == 1


def test_the_waiting_list_cannot_ask(as_user, event, buyer_reg, company_reg):
    buyer_reg.status, buyer_reg.waitlisted_at = "waitlisted", buyer_reg.created_at
    buyer_reg.save()
    response = as_user("owner").post(
        url("meeting-request-list", event.pk), {"to_registration": company_reg.pk}, format="json"
    )
    assert response.status_code == 403
    assert not MeetingRequest.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("member", 404), ("outsider", 404), ("coordinator", 404), (None, 401)]
)
def test_only_participants_ask(as_user, event, company_reg, who, status):
    response = as_user(who).post(
        url("meeting-request-list", event.pk), {"to_registration": company_reg.pk}, format="json"
    )
    assert response.status_code == status
    assert not MeetingRequest.objects.exists()


# --- My requests ------------------------------------------------------------------------------


def test_my_requests_made_and_received(as_user, event, asked, buyer_reg, second_company_reg):
    made = f.MeetingRequestFactory(from_registration=buyer_reg, to_registration=second_company_reg)
    f.MeetingRequestFactory(
        from_registration=second_company_reg, to_registration=f.RegistrationFactory(event=event)
    )
    api = as_user("owner")
    body = api.get(url("meeting-request-list", event.pk)).json()
    assert [(r["id"], r["direction"]) for r in body["results"]] == [
        (made.pk, "made"),
        (asked.pk, "received"),
    ]
    received = api.get(url("meeting-request-list", event.pk, direction="received")).json()
    assert [r["id"] for r in received["results"]] == [asked.pk]
    pending = api.get(url("meeting-request-list", event.pk, status="accepted")).json()
    assert pending["results"] == []
    assert api.get(url("meeting-request-list", event.pk, direction="sideways")).status_code == 400


def test_my_requests_constant_queries(as_user, event, buyer_reg, second_company_reg, match):
    api = as_user("owner")
    f.MeetingRequestFactory(
        from_registration=buyer_reg, to_registration=second_company_reg, match=match
    )
    api.get(url("meeting-request-list", event.pk))  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        api.get(url("meeting-request-list", event.pk))
    for _ in range(3):
        org = f.OrganisationFactory(company=True, hub=event.hub)
        other = f.RegistrationFactory(event=event, organisation=org)
        f.MeetingRequestFactory(from_registration=other, to_registration=buyer_reg, match=match)
    with CaptureQueriesContext(connection) as four:
        body = api.get(url("meeting-request-list", event.pk)).json()
    assert len(body["results"]) == 4
    assert len(four) == len(one)


@pytest.mark.parametrize("who", ["outsider", "coordinator", None])
def test_my_requests_need_a_registration(as_user, event, asked, who):
    assert as_user(who).get(url("meeting-request-list", event.pk)).status_code == 404


def test_a_registered_colleague_sees_only_their_own_requests(as_user, event, asked, member_reg):
    response = as_user("member").get(url("meeting-request-list", event.pk))
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("company_owner", 200),
        ("coordinator", 200),
        ("member", 404),
        ("outsider", 404),
        (None, 404),
    ],
)
def test_one_request_is_its_participants_and_organisers(as_user, event, asked, who, status):
    assert as_user(who).get(url("meeting-request-detail", event.pk, asked.pk)).status_code == status


def test_a_request_of_another_event_is_404(as_user, event, asked, hub):
    other = f.EventFactory(hub=hub)
    assert (
        as_user("owner").get(url("meeting-request-detail", other.pk, asked.pk)).status_code == 404
    )


# --- Answering and cancelling -----------------------------------------------------------------


def test_accept(as_user, event, asked, owner):
    response = as_user("owner").post(url("meeting-request-accept", event.pk, asked.pk))
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    row = request_row(asked.pk)
    assert row.status == "accepted" and row.answered_by == owner
    assert [m.to_email for m in outbox("meeting_request_accepted")] == ["ceo@caresense.example"]


def test_decline(as_user, event, asked):
    response = as_user("owner").post(url("meeting-request-decline", event.pk, asked.pk))
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert request_row(asked.pk).status == "declined"
    assert [m.to_email for m in outbox("meeting_request_declined")] == ["ceo@caresense.example"]


@pytest.mark.parametrize("verb", ["accept", "decline"])
@pytest.mark.parametrize(
    "who, status",
    [("company_owner", 403), ("coordinator", 403), ("member", 404), ("outsider", 404), (None, 401)],
)
def test_only_the_person_asked_answers(as_user, event, asked, verb, who, status):
    response = as_user(who).post(url(f"meeting-request-{verb}", event.pk, asked.pk))
    assert response.status_code == status
    assert request_row(asked.pk).status == "pending" and not outbox()


def test_answering_twice_is_400(as_user, event, asked):
    api = as_user("owner")
    api.post(url("meeting-request-decline", event.pk, asked.pk))
    response = api.post(url("meeting-request-accept", event.pk, asked.pk))
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert request_row(asked.pk).status == "declined"


def test_the_asker_cancels(as_user, event, asked):
    response = as_user("company_owner").post(url("meeting-request-cancel", event.pk, asked.pk))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert request_row(asked.pk).status == "cancelled"


@pytest.mark.parametrize(
    "who, status",
    [("owner", 403), ("coordinator", 403), ("member", 404), ("outsider", 404), (None, 401)],
)
def test_only_the_asker_cancels_a_pending_request(as_user, event, asked, who, status):
    assert (
        as_user(who).post(url("meeting-request-cancel", event.pk, asked.pk)).status_code == status
    )
    assert request_row(asked.pk).status == "pending"


# --- Self-pick --------------------------------------------------------------------------------


@pytest.fixture
def pick_day(event, session, table):
    event.scheduling = "self_pick"
    event.save()
    return event


def test_self_pick_accept_at_a_free_time(as_user, pick_day, session, asked):
    api = as_user("owner")
    slots = api.get(url("meeting-request-slots", pick_day.pk, asked.pk)).json()["results"]
    assert [slot["key"] for slot in slots] == [f"{session.pk}-0", f"{session.pk}-1"]
    assert slots[0]["table"]["number"] == 1 and "09:00" in slots[0]["label"]
    response = api.post(
        url("meeting-request-accept", pick_day.pk, asked.pk),
        {"slot": slots[1]["key"]},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["meeting"]["starts_at"] == slots[1]["starts_at"]
    meeting = request_row(asked.pk).meeting
    assert (meeting.slot, meeting.locked) == (1, True)


@pytest.mark.parametrize("slot", [None, "", "12345-0"])
def test_self_pick_accept_needs_a_free_time(as_user, pick_day, asked, slot):
    data = {} if slot is None else {"slot": slot}
    response = as_user("owner").post(
        url("meeting-request-accept", pick_day.pk, asked.pk), data, format="json"
    )
    assert response.status_code == 400
    assert "slot" in response.json()
    assert request_row(asked.pk).status == "pending" and not outbox()


@pytest.mark.parametrize("who", ["company_owner", "member", "outsider", "coordinator"])
def test_self_pick_slots_are_the_asked_persons_only(as_user, pick_day, asked, who):
    assert as_user(who).get(url("meeting-request-slots", pick_day.pk, asked.pk)).status_code == 404


def test_slots_on_an_organiser_scheduled_day_are_404(as_user, event, asked):
    assert as_user("owner").get(url("meeting-request-slots", event.pk, asked.pk)).status_code == 404


def test_opt_out_self_pick_asker_picks_the_time(as_user, pick_day, session, buyer_reg, company_reg):
    pick_day.request_acceptance = "opt_out"
    pick_day.save()
    api = as_user("owner")
    slots = api.get(url("event-participant-slots", pick_day.pk, company_reg.pk)).json()["results"]
    assert len(slots) == 2
    response = api.post(
        url("meeting-request-list", pick_day.pk),
        {"to_registration": company_reg.pk, "slot": slots[0]["key"]},
        format="json",
    )
    assert response.status_code == 201
    made = MeetingRequest.objects.get()
    assert made.status == "accepted" and made.meeting.slot == 0
    # without a time nothing is written
    MeetingRequest.objects.all().delete()
    response = api.post(
        url("meeting-request-list", pick_day.pk), {"to_registration": company_reg.pk}, format="json"
    )
    assert response.status_code == 400 and "slot" in response.json()
    assert not MeetingRequest.objects.exists()


@pytest.mark.parametrize("who", ["member", "outsider", "coordinator"])
def test_participant_slots_are_a_participants_own(as_user, pick_day, company_reg, who):
    pick_day.request_acceptance = "opt_out"
    pick_day.save()
    assert (
        as_user(who).get(url("event-participant-slots", pick_day.pk, company_reg.pk)).status_code
        == 404
    )


def test_participant_slots_only_for_the_other_side(
    as_user, pick_day, buyer_reg, member_reg, company_reg
):
    pick_day.request_acceptance = "opt_out"
    pick_day.save()
    api = as_user("owner")
    assert api.get(url("event-participant-slots", pick_day.pk, member_reg.pk)).status_code == 404
    assert api.get(url("event-participant-slots", pick_day.pk, buyer_reg.pk)).status_code == 404
    assert (
        as_user("company_owner")
        .get(url("event-participant-slots", pick_day.pk, buyer_reg.pk))
        .status_code
        == 200
    )


def test_self_pick_slots_signed_out_are_404(as_user, pick_day, asked):
    assert as_user(None).get(url("meeting-request-slots", pick_day.pk, asked.pk)).status_code == 404
    assert (
        as_user(None)
        .get(url("event-participant-slots", pick_day.pk, asked.from_registration_id))
        .status_code
        == 404
    )
