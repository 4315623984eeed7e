"""The organisers' meeting plan: for each session and slot, every table and who meets whom there
(the printable table plan), and the same meetings as one CSV (the admin's export). Two queries
for the plan's meetings and tables, whatever the event's size."""

import csv
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.meetings.models import Meeting


@dataclass
class Seat:
    table: object
    meeting: Meeting | None = None
    buyer: object = None  # Registration
    company: object = None


@dataclass
class SlotPlan:
    session: object
    starts_at: object
    ends_at: object
    seats: list[Seat] = field(default_factory=list)

    @property
    def meetings(self) -> int:
        return sum(1 for seat in self.seats if seat.meeting is not None)


def _sides(meeting):
    """(buyer, company) registrations of a meeting."""
    request = meeting.request
    first, second = request.from_registration, request.to_registration
    return (first, second) if first.is_buyer else (second, first)


def plan_meetings(meetings):
    return meetings.select_related(
        "session__event",
        "table__host__organisation",
        "request__need",
        "request__capability",
        "request__from_registration__user",
        "request__from_registration__organisation",
        "request__to_registration__user",
        "request__to_registration__organisation",
    ).order_by("starts_at", "table__number", "pk")


def table_plan(event) -> list[SlotPlan]:
    """Every slot of every session in time order, with each table available in its session
    (free or with its meeting)."""
    tables = list(event.tables.select_related("host__organisation").prefetch_related("sessions"))
    placed = {
        (m.session_id, m.slot, m.table_id): m
        for m in plan_meetings(Meeting.objects.filter(session__event=event))
    }
    plans = []
    for session in event.sessions.order_by("starts_at", "pk"):
        here = [t for t in tables if not t.sessions.all() or session in t.sessions.all()]
        for slot in session.slots():
            plan = SlotPlan(session, slot.starts_at, slot.ends_at)
            for table in here:
                meeting = placed.get((session.pk, slot.index, table.pk))
                seat = Seat(table, meeting)
                if meeting is not None:
                    seat.buyer, seat.company = _sides(meeting)
                plan.seats.append(seat)
            plans.append(plan)
    return plans


def _person(registration) -> str:
    return f"{registration.user.name} ({registration.organisation.name})"


def meeting_plan_csv(meetings, filename: str) -> HttpResponse:
    """One row per meeting: event, session, start and end in the event's zone, table, buyer,
    company, need, capability, locked. Headers in the reader's language."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("event"),
            _("session"),
            _("starts at"),
            _("ends at"),
            _("table"),
            _("buyer"),
            _("company"),
            _("need"),
            _("capability"),
            _("locked"),
        ]
    )
    for meeting in meetings:
        zone = meeting.session.event.zone
        buyer, company = _sides(meeting)
        request = meeting.request
        writer.writerow(
            [
                meeting.session.event.title,
                meeting.session.title,
                timezone.localtime(meeting.starts_at, zone).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(meeting.ends_at, zone).strftime("%H:%M"),
                meeting.place,
                _person(buyer),
                _person(company),
                request.need.title if request.need else "",
                request.capability.title if request.capability else "",
                _("yes") if meeting.locked else "",
            ]
        )
    return response
