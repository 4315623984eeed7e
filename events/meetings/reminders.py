"""Reminders the day before a matchmaking day: each confirmed participant with at least one
meeting gets one email with their agenda (and its calendar file).

**When**: an event is due while it is published or registration-closed (never cancelled or a
draft), starts within the next 24 hours, and starts on the calendar day after today *in its
own zone*. Beat runs the task hourly, so the reminder leaves in the first hour of that window:
for a 09:00 start, between 09:00 and 10:00 (local) the day before; for an event starting just
after midnight, in the last hours of the day before. A run that misses the whole window sends
nothing: a "tomorrow" email on the day itself would be wrong.

**Once**: the outbox key names the event and the registration, so a repeat run (or two at
once) writes nothing new, and a later change of the agenda does not remind again (the
agenda-changed email tells that).
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.meetings import emails
from events.meetings.models import Meeting
from events.meetings.services import MEETING_RELATED
from events.models import Event

WINDOW = datetime.timedelta(hours=24)
ACTIVE = (Event.Status.PUBLISHED, Event.Status.REGISTRATION_CLOSED)


def due_events(now) -> list[Event]:
    """Events whose reminders are due at ``now`` (see the module's note)."""
    candidates = Event.objects.filter(
        status__in=ACTIVE, starts_at__gt=now, starts_at__lte=now + WINDOW
    ).order_by("starts_at", "pk")
    return [
        event
        for event in candidates
        if event.starts_at.astimezone(event.zone).date()
        == now.astimezone(event.zone).date() + datetime.timedelta(days=1)
    ]


@transaction.atomic
def remind_participants(event, *, now=None) -> int:
    """One reminder to each confirmed participant of ``event`` with a meeting. Returns how many
    participants have theirs (written now or by an earlier run)."""
    registrations = {
        r.pk: r for r in event.registrations.confirmed().select_related("user", "organisation")
    }
    meetings = Meeting.objects.filter(session__event=event).filter(
        Q(request__from_registration__in=registrations)
        | Q(request__to_registration__in=registrations)
    )
    agendas = {}
    for meeting in meetings.select_related(*MEETING_RELATED).order_by("starts_at", "pk"):
        for pk in (meeting.request.from_registration_id, meeting.request.to_registration_id):
            if pk in registrations:
                agendas.setdefault(pk, []).append(meeting)
    count = 0
    for pk, mine in sorted(agendas.items()):
        count += emails.meeting_reminder(event, registrations[pk], mine, now=now)
    return count


def send_meeting_reminders(now=None) -> int:
    """Remind the participants of every due event; each event in its own transaction."""
    now = now or timezone.now()
    return sum(remind_participants(event, now=now) for event in due_events(now))
