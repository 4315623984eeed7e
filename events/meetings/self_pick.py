"""Self-pick scheduling: on an event whose scheduling is "self-pick", the person who accepts a
request picks a free time, and on an opt-out one the asker picks it when asking. The meeting is
placed at once (locked, so an organiser's run keeps it) in the accept's transaction, with the
event row locked first: two people taking the last table of a slot at the same moment are
served one after the other, and the second is told the time is no longer free.

What is free comes from the scheduler's own rules (``events.scheduling.free_places``): both
available (their chosen sessions), both free then, within every cap (their own, the event's
for their kind, the session's), and a table free (the host's booth in booth mode). The table
is the free one with the lowest number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events import scheduling as sch
from events.meetings.models import Meeting, Unplaced
from events.meetings.services import build_problem
from events.models import Event, Session, Slot, Table
from events.requests import services as request_services
from events.requests.models import MeetingRequest

NEW = 0  # the scheduler's id of the request being asked or accepted (no primary key is 0)


@dataclass(frozen=True)
class FreeSlot:
    session: Session
    slot: Slot
    table: Table

    @property
    def key(self) -> str:
        """What the form posts: the session and the slot's index."""
        return f"{self.session.pk}-{self.slot.index}"

    def label(self, event) -> str:
        zone = event.zone
        start = timezone.localtime(self.slot.starts_at, zone)
        end = timezone.localtime(self.slot.ends_at, zone)
        return _("%(start)s–%(end)s (%(session)s)") % {
            "start": formats.date_format(start, _("j F, H:i")),
            "end": formats.date_format(end, "H:i"),
            "session": self.session.title,
        }


def is_self_pick(event) -> bool:
    return event.scheduling == Event.Scheduling.SELF_PICK


def free_slots(event, first, second) -> list[FreeSlot]:
    """Where a meeting between registrations ``first`` and ``second`` fits now, in time
    order. Read without locks: ``place`` checks again under the event's lock."""
    meetings = list(
        Meeting.objects.filter(session__event=event).select_related("request").order_by("pk")
    )
    involved = {first.pk, second.pk}
    for meeting in meetings:
        involved |= {meeting.request.from_registration_id, meeting.request.to_registration_id}
    registrations = list(
        event.registrations.filter(pk__in=involved).prefetch_related("sessions").order_by("pk")
    )
    sessions = list(event.sessions.order_by("starts_at", "pk"))
    tables = list(event.tables.prefetch_related("sessions").order_by("number"))
    new = MeetingRequest(
        pk=NEW, from_registration_id=first.pk, to_registration_id=second.pk, score=0.0
    )
    requests = [m.request for m in meetings if m.request_id != NEW] + [new]
    problem, by_id = build_problem(event, registrations, sessions, tables, requests, meetings)
    try:
        places = sch.free_places(problem, NEW)
    except sch.ScheduleInputError as error:
        raise ValidationError(
            _("The meetings cannot be scheduled: %(problem)s") % {"problem": error}
        ) from error
    by_pk = {table.pk: table for table in tables}
    return [FreeSlot(*by_id[place.slot], by_pk[place.table]) for place in places]


def _placer(key: str | None):
    """The ``place`` function the request services call with the accepted request."""

    def place(meeting_request):
        if not key:
            raise ValidationError({"slot": _("Choose a time for the meeting.")}, code="slot")
        event = meeting_request.event
        found = [
            free
            for free in free_slots(
                event, meeting_request.from_registration, meeting_request.to_registration
            )
            if free.key == key
        ]
        if not found:
            raise ValidationError(
                {"slot": _("This time is no longer free: choose another.")}, code="slot_taken"
            )
        free = found[0]
        Meeting.objects.create(
            request=meeting_request,
            session=free.session,
            slot=free.slot.index,
            starts_at=free.slot.starts_at,
            ends_at=free.slot.ends_at,
            table=free.table,
            locked=True,
        )
        Unplaced.objects.filter(request=meeting_request).delete()

    return place


def _lock_event(event) -> Event:
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def accept_at(meeting_request, *, actor, slot: str | None) -> MeetingRequest:
    """The person asked accepts and takes the free time ``slot`` (a ``FreeSlot.key``)."""
    _lock_event(meeting_request.event)
    return request_services.accept(meeting_request, actor=actor, place=_placer(slot))


@transaction.atomic
def request_at(asker, asked, *, actor, slot: str | None, **fields) -> MeetingRequest:
    """On an opt-out self-pick event, the asker asks and takes the free time ``slot``;
    ``fields`` are request_meeting's (message, need, capability)."""
    _lock_event(asker.event)
    return request_services.request_meeting(
        asker, asked, actor=actor, place=_placer(slot), **fields
    )
