"""The demo's matchmaking days: a past one with its meetings, check-ins and no-shows, and an
upcoming one open for registration with meeting requests in every state."""

import datetime as dt
from collections import Counter

import pytest
from django.apps import apps
from django.utils import timezone

from events import services as events
from events.feedback.models import MeetingFeedback, MeetingFollowUp
from events.meetings.models import Meeting
from events.models import Event, Registration
from events.requests.models import MeetingRequest
from healthmatch.demo.matchmaking_days import COMPANY, HOSPITAL
from healthmatch.demo.report import banner_lines
from healthmatch.demo.seed import seed_demo
from healthmatch.demo.seed_events import EVENT_ROWS
from healthmatch.mail.models import OutboxMessage
from matching.models import Match

pytestmark = pytest.mark.django_db

PAST = "Welfare Tech matchmaking day"
UPCOMING = "Nordic Health Tech Matchmaking"


def meetings_of(event):
    return Meeting.objects.filter(session__event=event).select_related("request")


def test_past_day_is_over_with_its_meetings_check_ins_and_no_shows(seeded):
    event = Event.objects.get(title=PAST)
    now = timezone.now()
    assert event.ends_at < now - dt.timedelta(days=14)
    assert event.starts_at.astimezone(event.zone).time() == dt.time(9, 0)
    assert event.status == Event.Status.REGISTRATION_CLOSED
    assert event.scheduling == Event.Scheduling.ORGANISER
    assert event.sessions.count() == 2 and event.tables.count() == 8
    registrations = event.registrations.all()
    assert set(registrations.values_list("status", flat=True)) == {"confirmed"}
    assert set(registrations.values_list("kind", flat=True)) == {"buyer", "company"}
    no_shows = registrations.filter(no_show=True)
    assert no_shows.count() == 2
    assert not no_shows.exclude(checked_in_at=None).exists()
    assert registrations.exclude(checked_in_at=None).count() == registrations.count() - 2
    statuses = Counter(event.meeting_requests.values_list("status", flat=True))
    assert {"accepted", "declined", "expired"} <= set(statuses)
    accepted = event.meeting_requests.filter(status="accepted")
    assert meetings_of(event).count() == accepted.count() > 0
    assert {m.request.status for m in meetings_of(event)} == {"accepted"}
    buyer = registrations.get(user__email=HOSPITAL)
    assert buyer.pitched_needs.exists()
    assert registrations.get(user__email=COMPANY).capabilities.exists()


def test_past_day_books_nobody_twice_and_keeps_meetings_in_their_slots(seeded):
    event = Event.objects.get(title=PAST)
    busy, places = Counter(), Counter()
    for meeting in meetings_of(event).select_related("session"):
        request = meeting.request
        for registration in (request.from_registration_id, request.to_registration_id):
            busy[(registration, meeting.starts_at)] += 1
        places[(meeting.starts_at, meeting.table_id)] += 1
        slot = meeting.session.slots()[meeting.slot]
        assert (slot.starts_at, slot.ends_at) == (meeting.starts_at, meeting.ends_at)
        assert request.answered_at < event.request_deadline < meeting.created_at
        assert meeting.created_at < event.starts_at
    assert max(busy.values()) == 1
    assert max(places.values()) == 1


def test_upcoming_day_is_open_with_requests_in_every_state(seeded):
    event = Event.objects.get(title=UPCOMING)
    now = timezone.now()
    assert now + dt.timedelta(days=21) < event.starts_at < now + dt.timedelta(days=36)
    assert event.time_zone == "Europe/Oslo" and event.capacity == 60
    assert events.registration_window_problem(event) is None
    assert now < event.request_deadline < event.starts_at
    statuses = set(event.meeting_requests.values_list("status", flat=True))
    assert statuses == set(MeetingRequest.Status.values)
    assert not meetings_of(event).exists()
    for email in (HOSPITAL, COMPANY):
        registration = event.registrations.get(user__email=email)
        assert registration.status == Registration.Status.CONFIRMED
        to_answer = event.meeting_requests.filter(to_registration=registration, status="pending")
        assert to_answer.exists(), email


def test_seed_demo_events_leave_no_outbox_rows(seeded):
    assert Event.objects.count() == 2
    assert OutboxMessage.objects.count() == 0


def test_seed_demo_keeps_events_at_their_distance_from_a_later_demo_day(db):
    first_day = dt.date(2026, 3, 3)  # a Tuesday
    seed_demo(first_day)
    before = {e.title: e.starts_at for e in Event.objects.all()}
    offsets = {m.pk: m.starts_at - m.session.event.starts_at for m in Meeting.objects.all()}
    rows = (Event.objects.count(), Registration.objects.count(), MeetingRequest.objects.count())
    result = seed_demo(first_day + dt.timedelta(days=14))
    assert result.updated["Event date"] == 2
    for event in Event.objects.all():
        assert event.starts_at - before[event.title] == dt.timedelta(days=14)
    for meeting in Meeting.objects.select_related("session__event"):
        assert meeting.starts_at - meeting.session.event.starts_at == offsets[meeting.pk]
    assert rows == (
        Event.objects.count(),
        Registration.objects.count(),
        MeetingRequest.objects.count(),
    )


def test_event_rows_name_every_model_of_the_events_app():
    """A new model of the events app must be moved in time with its event."""
    assert set(EVENT_ROWS) == set(apps.get_app_config("events").get_models())


def test_demo_banner_points_to_the_events_page():
    assert any(
        "http://127.0.0.1:8000/events/" in line for line in banner_lines("http://127.0.0.1:8000")
    )


def test_past_day_has_feedback_and_its_follow_ups_are_in_the_funnel(seeded):
    event = Event.objects.get(title=PAST)
    feedback = MeetingFeedback.objects.filter(meeting__session__event=event)
    assert feedback.count() == 10  # five meetings, both sides
    no_shows = set(event.registrations.filter(no_show=True).values_list("pk", flat=True))
    assert not feedback.filter(registration__in=no_shows).exists()
    assert feedback.filter(useful=False).count() == 2
    # Two meetings where both sides said "follow up": their matches held a meeting.
    follow_ups = MeetingFollowUp.objects.filter(meeting__session__event=event)
    assert follow_ups.count() == 2
    for follow_up in follow_ups:
        assert follow_up.outcome == MeetingFollowUp.Outcome.MOVED, follow_up.reason
        assert follow_up.match.status == Match.Status.MET
        assert follow_up.match.events.filter(to_status=Match.Status.MET).exists()
