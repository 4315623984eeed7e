"""The day-before reminder: once to each confirmed participant with a meeting, when the event
starts within 24 hours on the next local day; text and HTML with local times, place, who and
about what, the agenda attached as a calendar file. Nothing for cancelled events, people
without meetings, cancelled registrations, or outside the window."""

import datetime
import email
from email import policy

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from events.meetings import ics, reminders, services
from events.tasks import send_meeting_reminders
from healthmatch.mail.sending import deliver_due
from tests.events.conftest import outbox
from tests.healthmatch.mail.conftest import parts

pytestmark = pytest.mark.django_db
KIND = "meeting_reminder"


@pytest.fixture
def scheduled(event, requests, member_reg, coordinator):
    services.run_scheduler(event, actor=coordinator)
    return requests


def _day_before(event, hour=9, minute=30):
    """``hour``:``minute`` local time on the day before the event."""
    local = event.starts_at.astimezone(event.zone) - datetime.timedelta(days=1)
    return local.replace(hour=hour, minute=minute)


def test_each_participant_with_meetings_is_reminded_once(
    event, scheduled, owner, company_owner, second_company_reg
):
    second_company_reg.status = "cancelled"  # cancelled after the run: no reminder
    second_company_reg.save()
    now = _day_before(event)

    assert reminders.send_meeting_reminders(now) == 2
    assert reminders.send_meeting_reminders(now) == 2
    assert reminders.send_meeting_reminders(now + datetime.timedelta(hours=1)) == 2

    sent = outbox(KIND)
    assert sorted(m.to_email for m in sent) == sorted([owner.email, company_owner.email])
    mine = outbox(KIND, to=owner.email)[0]
    assert mine.subject == "Your meetings tomorrow at “Welfare Tech Matchmaking Day”"
    day = event.starts_at.astimezone(event.zone).strftime("%-d %B")
    for part in (mine.text, mine.html):
        assert f"{day}, 09:00–09:20" in part and f"{day}, 09:25–09:45" in part
        assert "Table 1" in part and "DOKK1, Aarhus" in part
        assert "Cecilie CEO" in part and "CareSense ApS" in part and "Walkwise A/S" in part
        assert "Fewer falls at night" in part and "Radar fall sensor" in part
        assert "Why meet:" in part
        assert f"/events/{event.pk}/agenda/" in part
    assert "<li>" in mine.html
    (attachment,) = mine.attachments
    assert attachment["mimetype"] == "text/calendar; method=PUBLISH"
    calendar = Calendar.from_ical(attachment["content"])
    starts = sorted(v.decoded("dtstart").strftime("%H:%M") for v in calendar.walk("VEVENT"))
    assert starts == ["09:00", "09:25"]
    assert {str(v["uid"]) for v in calendar.walk("VEVENT")} == {
        ics.meeting_uid(r.pk) for r in scheduled
    }


def test_the_reminder_arrives_over_smtp_with_its_calendar(
    smtp_settings, event, scheduled, company_owner
):
    deliver_due()  # the scheduler's emails
    smtp_settings.handler.messages.clear()
    reminders.send_meeting_reminders(_day_before(event))
    deliver_due()

    (received,) = [m for m in smtp_settings.handler.messages if m["to"] == [company_owner.email]]
    message = email.message_from_bytes(received["content"], policy=policy.default)
    assert "Your meetings tomorrow" in message["Subject"]
    assert "Olivia Owner" in parts(message)["text/plain"]
    (part,) = [p for p in message.walk() if p.get_content_disposition() == "attachment"]
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "PUBLISH"
    (vevent,) = Calendar.from_ical(part.get_content()).walk("VEVENT")
    assert str(vevent["summary"]) == "Meeting: Olivia Owner (Odense University Hospital)"
    assert vevent["dtstart"].params["TZID"] == "Europe/Copenhagen"


@pytest.mark.parametrize(
    "when",
    [
        "two days before",
        "before the 24 hours",
        "the day itself",
        "after the start",
    ],
)
def test_no_reminder_outside_the_window(event, scheduled, when):
    start = event.starts_at.astimezone(event.zone)  # 08:00 local
    now = {
        "two days before": start - datetime.timedelta(days=2),
        "before the 24 hours": _day_before(event, hour=7, minute=59),
        "the day itself": start.replace(hour=7),
        "after the start": start + datetime.timedelta(minutes=1),
    }[when]
    assert reminders.send_meeting_reminders(now) == 0
    assert outbox(KIND) == []


@pytest.mark.parametrize(
    ("start", "due", "not_due"),
    [
        # (local start, local moments on the days before that are due, that are not)
        ((0, 30), [(-1, 0, 45), (-1, 23, 0)], [(-2, 0, 15)]),
        ((23, 30), [(-1, 23, 45)], [(-2, 23, 15), (0, 0, 15)]),
    ],
)
def test_due_means_within_24_hours_and_starting_tomorrow_locally(
    event, scheduled, start, due, not_due
):
    local = event.starts_at.astimezone(event.zone).replace(hour=start[0], minute=start[1])
    event.starts_at, event.ends_at = local, local + datetime.timedelta(hours=8)
    event.save()

    def at(days, hour, minute):
        day = local.date() + datetime.timedelta(days=days)
        return datetime.datetime.combine(day, datetime.time(hour, minute), event.zone)

    for moment in not_due:
        assert reminders.due_events(at(*moment)) == [], moment
    for moment in due:
        assert reminders.due_events(at(*moment)) == [event], moment


@pytest.mark.parametrize("status", ["cancelled", "draft"])
def test_no_reminder_for_a_cancelled_or_draft_event(event, scheduled, status):
    event.status = status
    event.save()
    assert reminders.send_meeting_reminders(_day_before(event)) == 0
    assert outbox(KIND) == []


def test_the_task_reminds_due_events_and_beat_runs_it_hourly(event, scheduled):
    event.starts_at = timezone.now() + datetime.timedelta(hours=23, minutes=59)
    event.ends_at = event.starts_at + datetime.timedelta(hours=8)
    event.save()

    assert send_meeting_reminders.delay().get() == 3
    assert send_meeting_reminders.delay().get() == 3
    assert len(outbox(KIND)) == 3
    entry = settings.CELERY_BEAT_SCHEDULE["meeting-reminders"]
    assert entry["task"] == send_meeting_reminders.name == "events.tasks.send_meeting_reminders"
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24
