"""Meetings that change after they were placed: a request cancelled (by a participant, or
because a registration was cancelled) takes its meeting with it, and an organiser changing a
session's times re-times its meetings or, when their slot is gone, un-places them. Everyone
whose agenda changed gets one ``meeting_agenda_changed`` email, the lost meetings listed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from events.meetings import emails
from events.meetings.models import Meeting, Unplaced
from events.models import Event, Session
from events.services import is_organiser

SLOT_GONE = "slot_gone"
SLOT_GONE_MESSAGE = gettext_noop(
    "The times of session %(session)s changed: its slot %(slot)s no longer exists."
)
_SHOWN = (
    "session__event",
    "table__host__organisation",
    "request__from_registration__user",
    "request__from_registration__organisation",
    "request__to_registration__user",
    "request__to_registration__organisation",
)


def _event_meetings(event):
    return list(Meeting.objects.filter(session__event=event).select_related(*_SHOWN))


def _lost(meetings, told):
    """{registration pk: [request, ...]} of each lost meeting, for everyone in ``told``; each
    request keeps its (deleted) meeting for the email."""
    removed = {}
    for meeting in meetings:
        request = meeting.request
        request.meeting = meeting
        for side in (request.from_registration, request.to_registration):
            if side.pk in told:
                removed.setdefault(side.pk, []).append(request)
    return removed


def release(meeting_requests, *, by) -> int:
    """Delete the meetings of these cancelled requests and tell the other side of each (not
    ``by``, the registration that cancelled). Runs in the cancelling transaction, the event
    row locked. Returns the number of emails."""
    pks = [r.pk for r in meeting_requests]
    Unplaced.objects.filter(request_id__in=pks).delete()
    meetings = list(Meeting.objects.filter(request_id__in=pks).select_related(*_SHOWN))
    if not meetings:
        return 0
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).delete()
    others = {}
    for meeting in meetings:
        for side in (meeting.request.from_registration, meeting.request.to_registration):
            if side.pk != by.pk:
                others[side.pk] = side
    event = meetings[0].session.event
    return emails.agenda_changed(
        event,
        list(others.values()),
        _event_meetings(event),
        removed=_lost(meetings, others),
    )


@transaction.atomic
def retime_session(session, *, actor) -> int:
    """After an organiser changed ``session``'s start, end, meeting length or break: each of
    its meetings takes its slot's new times (locked ones too); a meeting whose slot no longer
    exists is deleted, its request stays accepted with an ``Unplaced`` reason for the next
    run. Both people of each meeting are emailed. Returns the number of emails."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=session.event_id)
    if not is_organiser(actor, event):
        raise PermissionDenied(_("Only the event's organisers can change its sessions."))
    session = Session.objects.get(pk=session.pk)
    slots = session.slots()
    moved, gone = [], []
    for meeting in session.meetings.select_related(*_SHOWN).order_by("pk"):
        if meeting.slot >= len(slots):
            gone.append(meeting)
            continue
        slot = slots[meeting.slot]
        if (meeting.starts_at, meeting.ends_at) != (slot.starts_at, slot.ends_at):
            meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
            meeting.sequence += 1  # calendars replace the entry (events.meetings.ics)
            meeting.save(update_fields=["starts_at", "ends_at", "sequence", "updated_at"])
            moved.append(meeting)
    Meeting.objects.filter(pk__in=[m.pk for m in gone]).delete()
    for meeting in gone:
        Unplaced.objects.update_or_create(
            request_id=meeting.request_id,
            defaults={
                "code": SLOT_GONE,
                "message": SLOT_GONE_MESSAGE,
                "params": {"session": session.title, "slot": meeting.slot + 1},
            },
        )
    people = {}
    for meeting in moved + gone:
        for side in (meeting.request.from_registration, meeting.request.to_registration):
            people[side.pk] = side
    if not people:
        return 0
    return emails.agenda_changed(
        event, list(people.values()), _event_meetings(event), removed=_lost(gone, people)
    )
