"""Self-pick scheduling: the person who accepts picks a free slot (the asker, on an opt-out
event), and the meeting is placed at once, locked, at the lowest free table. Only slots both are
available and free in, within every cap and with a table free, are offered; a slot taken since
is refused with the request left pending."""

import pytest
from django.core.exceptions import ValidationError

from events import services as event_services
from events.meetings import self_pick, services
from events.meetings.models import Meeting
from events.models import Event
from events.requests import services as request_services
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.events.conftest import outbox
from tests.events.meetings.conftest import accepted, pending

pytestmark = pytest.mark.django_db


def keys(event, a, b):
    return [free.key for free in self_pick.free_slots(event, a, b)]


def place(request_, table_, session_, slot):
    start = session_.slots()[slot]
    return Meeting.objects.create(
        request=request_,
        session=session_,
        slot=slot,
        starts_at=start.starts_at,
        ends_at=start.ends_at,
        table=table_,
    )


def test_accepting_at_a_free_time_places_a_locked_meeting(
    pick_day, session, table, buyer_reg, company_reg, owner, company_owner
):
    asked = pending(company_reg, buyer_reg)
    free = self_pick.free_slots(pick_day, company_reg, buyer_reg)
    assert [x.key for x in free] == [f"{session.pk}-0", f"{session.pk}-1"]
    assert "09:25–09:45" in free[1].label(pick_day)

    self_pick.accept_at(asked, actor=owner, slot=free[1].key)

    asked.refresh_from_db()
    meeting = asked.meeting
    assert asked.status == MeetingRequest.Status.ACCEPTED
    assert (meeting.session, meeting.slot, meeting.table, meeting.locked) == (
        session,
        1,
        table,
        True,
    )
    assert meeting.starts_at == session.slots()[1].starts_at
    (row,) = outbox("meeting_request_accepted", to=company_owner.email)
    for part in (row.text, row.html):
        assert "Your meeting:" in part and "09:25–09:45" in part and "Table 1" in part


def test_the_lowest_free_table_number(pick_day, session, buyer_reg, company_reg, owner, hub):
    f.TableFactory(event=pick_day, number=3)
    two = f.TableFactory(event=pick_day, number=2)
    other_buyer = f.RegistrationFactory(event=pick_day, organisation=f.OrganisationFactory(hub=hub))
    other_company = f.RegistrationFactory(
        event=pick_day, organisation=f.OrganisationFactory(hub=hub, company=True)
    )
    one = pick_day.tables.get(number=1)
    place(accepted(other_buyer, other_company), one, session, 0)
    asked = pending(company_reg, buyer_reg)

    self_pick.accept_at(asked, actor=owner, slot=f"{session.pk}-0")

    assert Meeting.objects.get(request=asked).table == two


def test_busy_people_caps_and_availability_leave_slots_out(
    pick_day, session, table, buyer_reg, company_reg, second_company_reg, hub
):
    f.TableFactory(event=pick_day, number=2)
    place(accepted(second_company_reg, buyer_reg), table, session, 0)
    assert keys(pick_day, company_reg, buyer_reg) == [f"{session.pk}-1"]  # the buyer is busy

    buyer_reg.max_meetings = 1
    buyer_reg.save()
    assert keys(pick_day, company_reg, buyer_reg) == []
    buyer_reg.max_meetings = None
    buyer_reg.save()
    pick_day.max_meetings_buyer = 1
    pick_day.save()
    assert keys(pick_day, company_reg, buyer_reg) == []
    pick_day.max_meetings_buyer = None
    pick_day.save()
    session.meeting_cap = 1
    session.save()
    assert keys(pick_day, company_reg, buyer_reg) == []
    session.meeting_cap = None
    session.save()

    afternoon = f.SessionFactory(event=pick_day, title="Afternoon")
    company_reg.sessions.set([afternoon])  # available in the afternoon only
    found = keys(pick_day, company_reg, buyer_reg)
    assert found and all(key.startswith(f"{afternoon.pk}-") for key in found)


def test_no_table_free_leaves_the_slot_out(pick_day, session, table, buyer_reg, company_reg, hub):
    people = [
        f.RegistrationFactory(event=pick_day, organisation=f.OrganisationFactory(hub=hub, **kw))
        for kw in ({}, {"company": True}, {}, {"company": True})
    ]
    place(accepted(people[0], people[1]), table, session, 0)
    place(accepted(people[2], people[3]), table, session, 1)
    assert keys(pick_day, company_reg, buyer_reg) == []


def test_a_taken_time_is_refused_and_the_request_stays_pending(
    pick_day, session, table, buyer_reg, company_reg, second_company_reg, owner
):
    asked = pending(company_reg, buyer_reg)
    place(accepted(second_company_reg, buyer_reg), table, session, 0)

    with pytest.raises(ValidationError) as caught:
        self_pick.accept_at(asked, actor=owner, slot=f"{session.pk}-0")
    assert caught.value.message_dict == {"slot": ["This time is no longer free: choose another."]}
    with pytest.raises(ValidationError) as caught:
        request_services.accept(asked, actor=owner)  # a self-pick event needs a time
    assert "slot" in caught.value.message_dict

    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.PENDING
    assert not Meeting.objects.filter(request=asked).exists()
    assert outbox("meeting_request_accepted") == []


def test_booth_meetings_take_the_hosts_booth(pick_day, session, buyer_reg, company_reg, owner):
    pick_day.location = Event.Location.BOOTHS
    pick_day.save()
    booth = f.TableFactory(event=pick_day, number=9, host=buyer_reg)
    asked = pending(company_reg, buyer_reg)

    self_pick.accept_at(asked, actor=owner, slot=f"{session.pk}-0")

    assert Meeting.objects.get(request=asked).table == booth


def test_opt_out_asker_picks_when_asking(pick_day, session, table, buyer_reg, company_reg, owner):
    pick_day.request_acceptance = Event.RequestAcceptance.OPT_OUT
    pick_day.save()
    with pytest.raises(ValidationError):
        self_pick.request_at(buyer_reg, company_reg, actor=owner, slot="")
    assert not MeetingRequest.objects.exists()  # nothing half-written

    made = self_pick.request_at(buyer_reg, company_reg, actor=owner, slot=f"{session.pk}-1")

    assert made.status == MeetingRequest.Status.ACCEPTED
    assert Meeting.objects.get(request=made).slot == 1


def test_organiser_run_on_a_self_pick_event_keeps_every_placed_meeting(
    pick_day, session, table, buyer_reg, company_reg, second_company_reg, owner, coordinator
):
    f.TableFactory(event=pick_day, number=2)
    picked = pending(company_reg, buyer_reg)
    self_pick.accept_at(picked, actor=owner, slot=f"{session.pk}-1")
    unlocked = place(accepted(second_company_reg, buyer_reg), table, session, 0)  # an old run's
    third_buyer = f.RegistrationFactory(
        event=pick_day, organisation=f.OrganisationFactory(hub=buyer_reg.organisation.hub)
    )
    late = accepted(company_reg, third_buyer)
    before = {m.pk: (m.slot, m.table_id) for m in Meeting.objects.all()}

    summary = services.run_scheduler(pick_day, actor=coordinator)

    after = {m.pk: (m.slot, m.table_id) for m in Meeting.objects.exclude(request=late)}
    assert after == before
    assert not Meeting.objects.get(pk=unlocked.pk).locked  # kept, not because of its flag
    assert Meeting.objects.get(request=late).slot == 0  # the left-over request is placed
    assert summary.scheduled == 3


def test_switching_modes_keeps_the_placed_meetings(event, requests, coordinator, owner, hub):
    services.run_scheduler(event, actor=coordinator)
    placed = {m.pk: (m.session_id, m.slot, m.table_id) for m in Meeting.objects.all()}
    assert len(placed) == 2 and not Meeting.objects.filter(locked=True).exists()

    to_self_pick = {
        "scheduling": Event.Scheduling.SELF_PICK,
        "location": Event.Location.BOOTHS,
        "request_acceptance": Event.RequestAcceptance.OPT_OUT,
    }
    event_services.update_event(event, actor=coordinator, data=to_self_pick)
    assert {m.pk: (m.session_id, m.slot, m.table_id) for m in Meeting.objects.all()} == placed
    services.run_scheduler(event, actor=coordinator)
    assert {m.pk: (m.session_id, m.slot, m.table_id) for m in Meeting.objects.all()} == placed

    back = {
        "scheduling": Event.Scheduling.ORGANISER,
        "location": Event.Location.TABLES,
        "request_acceptance": Event.RequestAcceptance.OPT_IN,
    }
    event_services.update_event(event, actor=coordinator, data=back)
    assert {m.pk: (m.session_id, m.slot, m.table_id) for m in Meeting.objects.all()} == placed
    services.run_scheduler(event, actor=coordinator)
    assert set(Meeting.objects.values_list("request_id", flat=True)) == {r.pk for r in requests}


def test_a_self_picked_meeting_survives_the_switch_to_organiser_runs(
    pick_day, session, table, buyer_reg, company_reg, second_company_reg, owner, coordinator
):
    picked = pending(company_reg, buyer_reg)
    self_pick.accept_at(picked, actor=owner, slot=f"{session.pk}-1")
    event_services.update_event(
        pick_day, actor=coordinator, data={"scheduling": Event.Scheduling.ORGANISER}
    )
    other = accepted(second_company_reg, buyer_reg, score=0.99, must_meet=True)

    services.run_scheduler(pick_day, actor=coordinator)

    kept = Meeting.objects.get(request=picked)
    assert (kept.slot, kept.table, kept.locked) == (1, table, True)
    assert Meeting.objects.get(request=other).slot == 0  # placed around it
