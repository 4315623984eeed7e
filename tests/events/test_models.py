"""The events data model: derived slots, the rules of the model's clean(), the one-active-
registration constraint, and Event.objects.visible_to."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from events.models import Event, Registration
from tests import factories as f

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2031, 3, 4, 8, 0, tzinfo=datetime.UTC)


def _session(**kwargs):
    event = f.EventFactory(starts_at=T0, ends_at=T0 + datetime.timedelta(hours=8))
    return f.SessionFactory.build(event=event, **kwargs)


def test_slots_follow_meeting_length_and_breaks():
    session = _session(
        starts_at=T0 + datetime.timedelta(hours=1),
        ends_at=T0 + datetime.timedelta(hours=2),
        meeting_minutes=20,
        break_minutes=5,
    )
    slots = session.slots()
    # A third meeting would run 09:50-10:10, past the session's end at 10:00.
    assert [
        (s.index, s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in slots
    ] == [
        (0, "09:00", "09:20"),
        (1, "09:25", "09:45"),
    ]


def test_slots_without_breaks_fill_the_session_exactly():
    session = _session(
        starts_at=T0, ends_at=T0 + datetime.timedelta(hours=2), meeting_minutes=15, break_minutes=0
    )
    slots = session.slots()
    assert len(slots) == 8
    assert slots[-1].ends_at == session.ends_at


def test_a_session_too_short_for_one_meeting_has_no_slots():
    session = _session(
        starts_at=T0, ends_at=T0 + datetime.timedelta(minutes=10), meeting_minutes=20
    )
    assert session.slots() == []


def test_a_session_outside_the_event_is_refused():
    session = _session(
        starts_at=T0 - datetime.timedelta(hours=1), ends_at=T0 + datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="within the event's start and end"):
        session.full_clean()


def test_a_session_ending_before_it_starts_is_refused():
    session = _session(
        starts_at=T0 + datetime.timedelta(hours=2), ends_at=T0 + datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="must end after it starts"):
        session.full_clean()


def test_event_end_before_start_is_refused_by_the_database(hub):
    with pytest.raises(IntegrityError):
        f.EventFactory(hub=hub, starts_at=T0, ends_at=T0)


def test_a_table_host_must_be_registered_for_the_event(hub):
    event = f.EventFactory(hub=hub)
    elsewhere = f.RegistrationFactory(event=f.EventFactory(hub=hub))
    table = f.TableFactory.build(event=event, number=1, host=elsewhere)
    with pytest.raises(ValidationError, match="registered for this event"):
        table.full_clean()


def test_table_names(hub):
    event = f.EventFactory(hub=hub)
    assert str(f.TableFactory(event=event, number=3)) == "Table 3"
    assert str(f.TableFactory(event=event, number=4, name="Window")) == "Table 4 (Window)"


def test_one_active_registration_per_person_and_event(hub):
    first = f.RegistrationFactory(event=f.EventFactory(hub=hub))
    with pytest.raises(IntegrityError):
        f.RegistrationFactory(event=first.event, user=first.user, organisation=first.organisation)


def test_cancelled_registrations_do_not_count_against_the_constraint(hub):
    first = f.RegistrationFactory(
        event=f.EventFactory(hub=hub), status=Registration.Status.CANCELLED
    )
    again = f.RegistrationFactory(
        event=first.event, user=first.user, organisation=first.organisation
    )
    assert again.status == Registration.Status.CONFIRMED


def test_meeting_caps_per_kind(hub):
    event = f.EventFactory(hub=hub, max_meetings_buyer=6, max_meetings_company=10)
    assert event.meeting_cap_for(Registration.Kind.BUYER) == 6
    assert event.meeting_cap_for(Registration.Kind.COMPANY) == 10


def test_visible_to_anonymous_sees_only_listed_public_events(event, members_event, draft_event):
    from django.contrib.auth.models import AnonymousUser

    cancelled = f.EventFactory(hub=event.hub, status=Event.Status.CANCELLED)
    visible = set(Event.objects.visible_to(AnonymousUser()))
    assert visible == {event, cancelled}


def test_visible_to_superuser_sees_every_hub(superuser, draft_event, other_hub):
    foreign_draft = f.EventFactory(hub=other_hub, draft=True)
    assert {draft_event, foreign_draft} <= set(Event.objects.visible_to(superuser))


def test_visible_to_members_of_another_hub_excludes_members_only_events(members_event, outsider):
    assert members_event not in Event.objects.visible_to(outsider)
