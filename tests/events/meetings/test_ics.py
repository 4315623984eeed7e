"""Calendar files parsed back with icalendar: one VEVENT per meeting at the printed local time
with the event's TZID and its VTIMEZONE (across a DST change too), a UID that survives a re-run
that moves the meeting while its SEQUENCE grows, and a cancel calendar for the same UID."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.meetings import ics, services
from events.meetings.models import Meeting
from tests import factories as f
from tests.events.meetings.conftest import accepted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://healthmatch.example"


@pytest.fixture
def scheduled(event, requests, coordinator):
    services.run_scheduler(event, actor=coordinator)
    return requests


def _parse(calendar):
    return Calendar.from_ical(calendar.to_ical())


def _events(event, registration):
    calendar = _parse(ics.agenda_calendar(event, registration, services.agenda(registration)))
    return {str(vevent["uid"]): vevent for vevent in calendar.walk("VEVENT")}


def _local(vevent, name="dtstart"):
    return vevent.decoded(name).strftime("%Y-%m-%d %H:%M")


def test_agenda_calendar_holds_each_meeting_at_local_time_with_its_zone(
    event, scheduled, buyer_reg
):
    meetings = services.agenda(buyer_reg)
    calendar = _parse(ics.agenda_calendar(event, buyer_reg, meetings))

    assert str(calendar["version"]) == "2.0" and str(calendar["method"]) == "PUBLISH"
    assert str(calendar["prodid"]) == ics.PRODID
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 2
    day = event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d")
    for vevent, meeting, time in zip(vevents, meetings, ("09:00", "09:25"), strict=True):
        assert vevent["dtstart"].params["TZID"] == "Europe/Copenhagen"
        assert _local(vevent) == f"{day} {time}"
        assert vevent.decoded("dtstart") == meeting.starts_at
        assert vevent.decoded("dtend") == meeting.ends_at
        assert str(vevent["uid"]) == f"meeting-request-{meeting.request_id}@healthmatch.example"
        assert vevent.decoded("sequence") == 0
        assert str(vevent["location"]) == "Table 1, DOKK1, Aarhus"
        assert str(vevent["url"]) == f"https://healthmatch.example/events/{event.pk}/agenda/"
        assert "dtstamp" in vevent
    by_request = {str(v["uid"]).split("@")[0]: v for v in vevents}
    radar = by_request[f"meeting-request-{scheduled[0].pk}"]
    assert str(radar["summary"]) == "Meeting: Cecilie CEO (CareSense ApS)"
    text = str(radar["description"])
    assert "Need: Fewer falls at night" in text and "Capability: Radar fall sensor" in text
    assert "Why meet:" in text and f"https://healthmatch.example/events/{event.pk}/agenda/" in text
    walkwise = by_request[f"meeting-request-{scheduled[1].pk}"]
    assert str(walkwise["summary"]) == "Meeting: Wilma Walkwise (Walkwise A/S)"
    assert "Why meet:" not in str(walkwise["description"])


def test_the_other_side_sees_the_buyer_in_the_same_uid(event, scheduled, buyer_reg, company_reg):
    mine = _events(event, buyer_reg)
    theirs = _events(event, company_reg)
    (uid,) = theirs
    assert uid in mine
    assert str(theirs[uid]["summary"]) == "Meeting: Olivia Owner (Odense University Hospital)"


def test_a_moved_meeting_keeps_its_uid_and_its_sequence_grows(
    event, session, scheduled, buyer_reg, coordinator
):
    before = _events(event, buyer_reg)
    session.starts_at += datetime.timedelta(hours=1)
    session.ends_at += datetime.timedelta(hours=1)
    session.save()

    services.run_scheduler(event, actor=coordinator)

    after = _events(event, buyer_reg)
    assert set(after) == set(before)
    for uid, vevent in after.items():
        assert vevent.decoded("sequence") == before[uid].decoded("sequence") + 1 == 1
        moved = before[uid].decoded("dtstart") + datetime.timedelta(hours=1)
        assert vevent.decoded("dtstart") == moved
    assert sorted(_local(v)[-5:] for v in after.values()) == ["10:00", "10:25"]

    services.run_scheduler(event, actor=coordinator)  # nothing moves: nothing grows
    assert {
        uid: v.decoded("sequence") for uid, v in _events(event, buyer_reg).items()
    } == dict.fromkeys(after, 1)


def _last_sunday_of_march(year):
    day = datetime.date(year, 3, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_local_times_hold_across_a_dst_change(
    event, buyer_reg, company_reg, second_company_reg, coordinator
):
    oslo = ZoneInfo("Europe/Oslo")
    sunday = _last_sunday_of_march(datetime.date.today().year + 1)  # 02:00 CET -> 03:00 CEST
    saturday, monday = sunday - datetime.timedelta(days=1), sunday + datetime.timedelta(days=1)

    def at(day, hour, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), oslo)

    event.time_zone = "Europe/Oslo"
    event.starts_at, event.ends_at = at(saturday, 8), at(monday, 17)
    event.save()
    before = f.SessionFactory(event=event, starts_at=at(saturday, 9), ends_at=at(saturday, 9, 20))
    after = f.SessionFactory(event=event, starts_at=at(monday, 9), ends_at=at(monday, 9, 20))
    f.TableFactory(event=event, number=1)
    company_reg.sessions.set([before])
    second_company_reg.sessions.set([after])
    accepted(buyer_reg, company_reg, score=0.9)
    accepted(second_company_reg, buyer_reg, score=0.5)
    services.run_scheduler(event, actor=coordinator)

    calendar = ics.agenda_calendar(event, buyer_reg, services.agenda(buyer_reg))
    raw = calendar.to_ical().decode()
    first, second = _parse(calendar).walk("VEVENT")

    assert f"DTSTART;TZID=Europe/Oslo:{saturday:%Y%m%d}T090000" in raw
    assert f"DTSTART;TZID=Europe/Oslo:{monday:%Y%m%d}T090000" in raw
    assert _local(first) == f"{saturday} 09:00" and _local(second) == f"{monday} 09:00"
    assert first.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1)
    assert second.decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)
    assert first.decoded("dtstart").astimezone(datetime.UTC).hour == 8
    assert second.decoded("dtstart").astimezone(datetime.UTC).hour == 7
    (zone,) = _parse(calendar).walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Oslo"
    offsets = {(c.name, c.decoded("tzoffsetto")) for c in zone.subcomponents}
    assert ("DAYLIGHT", datetime.timedelta(hours=2)) in offsets
    assert ("STANDARD", datetime.timedelta(hours=1)) in offsets


def test_a_cancel_calendar_has_the_same_uid_cancelled_with_a_higher_sequence(
    event, scheduled, buyer_reg
):
    published = _events(event, buyer_reg)
    meeting = Meeting.objects.get(request=scheduled[1])
    meeting.sequence = 3
    meeting.save()
    request = meeting.request  # its meeting stays cached on it once deleted
    meeting.delete()

    calendar = _parse(ics.cancel_calendar(event, buyer_reg, [request]))

    assert str(calendar["method"]) == "CANCEL"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["uid"]) in published
    assert str(vevent["uid"]) == ics.meeting_uid(request.pk)
    assert str(vevent["status"]) == "CANCELLED"
    assert vevent.decoded("sequence") == 4
    assert vevent["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert vevent.decoded("dtstart") == meeting.starts_at
    assert str(vevent["summary"]) == "Meeting: Wilma Walkwise (Walkwise A/S)"

    request.refresh_from_db()  # nothing cached, no row: still a valid cancellation
    (bare,) = _parse(ics.cancel_calendar(event, buyer_reg, [request])).walk("VEVENT")
    assert str(bare["uid"]) == ics.meeting_uid(request.pk)
    assert bare.decoded("sequence") == 1 and "dtstart" not in bare
