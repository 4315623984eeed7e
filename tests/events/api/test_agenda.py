"""My agenda over the API: the participant's own meetings with time, place, the other person,
the topic and the "why meet", and the calendar links; a colleague of the same organisation, an
outsider, the organiser and the waiting list get 404. A meeting is cancelled through its
request, as the agenda page's button does: it leaves both agendas and the other side is told."""

import datetime

import pytest
from django.urls import reverse

from events.meetings.models import Meeting
from tests import factories as f
from tests.events.api.conftest import url
from tests.events.conftest import outbox
from tests.events.meetings.conftest import accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(event, session, table, buyer_reg, company_reg, member_reg, match, need, capability):
    meeting_request = accepted(
        buyer_reg, company_reg, match=match, need=need, capability=capability, score=0.8
    )
    slot = session.slots()[1]
    return Meeting.objects.create(
        request=meeting_request,
        session=session,
        slot=slot.index,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        table=table,
    )


def test_my_agenda(as_user, event, meeting, company_reg, need, capability, session, table):
    response = as_user("owner").get(url("event-agenda", event.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["event"] == event.pk and body["time_zone"] == "Europe/Copenhagen"
    assert body["registration"] == meeting.request.from_registration_id
    assert body["ics_url"] == "http://testserver" + reverse("events:agenda_ics", args=[event.pk])
    [row] = body["meetings"]
    assert row["id"] == meeting.pk and row["request"] == meeting.request_id
    assert datetime.datetime.fromisoformat(row["starts_at"]) == meeting.starts_at
    assert row["starts_at"].endswith(("T09:25:00+01:00", "T09:25:00+02:00"))
    assert row["session"] == {"id": session.pk, "title": "Morning"}
    assert row["table"] == {"id": table.pk, "number": 1, "name": ""}
    assert row["place"] == "Table 1"
    assert row["other"]["id"] == company_reg.pk and row["other"]["name"] == "Cecilie CEO"
    assert row["other"]["organisation"]["name"] == "CareSense ApS"
    assert row["need"] == {"id": need.pk, "title": "Fewer falls at night"}
    assert row["capability"] == {"id": capability.pk, "title": "Radar fall sensor"}
    assert row["why_meet"].startswith("“Fewer falls at night” and “Radar fall sensor”")
    assert row["ics_url"].endswith(reverse("events:meeting_ics", args=[event.pk, meeting.pk]))


def test_the_other_side_sees_the_meeting_from_their_side(as_user, event, meeting, buyer_reg):
    [row] = as_user("company_owner").get(url("event-agenda", event.pk)).json()["meetings"]
    assert row["other"]["id"] == buyer_reg.pk and row["other"]["name"] == "Olivia Owner"


def test_a_registered_colleague_gets_their_own_empty_agenda(as_user, event, meeting, member_reg):
    body = as_user("member").get(url("event-agenda", event.pk)).json()
    assert body["registration"] == member_reg.pk and body["meetings"] == []


@pytest.mark.parametrize("who", ["outsider", "coordinator", None])
def test_nobody_elses_agenda(as_user, event, meeting, who):
    assert as_user(who).get(url("event-agenda", event.pk)).status_code == 404


def test_no_agenda_on_the_waiting_list(as_user, event, meeting, member_reg):
    member_reg.status = "waitlisted"
    member_reg.save()
    assert as_user("member").get(url("event-agenda", event.pk)).status_code == 404


def test_no_agenda_of_a_members_only_event_for_outsiders(as_user, members_event, outsider):
    org = outsider.memberships.get().organisation
    f.RegistrationFactory(event=members_event, user=outsider, organisation=org)
    assert as_user("outsider").get(url("event-agenda", members_event.pk)).status_code == 404


def test_the_person_asked_cancels_the_meeting(as_user, event, meeting, owner):
    """The company was asked: it cancels the accepted request, i.e. the meeting."""
    response = as_user("company_owner").post(
        url("meeting-request-cancel", event.pk, meeting.request_id)
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert not Meeting.objects.exists()
    assert [m.to_email for m in outbox("meeting_agenda_changed")] == [owner.email]
    assert as_user("owner").get(url("event-agenda", event.pk)).json()["meetings"] == []


def test_a_colleague_cannot_cancel_the_meeting(as_user, event, meeting):
    response = as_user("member").post(url("meeting-request-cancel", event.pk, meeting.request_id))
    assert response.status_code == 404
    assert Meeting.objects.filter(pk=meeting.pk).exists()
