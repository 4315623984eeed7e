"""Load the demo's matchmaking days (healthmatch/demo/matchmaking_days.py) through the event
services.

A new demo event is played through ``events.services``, ``events.requests.services`` and
``events.meetings.services`` as the people who would act on the pages and in the admin: the hub's
coordinator creates and publishes it, each person registers for their organisation and says what
they pitch or bring, asks for meetings and answers them; the coordinator closes registration,
runs the scheduler, checks people in and marks the no-shows. The services check every rule
(registration window, verified organisations, own published needs and capabilities, one open
request per pair, who answers, deadlines) and write their emails, which are taken back
(quiet.py).

Those rules are judged by the clock, and a demo event lies weeks before or after the demo's day.
So the seeder plays an event where the clock agrees with the step, then moves it in time: every
timestamp of the event and of its rows (``EVENT_ROWS``) shifts by the same amount, so their
order and distances stay exactly as played. The past day is played a month early (people
register and ask while it is ahead), moved to the day before it (requests expire at the deadline,
registration closes, the scheduler runs), then to the morning of the day (check-ins, no-shows),
then to its place a few weeks before the demo's day. The upcoming day is played where it is; its
expired requests are those of a first round: the organiser set the request deadline to now,
expired what was pending (``expire_requests``, the periodic task's service) and gave more time.

Natural key: the hub and the title. An existing demo event is only moved so it keeps its distance
from the demo's day (a second run on the same day changes nothing) and given back its text; its
registrations, requests and meetings are left as people changed them while trying the demo.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import DateTimeField, F
from django.utils import timezone

from events import services as events
from events.feedback import services as feedback
from events.feedback.models import MeetingFeedback, MeetingFollowUp
from events.meetings import services as meetings
from events.meetings.models import Meeting, Unplaced
from events.models import Event, EventMessage, Registration, Session, Table
from events.requests import services as requests
from events.requests.models import MeetingRequest
from healthmatch.demo import data
from healthmatch.demo.world import DemoWorld

# Every model of the events app, and the lookup from its rows to their event: moving an event
# in time shifts all their DateTimeFields (tests/healthmatch/demo checks the list is complete).
EVENT_ROWS = {
    Event: "pk",
    Session: "event",
    Table: "event",
    Registration: "event",
    EventMessage: "event",
    MeetingRequest: "event",
    Meeting: "session__event",
    Unplaced: "request__event",
    MeetingFeedback: "meeting__session__event",
    MeetingFollowUp: "meeting__session__event",
}
TEXT_FIELDS = ("description", "venue", "language")
State = MeetingRequest.Status


def seed_events(world: DemoWorld) -> None:
    for item in data.MATCHMAKING_DAYS:
        seed_event(world, item)


def seed_event(world: DemoWorld, item: dict) -> None:
    hub = world.hubs[item["hub"]]
    wanted = schedule(item, world.today)
    event = Event.objects.filter(hub=hub, title=item["title"]).first()
    if event is None:
        event = world.made(play(world, item, wanted))
        for model in (Session, Table, Registration, MeetingRequest, Meeting):
            made = model.objects.filter(**{EVENT_ROWS[model]: event.pk}).count()
            world.result.created[model.__name__] += made
    world.restore(event, {name: item[name] for name in TEXT_FIELDS})
    if event.starts_at != wanted["starts_at"]:
        move(event, wanted["starts_at"] - event.starts_at)
        if not getattr(event, "demo_created", False):
            world.result.updated["Event date"] += 1


# --- Time ---------------------------------------------------------------------------------------


def schedule(item: dict, day0: dt.date) -> dict:
    """The event's times at its place relative to ``day0`` (the demo's day): on the Tuesday of
    the week ``day`` days away, so a matchmaking day is never at a weekend."""
    zone = ZoneInfo(item["time_zone"])
    day = day0 + dt.timedelta(days=item["day"])
    day -= dt.timedelta(days=day.weekday() - 1)  # on the Tuesday of that week

    def at(hhmm: str, days_before: int = 0) -> dt.datetime:
        hour, minute = (int(part) for part in hhmm.split(":"))
        when = dt.datetime.combine(day - dt.timedelta(days=days_before), dt.time(hour, minute))
        return when.replace(tzinfo=zone)

    start, end = item["hours"]
    return {
        "starts_at": at(start),
        "ends_at": at(end),
        "registration_closes_at": at(start, item["registration_closes_days_before"]),
        "request_deadline": at(start, item["request_deadline_days_before"]),
        "sessions": [(title, at(begin), at(until)) for title, begin, until in item["sessions"]],
    }


def move(event: Event, delta: dt.timedelta) -> None:
    """Shift every timestamp of ``event`` and of its rows by ``delta``."""
    for model, lookup in EVENT_ROWS.items():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, DateTimeField)]
        if names:
            model.objects.filter(**{lookup: event.pk}).update(
                **{name: F(name) + delta for name in names}
            )
    event.refresh_from_db()


def move_to_start(event: Event, starts_at: dt.datetime) -> None:
    move(event, starts_at - event.starts_at)


# --- Playing a new event ------------------------------------------------------------------------


def play(world: DemoWorld, item: dict, wanted: dict) -> Event:
    """Create the event and play it through the services; returns it at its demo place."""
    now = timezone.now()
    past = wanted["starts_at"] < world.now
    # Where the event lies while people register and ask: as on the demo's day, or, for a past
    # event, two weeks before it happens.
    lead = dt.timedelta(days=(timezone.localdate() - world.today).days)
    if past:
        lead = dt.timedelta(days=(timezone.localdate() - wanted["starts_at"].date()).days + 14)
    organiser = world.hub_coordinator.get(item["hub"], world.admin)
    event = create(world, item, wanted, lead, organiser)
    registrations = register(world, item, event)
    played = [r for r in item["requests"] if r[2] == State.EXPIRED]
    for row in played:
        ask(world, event, registrations, row)
    if not past:
        first_round_expires(event, organiser, now)
    for row in item["requests"]:
        if row[2] != State.EXPIRED:
            answer(world, ask(world, event, registrations, row), row)
    if past:
        move_to_start(event, timezone.now() + dt.timedelta(days=1))  # the day before
        requests.expire_requests()
        events.close_registration(event, actor=world.acting(organiser))
        meetings.run_scheduler(event, actor=world.acting(organiser))
        move_to_start(event, timezone.now() - dt.timedelta(hours=1))  # the morning of the day
        on_the_day(world, item, event, registrations, organiser)
        move_to_start(event, timezone.now() - dt.timedelta(days=1))  # the day after
        after_the_day(world, item, event)
    return event


def create(world, item, wanted, lead, organiser) -> Event:
    fields = {
        "title": item["title"],
        **{name: item[name] for name in TEXT_FIELDS},
        "time_zone": item["time_zone"],
        "capacity": item["capacity"],
        "max_meetings_buyer": item["max_meetings_buyer"],
        "max_meetings_company": item["max_meetings_company"],
        **{
            name: wanted[name] + lead
            for name in ("starts_at", "ends_at", "registration_closes_at", "request_deadline")
        },
    }
    event = events.create_event(
        hub=world.hubs[item["hub"]], actor=world.acting(organiser), data=fields
    )
    # Sessions and tables are the admin's inlines on the event's form: rows, no service.
    for title, begins, ends in wanted["sessions"]:
        Session.objects.create(
            event=event,
            title=title,
            starts_at=begins + lead,
            ends_at=ends + lead,
            meeting_minutes=item["meeting_minutes"],
            break_minutes=item["break_minutes"],
        )
    Table.objects.bulk_create(
        Table(event=event, number=number) for number in range(1, item["tables"] + 1)
    )
    return events.publish_event(event, actor=world.acting(organiser))


def register(world, item, event) -> dict:
    """Each participant registers for their organisation and says what they pitch or bring."""
    registrations = {}
    for email, titles in item["participants"].items():
        user = world.acting(world.users[email])
        organisation = user.memberships.get(status="active").organisation
        registration = events.register(event, user, organisation)
        if registration.is_buyer:
            needs = [world.needs[title] for title in titles]
            events.set_pitch(registration, actor=user, needs=needs)
        else:
            slug = organisation.slug
            capabilities = [world.capabilities[(slug, title)] for title in titles]
            events.set_pitch(registration, actor=user, capabilities=capabilities)
        registrations[email] = registration
    return registrations


def ask(world, event, registrations, row) -> MeetingRequest:
    asker, asked, _state, need, capability, message = row
    company = registrations[asked if registrations[asker].is_buyer else asker]
    slug = company.organisation.slug
    return requests.request_meeting(
        registrations[asker],
        registrations[asked],
        actor=world.acting(world.users[asker]),
        message=message,
        need=world.needs[need] if need else None,
        capability=world.capabilities[(slug, capability)] if capability else None,
    )


def answer(world, meeting_request, row) -> None:
    asker, asked, state = row[:3]
    if state == State.ACCEPTED:
        requests.accept(meeting_request, actor=world.acting(world.users[asked]))
    elif state == State.DECLINED:
        requests.decline(meeting_request, actor=world.acting(world.users[asked]))
    elif state == State.CANCELLED:
        requests.cancel_request(meeting_request, actor=world.acting(world.users[asker]))


def first_round_expires(event, organiser, now) -> None:
    """The first round's deadline is now: what is pending expires; then the second round."""
    deadline = event.request_deadline
    events.update_event(event, actor=organiser, data={"request_deadline": now})
    requests.expire_requests()
    events.update_event(event, actor=organiser, data={"request_deadline": deadline})


# Feedback of the people who came, in meeting order: (useful, follow up) of each side. Both
# saying "follow up" moves the match into the lifecycle at "meeting held" (the funnel counts it).
FEEDBACK_ROUNDS = [
    ((True, True), (True, True)),
    ((True, True), (True, False)),
    ((True, False), (False, False)),
    ((True, True), (True, True)),
    ((False, False), (True, False)),
]


def after_the_day(world, item, event) -> None:
    """The day after: most people who came rate their meetings; some leave it."""
    absent = set(item["no_shows"])
    rows = Meeting.objects.filter(session__event=event).select_related(
        "request__from_registration__user", "request__to_registration__user"
    )
    held = [
        m
        for m in rows.order_by("starts_at", "table__number", "pk")
        if m.request.from_registration.user.email not in absent
        and m.request.to_registration.user.email not in absent
    ]
    for meeting, answers in zip(held, FEEDBACK_ROUNDS, strict=False):
        sides = (meeting.request.from_registration.user, meeting.request.to_registration.user)
        for user, (useful, follow_up) in zip(sides, answers, strict=True):
            feedback.give_feedback(
                meeting, actor=world.acting(user), useful=useful, follow_up=follow_up
            )


def on_the_day(world, item, event, registrations, organiser) -> None:
    actor = world.acting(organiser)
    for email, registration in registrations.items():
        if email in item["no_shows"]:
            events.mark_no_show(registration, actor=actor)
        else:
            events.check_in(registration, actor=actor)
