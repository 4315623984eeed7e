"""Calendar files (RFC 5545, built with ``icalendar``) of a participant's meetings: the whole
agenda or one meeting (METHOD:PUBLISH), and the meetings they lost (METHOD:CANCEL).

- **Times** carry the event's zone: ``DTSTART;TZID=Europe/Oslo:...`` with the matching
  VTIMEZONE, so a calendar shows the meeting at the printed local time, across DST changes too.
- **UID** is the meeting *request*'s, ``meeting-request-<pk>@<SITE_URL's host>``: a meeting the
  scheduler moves (or a re-run re-creates) keeps its UID, so importing the new file replaces the
  old entry; ``SEQUENCE`` is ``Meeting.sequence``, one more each time a run moves the meeting.
- **Cancelling** sends the same UID with ``STATUS:CANCELLED`` and a SEQUENCE one above the
  meeting's last one, in a calendar of its own (one METHOD per file).

Texts (summary, place, description) are written in the active language: the views' request
language, the outbox's recipient language for attachments.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from events.requests.ranking import why_meet

PRODID = "-//HealthMatch//Event meetings//EN"
PUBLISH, CANCEL = "PUBLISH", "CANCEL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_host() -> str:
    """The right-hand side of every UID: the site's host, stable for a deployment."""
    return urlsplit(settings.SITE_URL).hostname or "healthmatch.local"


def meeting_uid(request_pk: int) -> str:
    return f"meeting-request-{request_pk}@{uid_host()}"


def agenda_url(event) -> str:
    return settings.SITE_URL + reverse("events:agenda", args=[event.pk])


def summary(other) -> str:
    return _("Meeting: %(name)s (%(organisation)s)") % {
        "name": other.user.name,
        "organisation": other.organisation.name,
    }


def location(meeting, event) -> str:
    return ", ".join(part for part in (str(meeting.place), event.venue) if part)


def description(meeting, event) -> str:
    request = meeting.request
    lines = []
    if request.need_id:
        lines.append(_("Need: %(title)s") % {"title": request.need.title})
    if request.capability_id:
        lines.append(_("Capability: %(title)s") % {"title": request.capability.title})
    if request.match_id:
        lines.append(_("Why meet: %(why)s") % {"why": why_meet(request.match)})
    lines.append(_("Event: %(title)s") % {"title": event.title})
    lines.append(_("Your agenda: %(url)s") % {"url": agenda_url(event)})
    return "\n".join(lines)


def _meeting_event(meeting, registration, event, stamp) -> VEvent:
    zone = event.zone
    vevent = VEvent()
    vevent.add("uid", meeting_uid(meeting.request_id))
    vevent.add("sequence", meeting.sequence)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", meeting.starts_at.astimezone(zone))
    vevent.add("dtend", meeting.ends_at.astimezone(zone))
    vevent.add("summary", summary(meeting.other(registration)))
    vevent.add("location", location(meeting, event))
    vevent.add("description", description(meeting, event))
    vevent.add("url", agenda_url(event))
    vevent.add("status", "CONFIRMED")
    return vevent


def lost_meeting(request):
    """The request's meeting as the caller loaded it (a deleted one still in memory), else the
    row if it still exists, else None."""
    try:
        return request.meeting
    except ObjectDoesNotExist:
        return None


def _cancelled_event(request, registration, event, stamp) -> VEvent:
    other = request.to_registration
    if other.pk == registration.pk:
        other = request.from_registration
    meeting = lost_meeting(request)
    vevent = VEvent()
    vevent.add("uid", meeting_uid(request.pk))
    vevent.add("sequence", (meeting.sequence if meeting else 0) + 1)
    vevent.add("dtstamp", stamp)
    if meeting is not None:
        vevent.add("dtstart", meeting.starts_at.astimezone(event.zone))
        vevent.add("dtend", meeting.ends_at.astimezone(event.zone))
    vevent.add("summary", summary(other))
    vevent.add("status", "CANCELLED")
    return vevent


def _calendar(event, method: str, vevents) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for vevent in vevents:
        calendar.add_component(vevent)
    # The zone's rules from a year before the event to two after: enough for every client.
    year = event.starts_at.astimezone(event.zone).year
    calendar.add_missing_timezones(
        first_date=datetime.date(year - 1, 1, 1), last_date=datetime.date(year + 2, 1, 1)
    )
    return calendar


def agenda_calendar(event, registration, meetings, *, now=None) -> Calendar:
    """Every meeting of ``registration`` (``meetings``: theirs, e.g. services.agenda)."""
    stamp = now or timezone.now()
    return _calendar(
        event, PUBLISH, [_meeting_event(m, registration, event, stamp) for m in meetings]
    )


def meeting_calendar(event, registration, meeting, *, now=None) -> Calendar:
    """One meeting, seen from ``registration`` (one of its two participants)."""
    return agenda_calendar(event, registration, [meeting], now=now)


def cancel_calendar(event, registration, requests, *, now=None) -> Calendar:
    """METHOD:CANCEL for the meetings of ``requests`` that ``registration`` lost. Load each
    request's meeting before deleting it (``request.meeting`` cached) so the cancellation
    carries its time and a SEQUENCE above the last one sent."""
    stamp = now or timezone.now()
    return _calendar(
        event, CANCEL, [_cancelled_event(r, registration, event, stamp) for r in requests]
    )


def agenda_filename(event) -> str:
    return f"{slugify(event.title) or 'event'}-agenda.ics"


def meeting_filename(meeting) -> str:
    return f"meeting-{meeting.request_id}.ics"


def cancel_filename(event) -> str:
    return f"{slugify(event.title) or 'event'}-cancelled.ics"


def attachment(calendar: Calendar, filename: str) -> dict:
    """An outbox attachment (healthmatch.mail.services.enqueue): the calendar as text, its
    METHOD in the content type, as mail clients expect to offer "add to calendar"."""
    return {
        "filename": filename,
        "content": calendar.to_ical().decode("utf-8"),
        "mimetype": f"text/calendar; method={calendar['method']}",
    }
