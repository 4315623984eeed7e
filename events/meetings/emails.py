"""One email to each participant whose agenda a scheduler run changed, through the outbox,
inside the run's transaction. The run tells who changed (an unchanged re-run passes nobody);
the key names the run's moment and the new agenda, so repeating a call writes nothing new.
Each carries the new agenda as a calendar file, and the meetings the person lost as a
METHOD:CANCEL one (events.meetings.ics)."""

import hashlib

from django.utils import timezone

from events.meetings import ics
from events.requests.ranking import Pairing
from healthmatch.mail.services import event_stamp, notify

CATEGORY = "events"


def _digest(meetings, removed=()) -> str:
    text = "|".join(f"{m.pk}:{m.starts_at.isoformat()}:{m.table_id}" for m in meetings)
    if removed:
        text += "|-" + ",".join(str(r.pk) for r in removed)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _other(request, registration):
    if request.from_registration_id == registration.pk:
        return request.to_registration
    return request.from_registration


def _calendars(event, registration, mine, lost, now):
    """The attachments of one person's email: their agenda (when it holds a meeting) and the
    cancellations (when they lost one)."""

    def files(user):
        found = []
        if mine:
            calendar = ics.agenda_calendar(event, registration, mine, now=now)
            found.append(ics.attachment(calendar, ics.agenda_filename(event)))
        if lost:
            calendar = ics.cancel_calendar(event, registration, lost, now=now)
            found.append(ics.attachment(calendar, ics.cancel_filename(event)))
        return found

    return files


def agenda_changed(event, registrations, meetings, *, removed=None, now=None) -> int:
    """Email each of ``registrations`` their agenda from ``meetings`` (the event's, or at least
    theirs). ``removed`` maps a registration pk to the MeetingRequests whose meeting that person
    lost (load each request's meeting before deleting it: the cancellation then carries its
    time); they are listed as cancelled and sent as a METHOD:CANCEL calendar."""
    now = now or timezone.now()
    stamp = event_stamp(now)
    removed = removed or {}
    count = 0
    for registration in registrations:
        mine = sorted(
            (
                m
                for m in meetings
                if registration.pk in (m.request.from_registration_id, m.request.to_registration_id)
            ),
            key=lambda m: (m.starts_at, m.pk),
        )
        lost = sorted(removed.get(registration.pk, ()), key=lambda r: r.pk)
        count += notify(
            "meeting_agenda_changed",
            [registration.user],
            {
                "event": event,
                "registration": registration,
                "rows": [(m, m.other(registration)) for m in mine],
                "removed": [(ics.lost_meeting(r), _other(r, registration)) for r in lost],
                "zone": event.time_zone,
            },
            event=f"{event.pk}:{registration.pk}:{stamp}:{_digest(mine, lost)}",
            category=CATEGORY,
            attachments=_calendars(event, registration, mine, lost, now),
        )
    return count


def meeting_reminder(event, registration, meetings, *, now=None) -> int:
    """The day-before reminder (events.meetings.reminders): the person's meetings, where, with
    whom and about what, and their agenda as a calendar file. Once per registration. The "why
    meet" of each is written while the email renders, in the recipient's language."""
    now = now or timezone.now()
    rows = [
        {
            "meeting": m,
            "other": m.other(registration),
            "pairing": Pairing(m.request.match) if m.request.match_id else None,
        }
        for m in meetings
    ]
    return notify(
        "meeting_reminder",
        [registration.user],
        {"event": event, "registration": registration, "rows": rows, "zone": event.time_zone},
        event=f"{event.pk}:{registration.pk}",
        category=CATEGORY,
        attachments=_calendars(event, registration, meetings, (), now),
    )
