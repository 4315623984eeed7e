"""The organiser's scheduler run on real rows: meetings respect availability, caps and one
table a slot; locked meetings stay put on a re-run with late requests; every request left out
keeps its reason; only organisers of the event's hub run it, lock and unlock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import RestrictedError

from events.meetings import services
from events.meetings.models import Meeting, Unplaced
from tests import factories as f
from tests.events.meetings.conftest import accepted

pytestmark = pytest.mark.django_db


def _where(meetings):
    return {m.request_id: (m.session_id, m.slot, m.table_id, m.starts_at) for m in meetings}


def test_run_places_every_request_once_one_table_per_slot(event, session, requests, coordinator):
    summary = services.run_scheduler(event, actor=coordinator)

    meetings = list(Meeting.objects.order_by("slot"))
    assert summary.scheduled == 2 and summary.unscheduled == {} and summary.optimal
    assert {m.request_id for m in meetings} == {r.pk for r in requests}
    assert [m.slot for m in meetings] == [0, 1]  # one table: one meeting a slot
    slots = session.slots()
    for meeting in meetings:
        assert (meeting.starts_at, meeting.ends_at) == (
            slots[meeting.slot].starts_at,
            slots[meeting.slot].ends_at,
        )
    assert summary.value == sum(services.sch.meeting_value(r.score, r.must_meet) for r in requests)


def test_availability_and_caps_are_respected_and_reasons_stored(
    event, session, table, buyer_reg, company_reg, second_company_reg, member_reg, coordinator
):
    afternoon = f.SessionFactory(
        event=event,
        title="Afternoon",
        starts_at=session.starts_at + datetime.timedelta(hours=3),
        ends_at=session.starts_at + datetime.timedelta(hours=3, minutes=20),
    )
    second_company_reg.sessions.set([afternoon])  # only there
    company_reg.max_meetings = 1
    company_reg.save()
    first = accepted(buyer_reg, company_reg, score=0.9)
    capped = accepted(member_reg, company_reg, score=0.5)
    late = accepted(buyer_reg, second_company_reg, score=0.4)
    never = accepted(member_reg, second_company_reg, score=0.2)
    member_reg.sessions.set([session])  # never in the afternoon

    summary = services.run_scheduler(event, actor=coordinator)

    placed = {m.request_id: m for m in Meeting.objects.all()}
    assert set(placed) == {first.pk, late.pk}
    assert placed[late.pk].session == afternoon
    assert summary.unscheduled == {"cap_reached": 1, "no_common_slot": 1}
    reasons = {u.request_id: u for u in Unplaced.objects.all()}
    assert reasons[capped.pk].code == "cap_reached"
    assert "Cecilie CEO" in reasons[capped.pk].reason and "1 meetings" in reasons[capped.pk].reason
    assert reasons[never.pk].code == "no_common_slot"


def test_locked_meetings_stay_put_when_late_requests_arrive(
    event, session, requests, buyer_reg, member_reg, company_reg, coordinator
):
    services.run_scheduler(event, actor=coordinator)
    before = _where(Meeting.objects.all())
    assert services.lock_meetings(Meeting.objects.all(), actor=coordinator) == 2
    late = accepted(member_reg, company_reg, score=1.0, must_meet=True)  # worth far more

    summary = services.run_scheduler(event, actor=coordinator)

    assert _where(Meeting.objects.filter(request__in=requests)) == before
    assert not Meeting.objects.filter(request=late).exists()
    assert Unplaced.objects.get(request=late).code == "no_table"
    assert summary.unscheduled == {"no_table": 1}

    services.unlock_meetings(Meeting.objects.all(), actor=coordinator)
    services.run_scheduler(event, actor=coordinator)
    assert Meeting.objects.filter(request=late).exists()  # the must-meet wins once unlocked
    assert not Unplaced.objects.filter(request=late).exists()


def test_cancelled_requests_lose_their_meetings(event, requests, coordinator):
    services.run_scheduler(event, actor=coordinator)
    requests[0].status = "cancelled"
    requests[0].save()
    services.run_scheduler(event, actor=coordinator)
    assert list(Meeting.objects.values_list("request", flat=True)) == [requests[1].pk]


@pytest.mark.parametrize("who", ["owner", "member", "outsider", "other_coordinator"])
def test_only_the_hubs_organisers_schedule_and_lock(event, requests, coordinator, who, request):
    if who == "other_coordinator":
        actor = request.getfixturevalue("other_coordinator")
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.run_scheduler(event, actor=actor)
    assert not Meeting.objects.exists()
    services.run_scheduler(event, actor=coordinator)
    with pytest.raises(PermissionDenied):
        services.lock_meetings(Meeting.objects.all(), actor=actor)
    assert not Meeting.objects.filter(locked=True).exists()


def test_booth_events_seat_every_meeting_at_the_hosts_booth(
    client, event, session, buyer_reg, company_reg, second_company_reg, owner, coordinator
):
    event.location = "booths"
    event.save()
    booth = f.TableFactory(event=event, number=9, host=buyer_reg)
    accepted(buyer_reg, company_reg, score=0.9)
    accepted(second_company_reg, buyer_reg, score=0.5)

    services.run_scheduler(event, actor=coordinator)

    meetings = list(Meeting.objects.order_by("slot"))
    assert [(m.table, m.slot) for m in meetings] == [(booth, 0), (booth, 1)]
    client.force_login(owner)
    page = client.get(f"/events/{event.pk}/agenda/").content.decode()
    assert "Booth of Odense University Hospital" in page


def test_a_session_cap_spreads_meetings(
    event, session, table, buyer_reg, company_reg, second_company_reg, coordinator
):
    session.meeting_cap = 1
    session.save()
    accepted(buyer_reg, company_reg, score=0.9)
    left_out = accepted(second_company_reg, buyer_reg, score=0.5)

    summary = services.run_scheduler(event, actor=coordinator)

    assert summary.scheduled == 1
    assert Unplaced.objects.get(request=left_out).code == "session_cap"


def test_an_event_with_meetings_can_be_deleted_but_not_a_table_holding_one(
    event, requests, coordinator
):
    services.run_scheduler(event, actor=coordinator)
    meeting = Meeting.objects.filter(session__event=event).first()
    assert meeting is not None

    with pytest.raises(RestrictedError):
        meeting.table.delete()
    assert Meeting.objects.filter(pk=meeting.pk).exists()

    event.delete()
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
