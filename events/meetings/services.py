"""The organiser's scheduler run, wired to rows, and locking placed meetings.

``run_scheduler`` locks the event row first, so two organisers running at once make one
schedule: the second waits, then schedules from the first one's result (its locked meetings
and its placements, which come out the same when nothing changed). In one transaction it
deletes unlocked meetings no longer scheduled, moves the ones that moved, creates the new ones,
stores why each accepted request was left out, and sends one email to each participant whose
agenda changed (keyed by the agenda's content: an unchanged re-run sends nothing). On a
self-pick event every placed meeting is kept as if locked, whatever its flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events import scheduling as sch
from events.meetings import emails
from events.meetings.models import Meeting, Unplaced
from events.models import Event, Registration
from events.requests.models import MeetingRequest
from events.services import is_organiser
from healthmatch.page_cache.versions import bump_site

PERSON_PARAMS = ("a", "b", "participant", "host")
# What an agenda, its emails and calendar files read of a meeting, in one query.
MEETING_RELATED = (
    "table__host__organisation",
    "session",
    "request__need",
    "request__capability",
    "request__match__need",
    "request__match__capability",
    "request__from_registration__user",
    "request__from_registration__organisation",
    "request__to_registration__user",
    "request__to_registration__organisation",
)
# Short names of the scheduler's reasons (events.scheduling.outcome), for the run's summary.
REASON_LABELS = {
    "no_common_slot": gettext_lazy("never available at the same time"),
    "booth_closed": gettext_lazy("booth not set up"),
    "cap_reached": gettext_lazy("meeting limit reached"),
    "session_cap": gettext_lazy("session limit reached"),
    "no_table": gettext_lazy("no table free"),
    "no_common_free_slot": gettext_lazy("no common free slot"),
}


@dataclass
class Summary:
    scheduled: int = 0
    unscheduled: dict[str, int] = field(default_factory=dict)
    value: int = 0
    optimal: bool = True
    emailed: int = 0

    def message(self) -> str:
        text = ngettext(
            "%(scheduled)d meeting scheduled (value %(value)d, %(optimal)s).",
            "%(scheduled)d meetings scheduled (value %(value)d, %(optimal)s).",
            self.scheduled,
        ) % {
            "scheduled": self.scheduled,
            "value": self.value,
            "optimal": _("proved optimal") if self.optimal else _("not proved optimal"),
        }
        if self.unscheduled:
            reasons = ", ".join(
                f"{REASON_LABELS.get(code, code)}: {n}"
                for code, n in sorted(self.unscheduled.items())
            )
            text += " " + _("Left out: %(reasons)s.") % {"reasons": reasons}
        return text


def _require_organiser(actor, event):
    if not is_organiser(actor, event):
        raise PermissionDenied(_("Only the event's organisers can schedule its meetings."))


def _slots(sessions):
    """Scheduler slots with ids numbered over the event, and each id's (session, slot)."""
    by_id, slots = {}, []
    for session in sessions:
        for slot in session.slots():
            slot_id = len(by_id) + 1
            by_id[slot_id] = (session, slot)
            slots.append(sch.Slot(slot_id, session.pk, slot_id))
    return slots, by_id


def build_problem(event, registrations, sessions, tables, requests, locked):
    """The scheduler's Problem for ``event``, and the slot ids' (session, slot)."""
    slots, by_id = _slots(sessions)
    slot_of = {(session.pk, slot.index): slot_id for slot_id, (session, slot) in by_id.items()}
    slots_in = {}
    for slot_id, (session, _slot) in by_id.items():
        slots_in.setdefault(session.pk, set()).add(slot_id)
    booths = {}
    if event.location == Event.Location.BOOTHS:
        booths = {table.host_id: table.pk for table in tables if table.host_id}
    participants = []
    for registration in registrations:
        chosen = [session.pk for session in registration.sessions.all()] or list(slots_in)
        available = frozenset(s for pk in chosen for s in slots_in.get(pk, ()))
        cap = registration.max_meetings
        event_cap = event.meeting_cap_for(registration.kind)
        if event_cap is not None:
            cap = event_cap if cap is None else min(cap, event_cap)
        participants.append(
            sch.Participant(
                registration.pk, registration.kind, available, cap, booths.get(registration.pk)
            )
        )
    problem = sch.Problem(
        participants=tuple(participants),
        sessions=tuple(
            sch.Session(
                session.pk,
                dict.fromkeys((sch.BUYER, sch.COMPANY), session.meeting_cap)
                if session.meeting_cap is not None
                else {},
            )
            for session in sessions
        ),
        slots=tuple(slots),
        tables=tuple(
            sch.Table(table.pk, frozenset(s.pk for s in table.sessions.all()) or None)
            for table in tables
        ),
        requests=tuple(
            sch.Request(
                r.pk,
                r.from_registration_id,
                r.to_registration_id,
                sch.meeting_value(r.score or 0.0, r.must_meet),
            )
            for r in requests
        ),
        locked=tuple(
            sch.LockedMeeting(m.request_id, slot_of[(m.session_id, m.slot)], m.table_id)
            for m in locked
            if (m.session_id, m.slot) in slot_of
        ),
    )
    return problem, by_id


def _names(registrations):
    return {r.pk: f"{r.user.name} ({r.organisation.name})" for r in registrations}


def _agenda(rows, registration_pk):
    """(start, table, request) of a participant's meetings, from (request, start, table) rows."""
    return sorted(
        (start.isoformat(), table_pk, request.pk)
        for request, start, table_pk in rows
        if registration_pk in (request.from_registration_id, request.to_registration_id)
    )


@transaction.atomic
def run_scheduler(event, *, actor, time_limit: float = sch.solver.DEFAULT_TIME_LIMIT) -> Summary:
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    _require_organiser(actor, event)
    if event.status in (Event.Status.CANCELLED, Event.Status.DRAFT):
        raise ValidationError(_("Only a published event's meetings can be scheduled."))
    registrations = list(
        event.registrations.confirmed()
        .select_related("user", "organisation")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    confirmed = {r.pk for r in registrations}
    sessions = list(event.sessions.order_by("starts_at", "pk"))
    tables = list(event.tables.prefetch_related("sessions").order_by("number"))
    requests = [
        r
        for r in event.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED).order_by(
            "created_at", "pk"
        )
        if r.from_registration_id in confirmed and r.to_registration_id in confirmed
    ]
    wanted = {r.pk for r in requests}
    existing = {
        m.request_id: m
        for m in Meeting.objects.filter(session__event=event).select_related(*MEETING_RELATED)
    }
    # Self-pick: every meeting placed stays; the run only places accepted requests left over.
    keep_all = event.scheduling == Event.Scheduling.SELF_PICK
    locked = [m for m in existing.values() if (m.locked or keep_all) and m.request_id in wanted]
    problem, by_id = build_problem(event, registrations, sessions, tables, requests, locked)
    before = [(m.request, m.starts_at, m.table_id) for m in existing.values()]

    try:
        result = sch.schedule(problem, time_limit=time_limit)
    except sch.ScheduleInputError as error:  # e.g. two locked meetings at one table and slot
        raise ValidationError(
            _("The meetings cannot be scheduled: %(problem)s") % {"problem": error}
        ) from error

    placed = {}
    for assignment in result.assignments:
        session, slot = by_id[assignment.slot]
        placed[assignment.request] = (session, slot, assignment.table)
    # The (session, slot, table) constraint is checked at commit: moves may cross.
    Meeting.objects.filter(pk__in=[m.pk for r, m in existing.items() if r not in placed]).delete()
    new = []
    for request_pk, (session, slot, table_pk) in placed.items():
        meeting = existing.get(request_pk)
        if meeting is None:
            new.append(
                Meeting(
                    request_id=request_pk,
                    session=session,
                    slot=slot.index,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    table_id=table_pk,
                )
            )
        elif (
            meeting.session_id,
            meeting.slot,
            meeting.table_id,
            meeting.starts_at,
            meeting.ends_at,
        ) != (session.pk, slot.index, table_pk, slot.starts_at, slot.ends_at):
            # Moved, or its slot's times changed with the session's: stored times follow.
            meeting.session, meeting.slot, meeting.table_id = session, slot.index, table_pk
            meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
            meeting.sequence += 1  # calendars replace the entry of the same UID
            meeting.save(
                update_fields=[
                    "session",
                    "slot",
                    "table",
                    "starts_at",
                    "ends_at",
                    "sequence",
                    "updated_at",
                ]
            )
    Meeting.objects.bulk_create(new)
    bump_site()  # bulk_create() and update(): no signal

    names = _names(registrations)
    Unplaced.objects.filter(request__event=event).exclude(
        request_id__in=[u.request for u in result.unscheduled]
    ).delete()
    summary = Summary(scheduled=len(result.assignments), value=result.value)
    summary.optimal = result.optimal
    for item in result.unscheduled:
        params = {
            key: names.get(value, value) if key in PERSON_PARAMS else value
            for key, value in item.params.items()
        }
        Unplaced.objects.update_or_create(
            request_id=item.request,
            defaults={"code": item.code, "message": item.message, "params": params},
        )
        summary.unscheduled[item.code] = summary.unscheduled.get(item.code, 0) + 1

    current = list(Meeting.objects.filter(session__event=event).select_related(*MEETING_RELATED))
    after = [(m.request, m.starts_at, m.table_id) for m in current]
    changed = [r for r in registrations if _agenda(before, r.pk) != _agenda(after, r.pk)]
    summary.emailed = emails.agenda_changed(
        event, changed, current, removed=_removed(before, after, changed)
    )
    return summary


def _removed(before, after, registrations) -> dict[int, list[MeetingRequest]]:
    """Per registration pk, the requests whose meeting it had before the run and has no more
    (each request's deleted meeting stays cached on it: the calendar cancel needs its time)."""
    kept = {request.pk for request, _start, _table in after}
    removed = {}
    for registration in registrations:
        lost = [
            request
            for request, _start, _table in before
            if request.pk not in kept
            and registration.pk in (request.from_registration_id, request.to_registration_id)
        ]
        if lost:
            removed[registration.pk] = lost
    return removed


def _organiser_meetings(meetings, actor):
    meetings = list(meetings.select_related("session__event"))
    for event in {m.session.event for m in meetings}:
        _require_organiser(actor, event)
    return meetings


@transaction.atomic
def lock_meetings(meetings, *, actor) -> int:
    """Keep these meetings where they are on every re-run (organisers only)."""
    found = _organiser_meetings(meetings, actor)
    bump_site()  # an update(): no signal
    return Meeting.objects.filter(pk__in=[m.pk for m in found]).update(locked=True)


@transaction.atomic
def unlock_meetings(meetings, *, actor) -> int:
    """Let the next run move these meetings again (organisers only)."""
    found = _organiser_meetings(meetings, actor)
    bump_site()  # an update(): no signal
    return Meeting.objects.filter(pk__in=[m.pk for m in found]).update(locked=False)


def agenda(registration):
    """A participant's meetings in time order, with the other person and what it is about."""
    meetings = (
        Meeting.objects.filter(
            Q(request__from_registration=registration) | Q(request__to_registration=registration)
        )
        .select_related(
            "table__host__user",
            "session",
            "request__need",
            "request__capability",
            "request__match__need",
            "request__match__capability",
            "request__from_registration__user",
            "request__from_registration__organisation",
            "request__to_registration__user",
            "request__to_registration__organisation",
        )
        .order_by("starts_at", "pk")
    )
    return list(meetings)


def registration_for_agenda(event, user, registration_pk=None) -> Registration | None:
    """Whose agenda ``user`` may see: their own confirmed registration; organisers any
    confirmed participant's (``registration_pk``). None: not found for them."""
    if registration_pk is not None:
        if not is_organiser(user, event):
            return None
        return event.registrations.confirmed().filter(pk=registration_pk).first()
    if not user.is_authenticated:
        return None
    return event.registrations.confirmed().filter(user=user).first()
