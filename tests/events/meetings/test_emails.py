"""One email to each participant whose agenda a run changed, text and HTML, times in the
event's zone; an unchanged re-run sends nothing, a change sends again to those it touches.
Over real SMTP: the new agenda arrives as a calendar file, lost meetings as a CANCEL one."""

import email
from email import policy

import pytest
from icalendar import Calendar

from events.meetings import emails, ics, services
from events.meetings.models import Meeting
from healthmatch.mail.sending import deliver_due
from tests.events.conftest import outbox
from tests.events.meetings.conftest import accepted
from tests.healthmatch.mail.conftest import parts

pytestmark = pytest.mark.django_db
KIND = "meeting_agenda_changed"


def test_one_email_per_changed_agenda_and_none_on_an_unchanged_rerun(
    event, requests, owner, company_owner, member_reg, coordinator
):
    summary = services.run_scheduler(event, actor=coordinator)

    sent = outbox(KIND)
    assert summary.emailed == 3
    assert sorted(m.to_email for m in sent) == sorted(
        [owner.email, company_owner.email, "ceo@walkwise.example"]
    )  # the colleague without meetings hears nothing
    mine = outbox(KIND, to=owner.email)[0]
    assert "Welfare Tech Matchmaking Day" in mine.subject
    first = Meeting.objects.order_by("starts_at").first()
    assert first.starts_at.hour == 8  # UTC in winter: 09:00 in Copenhagen
    for part in (mine.text, mine.html):
        assert "09:00" in part and "Cecilie CEO" in part and "Walkwise A/S" in part
        assert f"/events/{event.pk}/agenda/" in part
    assert "<li>" in mine.html

    services.run_scheduler(event, actor=coordinator)
    assert len(outbox(KIND)) == 3

    late = accepted(member_reg, requests[0].to_registration, score=0.1)
    services.lock_meetings(Meeting.objects.all(), actor=coordinator)
    services.run_scheduler(event, actor=coordinator)
    assert len(outbox(KIND)) == 3  # no table free: nobody's agenda changed
    services.unlock_meetings(Meeting.objects.all(), actor=coordinator)
    requests[1].status = "cancelled"
    requests[1].save()
    services.run_scheduler(event, actor=coordinator)
    assert Meeting.objects.filter(request=late).exists()
    again = outbox(KIND)[3:]
    assert {m.to_email for m in again} >= {"ceo@walkwise.example", "member@ouh.example"}

    requests[1].status = "accepted"  # back as it was: the change is told again
    requests[1].save()
    late.status = "cancelled"
    late.save()
    sent_before = len(outbox(KIND))
    services.run_scheduler(event, actor=coordinator)
    assert "member@ouh.example" in {m.to_email for m in outbox(KIND)[sent_before:]}


def _calendars(message):
    """{filename: (METHOD param, parsed calendar)} of a received message's attachments."""
    return {
        part.get_filename(): (part.get_param("method"), Calendar.from_ical(part.get_content()))
        for part in message.walk()
        if part.get_content_disposition() == "attachment"
    }


def _received(smtp_settings, to):
    messages = [m for m in smtp_settings.handler.messages if m["to"] == [to]]
    return [email.message_from_bytes(m["content"], policy=policy.default) for m in messages]


def test_the_email_carries_the_agenda_as_a_calendar_over_smtp(
    smtp_settings, event, requests, owner, coordinator
):
    services.run_scheduler(event, actor=coordinator)
    deliver_due()

    (message,) = _received(smtp_settings, owner.email)
    body = parts(message)
    assert "09:00" in body["text/plain"] and "09:00" in body["text/html"]
    calendars = _calendars(message)
    assert list(calendars) == ["welfare-tech-matchmaking-day-agenda.ics"]
    method, calendar = calendars["welfare-tech-matchmaking-day-agenda.ics"]
    assert method == "PUBLISH"
    uids = {str(v["uid"]) for v in calendar.walk("VEVENT")}
    assert uids == {ics.meeting_uid(r.pk) for r in requests}
    assert {v["dtstart"].params["TZID"] for v in calendar.walk("VEVENT")} == {"Europe/Copenhagen"}


def test_a_lost_meeting_is_listed_and_cancelled_in_the_calendar(
    smtp_settings, event, requests, owner, coordinator
):
    services.run_scheduler(event, actor=coordinator)
    lost = Meeting.objects.get(request=requests[1])
    requests[1].status = "cancelled"
    requests[1].save()
    deliver_due()
    smtp_settings.handler.messages.clear()

    services.run_scheduler(event, actor=coordinator)
    deliver_due()

    (message,) = _received(smtp_settings, owner.email)
    body = parts(message)
    for part in (body["text/plain"], body["text/html"]):
        assert "These meetings of yours at" in part and "are cancelled:" in part
        assert "Wilma Walkwise (Walkwise A/S)" in part
    calendars = _calendars(message)
    method, cancel = calendars["welfare-tech-matchmaking-day-cancelled.ics"]
    assert method == "CANCEL" and str(cancel["method"]) == "CANCEL"
    (vevent,) = cancel.walk("VEVENT")
    assert str(vevent["uid"]) == ics.meeting_uid(requests[1].pk)
    assert str(vevent["status"]) == "CANCELLED"
    assert vevent.decoded("sequence") == lost.sequence + 1
    assert vevent.decoded("dtstart") == lost.starts_at
    _method, agenda = calendars["welfare-tech-matchmaking-day-agenda.ics"]
    assert [str(v["uid"]) for v in agenda.walk("VEVENT")] == [ics.meeting_uid(requests[0].pk)]

    (theirs,) = _received(smtp_settings, "ceo@walkwise.example")
    assert list(_calendars(theirs)) == ["welfare-tech-matchmaking-day-cancelled.ics"]
    assert "You have no meetings scheduled." in parts(theirs)["text/plain"]


def test_agenda_changed_takes_removed_from_other_callers(event, requests, buyer_reg, coordinator):
    """The signature other parts call (cancelling a registration): removed= per registration."""
    services.run_scheduler(event, actor=coordinator)
    request = requests[1]
    meeting = Meeting.objects.get(request=request)
    request = meeting.request
    meeting.delete()

    count = emails.agenda_changed(
        event, [buyer_reg], list(Meeting.objects.all()), removed={buyer_reg.pk: [request]}
    )

    assert count == 1
    row = outbox(KIND, to=buyer_reg.user.email)[-1]
    cancelled, agenda = row.text.split("Your agenda now reads:")
    assert "are cancelled:" in cancelled and "Wilma Walkwise" in cancelled
    assert "Wilma Walkwise" not in agenda and "Cecilie CEO" in agenda
    assert [a["filename"] for a in row.attachments] == [
        "welfare-tech-matchmaking-day-agenda.ics",
        "welfare-tech-matchmaking-day-cancelled.ics",
    ]
    assert row.attachments[1]["mimetype"] == "text/calendar; method=CANCEL"
