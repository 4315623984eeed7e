"""The rules of events.services: the organisers' verbs, registration (window, membership,
visibility, capacity, waiting list), cancelling and promotion, availability, pitch, check-in."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import Event, EventMessage, Registration
from healthmatch.accounts.models import Membership
from tests import factories as f
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db

Status = Registration.Status


def _future(days=30, hours=0):
    return timezone.now() + datetime.timedelta(days=days, hours=hours)


def _data(**overrides):
    data = {
        "title": "Nordic Health Matchmaking",
        "starts_at": _future(40),
        "ends_at": _future(40, hours=7),
        "time_zone": "Europe/Oslo",
        "capacity": 80,
    }
    return {**data, **overrides}


# --- The organisers' verbs ------------------------------------------------------------------


def test_create_event_by_coordinator_of_the_hub_is_a_draft(coordinator, hub):
    event = services.create_event(hub=hub, actor=coordinator, data=_data())
    assert event.status == Event.Status.DRAFT
    assert event.created_by == coordinator
    assert event.time_zone == "Europe/Oslo"


def test_create_event_refused_for_coordinator_of_another_hub(other_coordinator, hub):
    with pytest.raises(PermissionDenied, match="coordinators of the event's hub"):
        services.create_event(hub=hub, actor=other_coordinator, data=_data())
    assert not Event.objects.exists()


@pytest.mark.parametrize("person", ["owner", "company_owner", "outsider"])
def test_create_event_refused_for_non_coordinators(request, person, hub):
    with pytest.raises(PermissionDenied):
        services.create_event(hub=hub, actor=request.getfixturevalue(person), data=_data())


def test_create_event_refuses_an_end_before_the_start(coordinator, hub):
    with pytest.raises(ValidationError) as error:
        services.create_event(hub=hub, actor=coordinator, data=_data(ends_at=_future(39)))
    assert "The event must end after it starts." in error.value.messages


def test_create_event_refuses_registration_closing_after_the_end(coordinator, hub):
    with pytest.raises(ValidationError) as error:
        services.create_event(
            hub=hub, actor=coordinator, data=_data(registration_closes_at=_future(41))
        )
    assert "Registration must close before the event ends." in error.value.messages


def test_create_event_refuses_unknown_fields(coordinator, hub):
    with pytest.raises(ValueError):
        services.create_event(hub=hub, actor=coordinator, data=_data(status="published"))


def test_update_event_by_other_hubs_coordinator_refused(event, other_coordinator):
    with pytest.raises(PermissionDenied):
        services.update_event(event, actor=other_coordinator, data={"title": "Hijacked"})
    event.refresh_from_db()
    assert event.title == "Welfare Tech Matchmaking Day"


def test_publish_close_reopen_and_cancel(draft_event, coordinator):
    services.publish_event(draft_event, actor=coordinator)
    assert draft_event.status == Event.Status.PUBLISHED and draft_event.published_at
    services.close_registration(draft_event, actor=coordinator)
    assert draft_event.status == Event.Status.REGISTRATION_CLOSED
    services.reopen_registration(draft_event, actor=coordinator)
    assert draft_event.status == Event.Status.PUBLISHED
    services.cancel_event(draft_event, actor=coordinator)
    draft_event.refresh_from_db()
    assert draft_event.status == Event.Status.CANCELLED and draft_event.cancelled_at


def test_publish_twice_is_refused(event, coordinator):
    with pytest.raises(ValidationError, match="“Open for registration” cannot be published"):
        services.publish_event(event, actor=coordinator)


def test_publish_a_past_event_is_refused(hub, coordinator):
    past = f.EventFactory(hub=hub, draft=True, starts_at=_future(-3), ends_at=_future(-3, hours=5))
    with pytest.raises(ValidationError, match="over"):
        services.publish_event(past, actor=coordinator)


def test_organiser_verbs_refused_for_other_hubs_coordinator(event, draft_event, other_coordinator):
    for verb, target in [
        (services.publish_event, draft_event),
        (services.close_registration, event),
        (services.cancel_event, event),
    ]:
        with pytest.raises(PermissionDenied):
            verb(target, actor=other_coordinator)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_a_cancelled_event_cannot_be_changed(event, coordinator):
    services.cancel_event(event, actor=coordinator)
    with pytest.raises(ValidationError, match="cancelled event cannot be changed"):
        services.update_event(event, actor=coordinator, data={"title": "Back on"})


def test_cancel_event_emails_everybody_registered_or_waiting(event, coordinator, owner, member):
    services.register(event, owner, owner.memberships.get().organisation)
    services.register(event, member, member.memberships.get().organisation)
    services.cancel_event(event, actor=coordinator)
    assert {row.to_email for row in outbox("event_cancelled")} == {owner.email, member.email}


# --- Registration ---------------------------------------------------------------------------


def test_register_confirms_and_derives_the_kind(
    event, owner, company_owner, buyer_org, company_org
):
    buyer = services.register(event, owner, buyer_org)
    company = services.register(event, company_owner, company_org)
    assert (buyer.status, buyer.kind) == (Status.CONFIRMED, Registration.Kind.BUYER)
    assert (company.status, company.kind) == (Status.CONFIRMED, Registration.Kind.COMPANY)
    assert buyer.confirmed_at is not None and buyer.waitlisted_at is None


def test_register_twice_is_refused(event, owner, buyer_org):
    services.register(event, owner, buyer_org)
    with pytest.raises(ValidationError, match="already registered"):
        services.register(event, owner, buyer_org)
    assert Registration.objects.count() == 1


def test_register_again_after_cancelling_is_a_new_row(event, owner, buyer_org):
    first = services.register(event, owner, buyer_org)
    services.cancel_registration(first, actor=owner)
    second = services.register(event, owner, buyer_org)
    assert second.pk != first.pk
    assert second.status == Status.CONFIRMED
    assert Registration.objects.filter(event=event, user=owner).count() == 2


def test_register_for_an_organisation_one_is_not_a_member_of(event, owner, company_org):
    with pytest.raises(PermissionDenied, match="not an active member of CareSense ApS"):
        services.register(event, owner, company_org)


def test_register_with_a_pending_membership_is_refused(event, hub):
    org = f.OrganisationFactory(hub=hub)
    person = f.MembershipFactory(organisation=org, status=Membership.Status.PENDING).user
    with pytest.raises(PermissionDenied):
        services.register(event, person, org)


def test_register_for_an_unverified_organisation_is_refused(event, hub):
    org = f.OrganisationFactory(hub=hub, unverified=True, name="New Clinic")
    person = f.MembershipFactory(organisation=org).user
    with pytest.raises(ValidationError, match="New Clinic is not verified"):
        services.register(event, person, org)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_opens_at": _future(5)}, "has not opened yet"),
        ({"registration_closes_at": _future(-1)}, "closed"),
        ({"status": Event.Status.REGISTRATION_CLOSED}, "closed"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
    ],
)
def test_register_outside_the_window_is_refused(event, owner, buyer_org, change, message):
    Event.objects.filter(pk=event.pk).update(**change)
    with pytest.raises(ValidationError, match=message):
        services.register(event, owner, buyer_org)
    assert not Registration.objects.exists()


def test_register_once_the_event_started_is_refused(hub, owner, buyer_org):
    running = f.EventFactory(hub=hub, starts_at=_future(-0, hours=-1), ends_at=_future(0, hours=3))
    with pytest.raises(ValidationError, match="closed"):
        services.register(running, owner, buyer_org)


def test_register_for_a_draft_is_refused_even_for_members(draft_event, owner, buyer_org):
    with pytest.raises(PermissionDenied):
        services.register(draft_event, owner, buyer_org)


def test_members_only_event_refuses_outsiders(members_event, outsider):
    org = outsider.memberships.get().organisation
    with pytest.raises(PermissionDenied, match="members of the hub's organisations"):
        services.register(members_event, outsider, org)


def test_members_only_event_refuses_an_organisation_of_another_hub(members_event, owner, other_hub):
    """A person of the hub registering for their other organisation, outside the hub."""
    elsewhere = f.OrganisationFactory(hub=other_hub, name="Bergen Kommune", kind="municipality")
    f.MembershipFactory(user=owner, organisation=elsewhere)
    with pytest.raises(ValidationError, match="members of Welfare Tech's organisations"):
        services.register(members_event, owner, elsewhere)


def test_members_only_event_accepts_the_hubs_members(members_event, member, buyer_org):
    registration = services.register(members_event, member, buyer_org)
    assert registration.status == Status.CONFIRMED


def test_public_event_accepts_outsiders(event, outsider):
    registration = services.register(event, outsider, outsider.memberships.get().organisation)
    assert registration.status == Status.CONFIRMED


def test_full_event_puts_people_on_the_waiting_list_in_order(hub, buyer_org):
    event = f.EventFactory(hub=hub, capacity=2)
    people = [f.MembershipFactory(organisation=buyer_org).user for _ in range(5)]
    registrations = [services.register(event, person, buyer_org) for person in people]
    assert [r.status for r in registrations] == [Status.CONFIRMED] * 2 + [Status.WAITLISTED] * 3
    assert [services.waitlist_position(r) for r in registrations] == [None, None, 1, 2, 3]
    assert all(r.waitlisted_at for r in registrations[2:])


# --- Cancelling and the waiting list --------------------------------------------------------


def test_cancel_promotes_the_first_in_line_and_tells_them(hub, buyer_org):
    event = f.EventFactory(hub=hub, capacity=1)
    first, second, third = (f.MembershipFactory(organisation=buyer_org).user for _ in range(3))
    seat = services.register(event, first, buyer_org)
    waiting = services.register(event, second, buyer_org)
    later = services.register(event, third, buyer_org)

    services.cancel_registration(seat, actor=first)

    seat.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert seat.status == Status.CANCELLED and seat.cancelled_at
    assert waiting.status == Status.CONFIRMED and waiting.confirmed_at
    assert later.status == Status.WAITLISTED
    assert services.waitlist_position(later) == 1
    (promoted,) = outbox("event_registration_promoted")
    assert promoted.to_email == second.email


def test_cancel_from_the_waiting_list_promotes_nobody(hub, buyer_org):
    event = f.EventFactory(hub=hub, capacity=1)
    first, second, third = (f.MembershipFactory(organisation=buyer_org).user for _ in range(3))
    services.register(event, first, buyer_org)
    waiting = services.register(event, second, buyer_org)
    later = services.register(event, third, buyer_org)
    services.cancel_registration(waiting, actor=second)
    later.refresh_from_db()
    assert later.status == Status.WAITLISTED
    assert services.waitlist_position(later) == 1
    assert outbox("event_registration_promoted") == []


def test_raising_the_capacity_lets_the_waiting_list_in(hub, buyer_org, coordinator):
    event = f.EventFactory(hub=hub, capacity=1)
    people = [f.MembershipFactory(organisation=buyer_org).user for _ in range(3)]
    for person in people:
        services.register(event, person, buyer_org)
    services.update_event(event, actor=coordinator, data={"capacity": 2})
    statuses = list(event.registrations.order_by("pk").values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def test_cancel_by_an_organiser_and_refused_for_others(
    event, owner, member, buyer_org, coordinator
):
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration, actor=member)
    services.cancel_registration(registration, actor=coordinator)
    assert registration.status == Status.CANCELLED


def test_cancel_twice_is_refused(event, owner, buyer_org):
    registration = services.register(event, owner, buyer_org)
    services.cancel_registration(registration, actor=owner)
    with pytest.raises(ValidationError, match="already cancelled"):
        services.cancel_registration(registration, actor=owner)


def test_no_promotion_into_a_cancelled_event(hub, buyer_org, coordinator):
    event = f.EventFactory(hub=hub, capacity=1)
    first, second = (f.MembershipFactory(organisation=buyer_org).user for _ in range(2))
    seat = services.register(event, first, buyer_org)
    waiting = services.register(event, second, buyer_org)
    services.cancel_event(event, actor=coordinator)
    services.cancel_registration(seat, actor=first)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


# --- Availability and pitch -----------------------------------------------------------------


def test_set_availability_keeps_sessions_and_cap(hub, owner, buyer_org):
    event = f.EventFactory(hub=hub, max_meetings_buyer=8)
    morning = f.SessionFactory(event=event, title="Morning")
    f.SessionFactory(event=event, title="Afternoon")
    registration = services.register(event, owner, buyer_org)
    services.set_availability(registration, actor=owner, sessions=[morning], max_meetings=6)
    registration.refresh_from_db()
    assert list(registration.sessions.all()) == [morning]
    assert registration.max_meetings == 6


def test_set_availability_above_the_organisers_cap_is_refused(hub, owner, buyer_org):
    event = f.EventFactory(hub=hub, max_meetings_buyer=8)
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(ValidationError) as error:
        services.set_availability(registration, actor=owner, sessions=[], max_meetings=9)
    assert error.value.message_dict == {
        "max_meetings": ["The organiser allows at most 8 meetings per person."]
    }


def test_set_availability_refuses_another_events_session(event, owner, buyer_org, hub):
    elsewhere = f.SessionFactory(event=f.EventFactory(hub=hub))
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(ValidationError, match="sessions of this event"):
        services.set_availability(registration, actor=owner, sessions=[elsewhere])


def test_set_availability_by_a_colleague_is_refused(event, owner, member, buyer_org):
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(PermissionDenied):
        services.set_availability(registration, actor=member, sessions=[])


def test_set_availability_on_a_cancelled_registration_is_refused(event, owner, buyer_org):
    registration = services.register(event, owner, buyer_org)
    services.cancel_registration(registration, actor=owner)
    with pytest.raises(ValidationError, match="cancelled"):
        services.set_availability(registration, actor=owner, sessions=[])


def test_register_with_availability_in_one_step(hub, owner, buyer_org):
    event = f.EventFactory(hub=hub)
    session = f.SessionFactory(event=event)
    registration = services.register(event, owner, buyer_org, sessions=[session], max_meetings=3)
    assert list(registration.sessions.all()) == [session]
    assert registration.max_meetings == 3


def test_buyer_pitches_only_own_published_needs(event, owner, buyer_org, hub):
    mine = f.NeedFactory(organisation=buyer_org, published=True)
    my_draft = f.NeedFactory(organisation=buyer_org)
    theirs = f.NeedFactory(organisation=f.OrganisationFactory(hub=hub), published=True)
    registration = services.register(event, owner, buyer_org)
    services.set_pitch(registration, actor=owner, needs=[mine])
    assert list(registration.pitched_needs.all()) == [mine]
    for need in (my_draft, theirs):
        with pytest.raises(ValidationError, match="your organisation's published needs"):
            services.set_pitch(registration, actor=owner, needs=[need])
    assert list(registration.pitched_needs.all()) == [mine]


def test_company_brings_only_own_published_capabilities(event, company_owner, company_org, hub):
    profile = f.CompanyProfileFactory(organisation=company_org)
    mine = f.CapabilityFactory(company=profile, published=True)
    my_draft = f.CapabilityFactory(company=profile)
    theirs = f.CapabilityFactory(published=True)
    registration = services.register(event, company_owner, company_org)
    services.set_pitch(registration, actor=company_owner, capabilities=[mine])
    assert list(registration.capabilities.all()) == [mine]
    for capability in (my_draft, theirs):
        with pytest.raises(ValidationError, match="your company's published capabilities"):
            services.set_pitch(registration, actor=company_owner, capabilities=[capability])


def test_each_side_pitches_only_its_own_kind(event, owner, buyer_org, company_owner, company_org):
    need = f.NeedFactory(organisation=buyer_org, published=True)
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org), published=True
    )
    buyer = services.register(event, owner, buyer_org)
    company = services.register(event, company_owner, company_org)
    with pytest.raises(ValidationError, match="capabilities are for companies"):
        services.set_pitch(buyer, actor=owner, capabilities=[capability])
    with pytest.raises(ValidationError, match="Companies bring capabilities"):
        services.set_pitch(company, actor=company_owner, needs=[need])


def test_update_registration_is_all_or_nothing(hub, owner, buyer_org, company_org):
    event = f.EventFactory(hub=hub)
    session = f.SessionFactory(event=event)
    theirs = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org), published=True
    )
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(ValidationError):
        services.update_registration(
            registration, actor=owner, sessions=[session], max_meetings=4, capabilities=[theirs]
        )
    registration.refresh_from_db()
    assert registration.max_meetings is None
    assert not registration.sessions.exists()


# --- On the day -----------------------------------------------------------------------------


def _started(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=_future(0, hours=-1), ends_at=_future(0, hours=5)
    )
    event.refresh_from_db()


def test_check_in_and_no_show_by_an_organiser(event, owner, buyer_org, coordinator):
    registration = services.register(event, owner, buyer_org)
    assert services.check_in(registration, actor=coordinator) is True
    assert services.check_in(registration, actor=coordinator) is False
    assert registration.checked_in_at is not None
    _started(event)
    assert services.mark_no_show(registration, actor=coordinator) is True
    registration.refresh_from_db()
    assert registration.no_show and registration.checked_in_at is None
    services.check_in(registration, actor=coordinator)
    registration.refresh_from_db()
    assert not registration.no_show and registration.checked_in_at


def test_no_show_before_the_start_is_refused(event, owner, buyer_org, coordinator):
    registration = services.register(event, owner, buyer_org)
    with pytest.raises(ValidationError, match="before the event has started"):
        services.mark_no_show(registration, actor=coordinator)


def test_check_in_refused_for_participants_and_other_hubs(
    event, owner, buyer_org, other_coordinator
):
    registration = services.register(event, owner, buyer_org)
    for actor in (owner, other_coordinator):
        with pytest.raises(PermissionDenied):
            services.check_in(registration, actor=actor)
    _started(event)
    with pytest.raises(PermissionDenied):
        services.mark_no_show(registration, actor=other_coordinator)


def test_check_in_of_the_waiting_list_is_refused(hub, owner, member, buyer_org, coordinator):
    event = f.EventFactory(hub=hub, capacity=1)
    services.register(event, owner, buyer_org)
    waiting = services.register(event, member, buyer_org)
    with pytest.raises(ValidationError, match="Only confirmed participants"):
        services.check_in(waiting, actor=coordinator)


# --- Messages -------------------------------------------------------------------------------


def test_message_participants_writes_one_email_each(hub, owner, member, buyer_org, coordinator):
    event = f.EventFactory(hub=hub, capacity=1)
    services.register(event, owner, buyer_org)
    services.register(event, member, buyer_org)  # waiting
    message = services.message_participants(
        event, actor=coordinator, subject="Parking", body="Use the north entrance."
    )
    assert message.recipients == 1
    assert [row.to_email for row in outbox("event_message")] == [owner.email]
    services.message_participants(
        event, actor=coordinator, subject="Lunch", body="At noon.", include_waitlisted=True
    )
    assert len(outbox("event_message")) == 3
    assert EventMessage.objects.count() == 2


def test_message_participants_refused_for_other_hubs_and_empty_messages(
    event, owner, buyer_org, coordinator, other_coordinator
):
    services.register(event, owner, buyer_org)
    with pytest.raises(PermissionDenied):
        services.message_participants(event, actor=other_coordinator, subject="x", body="y")
    with pytest.raises(ValidationError) as error:
        services.message_participants(event, actor=coordinator, subject=" ", body="")
    assert set(error.value.message_dict) == {"subject", "body"}
    assert outbox("event_message") == []
