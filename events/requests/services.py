"""The verbs of meeting requests: a confirmed participant asks one of the other side for a 1:1
meeting, the person asked accepts or declines, the asker cancels, and unanswered requests expire
at the event's request deadline (events.tasks.expire_meeting_requests).

Rules, written once here:
- both registrations confirmed, of the same event; a buyer and a company (either side asks);
  never oneself, never one's own organisation;
- while the event takes requests: published or registration closed, before its request deadline
  (no deadline: before it starts);
- one open (pending or accepted) request per pair, either direction: both registration rows are
  locked (in id order) before the check, and a partial unique constraint backs it up;
- only the person asked answers (people meet people: a colleague of the same organisation has a
  registration of their own); opt-out events accept at once;
- self-pick events place the meeting when the request is accepted: the caller passes ``place``
  (events.meetings.self_pick), a function of the accepted request run in the same transaction,
  which raises a ValidationError when the chosen slot is not free (nothing is then written);
- cancelling an accepted request cancels its meeting (``signals.requests_cancelled``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.requests import emails
from events.requests.models import OPEN_STATUSES, MeetingRequest
from events.requests.ranking import best_match
from events.requests.signals import (
    meeting_request_answered,
    meeting_requested,
    requests_cancelled,
)
from events.services import is_organiser
from healthmatch.page_cache.versions import bump_site

Status = MeetingRequest.Status
RegStatus = Registration.Status


def request_deadline(event):
    """When requests close: the organiser's deadline, else the start of the event."""
    return event.request_deadline or event.starts_at


def requests_problem(event, now=None) -> str | None:
    """Why no request can be made or answered now (a translated sentence), or None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This event is cancelled.")
    if event.status == Event.Status.DRAFT:
        return _("This event is not published yet.")
    if now >= request_deadline(event):
        return _("The deadline for meeting requests has passed.")
    return None


def _lock(*registrations) -> list[Registration]:
    """Lock the registrations in id order (two people asking each other at once never
    deadlock) and return them fresh, in the order given."""
    pks = sorted({registration.pk for registration in registrations})
    locked = {
        registration.pk: registration
        for registration in Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user", "organisation")
        .filter(pk__in=pks)
        .order_by("pk")
    }
    return [locked[registration.pk] for registration in registrations]


def _check_pair(asker, asked):
    if asker.pk == asked.pk or asker.user_id == asked.user_id:
        raise ValidationError(_("You cannot request a meeting with yourself."), code="oneself")
    if asker.event_id != asked.event_id:
        raise ValidationError(_("You can only meet participants of the same event."), code="event")
    if asker.status != RegStatus.CONFIRMED:
        raise PermissionDenied(_("Only confirmed participants can request meetings."))
    if asked.status != RegStatus.CONFIRMED:
        raise ValidationError(
            _("%(name)s is no longer a confirmed participant.") % {"name": asked.user},
            code="not_confirmed",
        )
    if asker.organisation_id == asked.organisation_id:
        raise ValidationError(
            _("You cannot request a meeting with your own organisation."), code="same_org"
        )
    if asker.kind == asked.kind:
        raise ValidationError(
            _("Meetings are between buyers and companies: choose someone of the other side."),
            code="same_kind",
        )


def topic_needs(buyer):
    """What a meeting may be about on the buyer's side: the needs pitched at the event that are
    still published (a need closed since is no topic)."""
    return buyer.pitched_needs.published()


def topic_capabilities(company):
    """The capabilities brought to the event that are still published."""
    return company.capabilities.published()


def _check_topic(buyer, company, need, capability):
    if need is not None and not topic_needs(buyer).filter(pk=need.pk).exists():
        raise ValidationError(
            {"need": _("Choose one of the needs pitched at this event.")}, code="need"
        )
    if capability is not None and not topic_capabilities(company).filter(pk=capability.pk).exists():
        raise ValidationError(
            {"capability": _("Choose one of the capabilities brought to this event.")},
            code="capability",
        )


def _needs_place(event) -> bool:
    return event.scheduling == Event.Scheduling.SELF_PICK


def _place(meeting_request, place):
    """A self-pick event's meeting is placed as the request is accepted, or not at all."""
    if place is not None:
        place(meeting_request)
    elif _needs_place(meeting_request.event):
        raise ValidationError({"slot": _("Choose a time for the meeting.")}, code="slot_needed")


@transaction.atomic
def request_meeting(
    asker: Registration,
    asked: Registration,
    *,
    actor,
    message="",
    need=None,
    capability=None,
    place=None,
) -> MeetingRequest:
    """``actor`` (the asker's person) asks ``asked`` for a meeting, optionally about one pitched
    need and/or one brought capability. On an opt-out event the request is accepted at once,
    and on a self-pick one ``place`` places its meeting (see the module's rules)."""
    asker, asked = _lock(asker, asked)
    if actor is None or actor.pk != asker.user_id:
        raise PermissionDenied(_("Only the participant can request meetings for themselves."))
    _check_pair(asker, asked)
    event = asker.event
    problem = requests_problem(event)
    if problem:
        raise ValidationError(problem, code="closed")
    buyer, company = (asker, asked) if asker.is_buyer else (asked, asker)
    _check_topic(buyer, company, need, capability)
    if MeetingRequest.objects.open().between(asker, asked).exists():
        raise ValidationError(
            _("You two already have an open meeting request."), code="open_request"
        )
    match = best_match(buyer, company, need=need, capability=capability)
    now = timezone.now()
    meeting_request = MeetingRequest(
        event=event,
        from_registration=asker,
        to_registration=asked,
        message=(message or "").strip(),
        need=need or (match.match.need if match else None),
        capability=capability or (match.match.capability if match else None),
        match=match.match if match else None,
        must_meet=bool(match and match.must_meet),
        score=match.match.score if match else None,
        created_at=now,
    )
    if event.request_acceptance == Event.RequestAcceptance.OPT_OUT:
        meeting_request.status = Status.ACCEPTED
        meeting_request.answered_at = now
    try:
        with transaction.atomic():
            meeting_request.save()
    except IntegrityError as error:  # the constraint caught a race the locks did not
        raise ValidationError(
            _("You two already have an open meeting request."), code="open_request"
        ) from error
    if meeting_request.status == Status.ACCEPTED:
        _place(meeting_request, place)
    emails.request_received(meeting_request, match)
    meeting_requested.send(sender=MeetingRequest, meeting_request=meeting_request)
    if meeting_request.status == Status.ACCEPTED:
        emails.request_accepted(meeting_request)
        meeting_request_answered.send(sender=MeetingRequest, meeting_request=meeting_request)
    return meeting_request


def _lock_request(meeting_request) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related(
            "event", "from_registration__user", "to_registration__user", "need", "capability"
        )
        .get(pk=meeting_request.pk)
    )


def _answer(meeting_request, actor, status) -> MeetingRequest:
    locked = _lock_request(meeting_request)
    if actor is None or actor.pk != locked.to_registration.user_id:
        raise PermissionDenied(_("Only the person asked can answer this request."))
    if locked.status != Status.PENDING:
        raise ValidationError(
            _("This request is “%(status)s”: it cannot be answered.")
            % {"status": locked.get_status_display()},
            code="not_pending",
        )
    problem = requests_problem(locked.event)
    if problem:
        raise ValidationError(problem, code="closed")
    if status == Status.ACCEPTED and (
        locked.from_registration.status != RegStatus.CONFIRMED
        or locked.to_registration.status != RegStatus.CONFIRMED
    ):
        raise ValidationError(
            _("Only confirmed participants can meet: this request can only be declined."),
            code="not_confirmed",
        )
    locked.status = status
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save(update_fields=["status", "answered_at", "answered_by"])
    return locked


@transaction.atomic
def accept(meeting_request, *, actor, place=None) -> MeetingRequest:
    """The person asked accepts; on a self-pick event ``place`` places the meeting."""
    locked = _answer(meeting_request, actor, Status.ACCEPTED)
    _place(locked, place)
    emails.request_accepted(locked)
    meeting_request_answered.send(sender=MeetingRequest, meeting_request=locked)
    return locked


@transaction.atomic
def decline(meeting_request, *, actor) -> MeetingRequest:
    locked = _answer(meeting_request, actor, Status.DECLINED)
    emails.request_declined(locked)
    meeting_request_answered.send(sender=MeetingRequest, meeting_request=locked)
    return locked


def _lock_event(event_id):
    """The event row first, as scheduling and registration do: a cancellation never interleaves
    with a scheduler run or a self-picked slot."""
    Event.objects.select_for_update(of=("self",)).get(pk=event_id)


@transaction.atomic
def cancel_request(meeting_request, *, actor) -> MeetingRequest:
    """The asker withdraws a pending or accepted request, and either participant cancels an
    accepted one (their meeting), until the event starts. A placed meeting is deleted and the
    other side told (events.meetings.receivers)."""
    _lock_event(meeting_request.event_id)
    locked = _lock_request(meeting_request)
    asker, asked = locked.from_registration, locked.to_registration
    if actor is not None and actor.pk == asker.user_id:
        side = asker
    elif actor is not None and actor.pk == asked.user_id and locked.status == Status.ACCEPTED:
        side = asked
    else:
        raise PermissionDenied(_("Only the person who asked can cancel this request."))
    if not locked.is_open:
        raise ValidationError(
            _("This request is “%(status)s”: it cannot be cancelled.")
            % {"status": locked.get_status_display()},
            code="not_open",
        )
    if timezone.now() >= locked.event.starts_at:
        raise ValidationError(_("The event has started: requests can no longer be cancelled."))
    _cancel([locked], side, actor)
    return locked


def _cancel(meeting_requests, side, actor):
    now = timezone.now()
    for meeting_request in meeting_requests:
        meeting_request.status = Status.CANCELLED
        meeting_request.answered_at = now
        meeting_request.answered_by = actor
        meeting_request.save(update_fields=["status", "answered_at", "answered_by"])
    if meeting_requests:
        requests_cancelled.send(
            sender=MeetingRequest,
            meeting_requests=meeting_requests,
            registration=side,
            actor=actor,
        )


def cancel_requests_of(registration, *, actor) -> list[MeetingRequest]:
    """Every open request of a cancelled registration, either direction, is cancelled (and
    their meetings with them). The caller (events.services.cancel_registration, through
    ``registration_cancelled``) holds the event's lock."""
    found = list(
        MeetingRequest.objects.select_for_update(of=("self",))
        .filter(Q(from_registration=registration) | Q(to_registration=registration))
        .filter(status__in=OPEN_STATUSES)
        .select_related("event", "from_registration__user", "to_registration__user")
        .order_by("pk")
    )
    _cancel(found, registration, actor)
    return found


@transaction.atomic
def expire_requests(now=None) -> int:
    """Pending requests of events whose request deadline has passed (no deadline: whose start
    has passed) become expired, and each asker is told once. The rows are claimed with
    ``skip_locked`` and updated only while still pending: safe to run twice and concurrently.
    Returns how many expired."""
    now = now or timezone.now()
    past = Q(event__request_deadline__lte=now) | Q(
        event__request_deadline__isnull=True, event__starts_at__lte=now
    )
    due = list(
        MeetingRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(past, status=Status.PENDING)
        .select_related(
            "event",
            "from_registration__user",
            "to_registration__user",
            "to_registration__organisation",
        )
        .order_by("pk")
    )
    MeetingRequest.objects.filter(pk__in=[r.pk for r in due], status=Status.PENDING).update(
        status=Status.EXPIRED, answered_at=now
    )
    if due:
        bump_site()  # an update(): no signal
    for meeting_request in due:
        meeting_request.status, meeting_request.answered_at = Status.EXPIRED, now
        emails.request_expired(meeting_request)
    return len(due)


def can_view_directory(user, event, registration) -> bool:
    """Confirmed participants and the organisers see the participant directory."""
    if registration is not None and registration.status == RegStatus.CONFIRMED:
        return True
    return is_organiser(user, event)
