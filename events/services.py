"""The verbs of an event: the organisers create, publish, close registration and cancel; people
register, cancel, say when they are available and what they pitch; organisers check people in
and mark no-shows. Pages and the coordination admin call these.

Everything that touches the number of confirmed seats locks the event row first
(``select_for_update``), so concurrent registrations, cancellations and capacity changes are
serialised per event: the capacity holds, and the waiting list is promoted in order.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Capability
from events import emails
from events.access import organiser_q
from events.models import Event, EventMessage, Registration
from events.signals import registration_cancelled, registration_confirmed
from healthmatch.accounts.access import forget, member_org_ids
from healthmatch.accounts.models import Hub, Organisation
from needs.models import Need

Status = Event.Status
RegStatus = Registration.Status

# The matchmaking modes and caps of an event (the admin shows them as one group).
MATCHMAKING_FIELDS = (
    "request_acceptance",
    "scheduling",
    "location",
    "request_deadline",
    "max_meetings_buyer",
    "max_meetings_company",
)
# What an organiser edits on an event (the admin's form and create_event/update_event).
EDITABLE_FIELDS = (
    "title",
    "description",
    "venue",
    "online_url",
    "time_zone",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "language",
    "visibility",
    *MATCHMAKING_FIELDS,
)


# --- Who may do what ------------------------------------------------------------------------


def is_organiser(user, event) -> bool:
    """Coordinators of the event's hub (and superusers) organise it."""
    if user is None or not user.is_authenticated:
        return False
    q = organiser_q(user)
    return q is not None and Event.objects.filter(q, pk=event.pk).exists()


def _coordinates_hub(user, hub) -> bool:
    if user is None or organiser_q(user) is None:
        return False
    return user.is_superuser or Hub.objects.filter(pk=hub.pk, coordinators=user).exists()


def _require_organiser(actor, event):
    if not is_organiser(actor, event):
        raise PermissionDenied(_("Only the coordinators of the event's hub can do this."))


def _require_participant_or_organiser(actor, registration):
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Only the participant and the organisers can do this."))
    if actor.pk != registration.user_id and not is_organiser(actor, registration.event):
        raise PermissionDenied(_("Only the participant and the organisers can do this."))


def _lock_event(event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _lock_registration(registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "organisation", "user")
        .get(pk=registration.pk)
    )


def _sync(target, fresh):
    """Copy the fresh state back onto the caller's object so it does not go stale."""
    if target is not fresh:
        target.__dict__.update({k: v for k, v in fresh.__dict__.items() if not k.startswith("_")})


def _invalid(event, message):
    """``message`` is a whole translated sentence with a %(status)s placeholder."""
    return ValidationError(
        message % {"status": event.get_status_display()}, code="invalid_transition"
    )


# --- The organisers' verbs ------------------------------------------------------------------


@transaction.atomic
def save_event(event, *, actor) -> Event:
    """Create or update ``event`` as the caller filled it in (the admin's form does). The actor
    coordinates its hub, and, for an existing event, the hub it had before."""
    if event.pk is not None:
        before = _lock_event(event)
        _require_organiser(actor, before)
        if before.status == Status.CANCELLED:
            raise ValidationError(_("A cancelled event cannot be changed."), code="cancelled")
    if not _coordinates_hub(actor, event.hub):
        raise PermissionDenied(_("Only the coordinators of the event's hub can do this."))
    if event.pk is None and event.created_by_id is None:
        event.created_by = actor
    event.full_clean(exclude=["created_by"])
    event.save()
    # A larger capacity lets people in from the waiting list.
    _fill_from_waitlist(event)
    return event


def create_event(*, hub, actor, data: dict) -> Event:
    """A new draft event for ``hub``; ``data`` holds EDITABLE_FIELDS with aware datetimes."""
    _check_fields(data)
    return save_event(Event(hub=hub, **data), actor=actor)


@transaction.atomic
def update_event(event, *, actor, data: dict) -> Event:
    _check_fields(data)
    locked = _lock_event(event)
    for name, value in data.items():
        setattr(locked, name, value)
    save_event(locked, actor=actor)
    _sync(event, locked)
    return event


def _check_fields(data):
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable through the event services: {sorted(unknown)}")


@transaction.atomic
def publish_event(event, *, actor) -> Event:
    """Draft -> published: the event is listed and open for registration (in its window)."""
    locked = _lock_event(event)
    _require_organiser(actor, locked)
    if locked.status != Status.DRAFT:
        raise _invalid(locked, _("An event that is “%(status)s” cannot be published."))
    if locked.ends_at <= timezone.now():
        raise ValidationError(_("This event is over: it cannot be published."), code="past")
    locked.status = Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _sync(event, locked)
    return event


@transaction.atomic
def close_registration(event, *, actor) -> Event:
    """Published -> registration closed: nobody else registers; cancelling still works and
    still lets the waiting list in."""
    locked = _lock_event(event)
    _require_organiser(actor, locked)
    if locked.status != Status.PUBLISHED:
        raise _invalid(
            locked, _("Registration cannot be closed for an event that is “%(status)s”.")
        )
    locked.status = Status.REGISTRATION_CLOSED
    locked.registration_closed_at = timezone.now()
    locked.save(update_fields=["status", "registration_closed_at", "updated_at"])
    _sync(event, locked)
    return event


@transaction.atomic
def reopen_registration(event, *, actor) -> Event:
    locked = _lock_event(event)
    _require_organiser(actor, locked)
    if locked.status != Status.REGISTRATION_CLOSED:
        raise _invalid(
            locked, _("Registration cannot be reopened for an event that is “%(status)s”.")
        )
    locked.status = Status.PUBLISHED
    locked.registration_closed_at = None
    locked.save(update_fields=["status", "registration_closed_at", "updated_at"])
    _sync(event, locked)
    return event


@transaction.atomic
def cancel_event(event, *, actor) -> Event:
    """Any state but cancelled -> cancelled; everybody registered or waiting is told."""
    locked = _lock_event(event)
    _require_organiser(actor, locked)
    if locked.status == Status.CANCELLED:
        raise _invalid(locked, _("This event is already “%(status)s”."))
    was_listed = locked.status != Status.DRAFT
    locked.status = Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at", "updated_at"])
    if was_listed:
        emails.event_cancelled(locked, locked.registrations.active().select_related("user"))
    _sync(event, locked)
    return event


@transaction.atomic
def message_participants(
    event, *, actor, subject: str, body: str, include_waitlisted: bool = False
) -> EventMessage:
    """One email to every confirmed participant (and the waiting list, if asked)."""
    locked = _lock_event(event)
    _require_organiser(actor, locked)
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Write a subject.")
    if not body:
        errors["body"] = _("Write a message.")
    if errors:
        raise ValidationError(errors)
    statuses = [RegStatus.CONFIRMED] + ([RegStatus.WAITLISTED] if include_waitlisted else [])
    registrations = list(locked.registrations.filter(status__in=statuses))
    if not registrations:
        raise ValidationError(_("Nobody is registered yet: there is nobody to write to."))
    message = EventMessage.objects.create(
        event=locked,
        sender=actor,
        subject=subject,
        body=body,
        include_waitlisted=include_waitlisted,
    )
    message.recipients = emails.event_message(message, registrations)
    message.save(update_fields=["recipients"])
    return message


# --- Registration ---------------------------------------------------------------------------


def registration_window_problem(event, now=None) -> str | None:
    """Why nobody can register now (a translated sentence), or None when registration is open."""
    now = now or timezone.now()
    if event.status == Status.DRAFT:
        return _("This event is not published yet.")
    if event.status == Status.CANCELLED:
        return _("This event is cancelled.")
    if event.status == Status.REGISTRATION_CLOSED:
        return _("Registration for this event is closed.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    if now >= event.registration_closes():
        return _("Registration for this event is closed.")
    return None


def eligible_organisations(user, event) -> list[Organisation]:
    """The organisations ``user`` may register for: their active memberships of verified
    organisations, of the event's hub when the event is for members only."""
    if not user.is_authenticated:
        return []
    orgs = Organisation.objects.filter(pk__in=member_org_ids(user), verified_at__isnull=False)
    if event.is_members_only:
        orgs = orgs.filter(hub_id=event.hub_id)
    return list(orgs.order_by("name"))


def active_registration(event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.active().filter(user=user).select_related("organisation").first()


def waitlist_position(registration) -> int | None:
    """1 for the first in line; None when the registration is not waiting."""
    if registration.status != RegStatus.WAITLISTED:
        return None
    ahead = (
        Registration.objects.waitlisted()
        .filter(event_id=registration.event_id)
        .filter(waitlisted_at__lte=registration.waitlisted_at)
        .exclude(waitlisted_at=registration.waitlisted_at, pk__gt=registration.pk)
    )
    return ahead.count()


@transaction.atomic
def register(event, user, organisation, *, sessions=None, max_meetings=None) -> Registration:
    """Register ``user`` for ``organisation``: confirmed while there are seats, else on the
    waiting list. The event row is locked, so concurrent registrations never overfill it."""
    locked = _lock_event(event)
    if not Event.objects.visible_to(user).filter(pk=locked.pk).exists():
        raise PermissionDenied(_("This event is for members of the hub's organisations."))
    problem = registration_window_problem(locked)
    if problem:
        raise ValidationError(problem, code="closed")
    forget(user)
    if organisation.pk not in member_org_ids(user):
        raise PermissionDenied(
            _("You are not an active member of %(org)s.") % {"org": organisation.name}
        )
    if not organisation.is_verified:
        raise ValidationError(
            _("%(org)s is not verified yet: a coordinator must verify it before you register.")
            % {"org": organisation.name},
            code="unverified",
        )
    if locked.is_members_only and organisation.hub_id != locked.hub_id:
        raise ValidationError(
            _("This event is for members of %(hub)s's organisations.") % {"hub": locked.hub.name},
            code="other_hub",
        )
    if locked.registrations.active().filter(user=user).exists():
        raise ValidationError(_("You are already registered for this event."), code="twice")
    now = timezone.now()
    registration = Registration(
        event=locked,
        user=user,
        organisation=organisation,
        kind=Registration.Kind.BUYER if organisation.is_buyer else Registration.Kind.COMPANY,
        created_at=now,
    )
    if _has_seat(locked):
        registration.status, registration.confirmed_at = RegStatus.CONFIRMED, now
    else:
        registration.status, registration.waitlisted_at = RegStatus.WAITLISTED, now
    registration.save()
    if sessions is not None or max_meetings is not None:
        _set_availability(registration, sessions, max_meetings)
    if registration.status == RegStatus.CONFIRMED:
        emails.registration_confirmed(registration)
        registration_confirmed.send(sender=Registration, registration=registration)
    else:
        emails.registration_waitlisted(registration, waitlist_position(registration))
    return registration


def _has_seat(event) -> bool:
    if event.capacity is None:
        return True
    return event.registrations.confirmed().count() < event.capacity


def _fill_from_waitlist(event) -> list[Registration]:
    """Confirm people from the waiting list, first in line first, while there are seats.
    The caller holds the event's lock. Nobody is promoted into a cancelled or past event."""
    if event.status == Status.CANCELLED or event.ends_at <= timezone.now():
        return []
    promoted = []
    for registration in event.registrations.waitlisted().select_for_update():
        if not _has_seat(event):
            break
        registration.status = RegStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        emails.registration_promoted(registration)
        registration_confirmed.send(sender=Registration, registration=registration)
        promoted.append(registration)
    return promoted


@transaction.atomic
def cancel_registration(registration, *, actor) -> Registration:
    """The participant (or an organiser) cancels; a freed seat goes to the first in line.
    Their open meeting requests and meetings go too (``registration_cancelled``)."""
    _lock_event(registration.event)
    locked = _lock_registration(registration)
    _require_participant_or_organiser(actor, locked)
    if locked.status == RegStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."), code="cancelled")
    locked.status = RegStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    # Received by events.requests.receivers.cancel_requests (and, through it, the meetings').
    registration_cancelled.send(sender=Registration, registration=locked, actor=actor)
    _fill_from_waitlist(locked.event)
    _sync(registration, locked)
    return registration


def _require_changeable(registration):
    if registration.status == RegStatus.CANCELLED:
        raise ValidationError(_("This registration is cancelled."), code="cancelled")
    if registration.event.status == Status.CANCELLED:
        raise ValidationError(_("This event is cancelled."), code="event_cancelled")


@transaction.atomic
def set_availability(registration, *, actor, sessions, max_meetings=None) -> Registration:
    """The sessions the participant is available in and the most meetings they want."""
    locked = _lock_registration(registration)
    _require_participant_or_organiser(actor, locked)
    _require_changeable(locked)
    _set_availability(locked, sessions, max_meetings)
    _sync(registration, locked)
    return registration


def _set_availability(registration, sessions, max_meetings):
    event = registration.event
    sessions = list(sessions or [])
    if any(session.event_id != event.pk for session in sessions):
        raise ValidationError({"sessions": _("Choose sessions of this event.")}, code="other_event")
    cap = event.meeting_cap_for(registration.kind)
    if max_meetings is not None and max_meetings < 0:
        raise ValidationError({"max_meetings": _("A number of meetings cannot be negative.")})
    if max_meetings is not None and cap is not None and max_meetings > cap:
        raise ValidationError(
            {
                "max_meetings": _("The organiser allows at most %(cap)d meetings per person.")
                % {"cap": cap}
            },
            code="over_cap",
        )
    registration.max_meetings = max_meetings
    registration.save(update_fields=["max_meetings"])
    registration.sessions.set(sessions)


def pitchable_needs(registration):
    """What a buyer may pitch: their organisation's published needs."""
    return Need.objects.published().filter(organisation_id=registration.organisation_id)


def bringable_capabilities(registration):
    """What a company may bring: its own published capabilities."""
    return Capability.objects.published().filter(
        company__organisation_id=registration.organisation_id
    )


@transaction.atomic
def set_pitch(registration, *, actor, needs=(), capabilities=()) -> Registration:
    """Buyers pitch their own published needs; companies bring their own published
    capabilities. Each side only its own kind."""
    locked = _lock_registration(registration)
    _require_participant_or_organiser(actor, locked)
    _require_changeable(locked)
    needs, capabilities = list(needs or []), list(capabilities or [])
    if locked.is_buyer and capabilities:
        raise ValidationError(
            {"capabilities": _("Buyers pitch needs; capabilities are for companies.")}
        )
    if not locked.is_buyer and needs:
        raise ValidationError({"pitched_needs": _("Companies bring capabilities, not needs.")})
    allowed_needs = set(pitchable_needs(locked).values_list("pk", flat=True))
    if any(need.pk not in allowed_needs for need in needs):
        raise ValidationError(
            {"pitched_needs": _("You can only pitch your organisation's published needs.")},
            code="not_own",
        )
    allowed_caps = set(bringable_capabilities(locked).values_list("pk", flat=True))
    if any(capability.pk not in allowed_caps for capability in capabilities):
        raise ValidationError(
            {"capabilities": _("You can only bring your company's published capabilities.")},
            code="not_own",
        )
    locked.pitched_needs.set(needs)
    locked.capabilities.set(capabilities)
    _sync(registration, locked)
    return registration


@transaction.atomic
def update_registration(
    registration, *, actor, sessions, max_meetings=None, needs=(), capabilities=()
) -> Registration:
    """The participant's form in one step: availability and pitch, both or neither."""
    set_availability(registration, actor=actor, sessions=sessions, max_meetings=max_meetings)
    return set_pitch(registration, actor=actor, needs=needs, capabilities=capabilities)


# --- On the day -----------------------------------------------------------------------------


@transaction.atomic
def check_in(registration, *, actor) -> bool:
    """Mark a confirmed participant as arrived (clears a no-show). False when already in."""
    locked = _lock_registration(registration)
    _require_organiser(actor, locked.event)
    if locked.status != RegStatus.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    if locked.checked_in_at is not None:
        return False
    locked.checked_in_at = timezone.now()
    locked.no_show = False
    locked.save(update_fields=["checked_in_at", "no_show"])
    _sync(registration, locked)
    return True


@transaction.atomic
def mark_no_show(registration, *, actor) -> bool:
    """Mark a confirmed participant who did not come (clears a check-in), once the event has
    started. False when already marked."""
    locked = _lock_registration(registration)
    _require_organiser(actor, locked.event)
    if locked.status != RegStatus.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be marked as no-shows."))
    if timezone.now() < locked.event.starts_at:
        raise ValidationError(_("Nobody is a no-show before the event has started."))
    if locked.no_show:
        return False
    locked.no_show = True
    locked.checked_in_at = None
    locked.save(update_fields=["checked_in_at", "no_show"])
    _sync(registration, locked)
    return True
