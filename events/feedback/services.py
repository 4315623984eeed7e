"""Feedback after a meeting, and the follow-up it may start.

Rules, written once here:
- only the meeting's two participants give feedback, each for themselves (a colleague of the
  same organisation has meetings of their own), once the meeting has ended and until
  ``FEEDBACK_DAYS`` after the event; giving it again edits the same row;
- a participant the organisers marked as a no-show gives none (they were not there); the other
  side still does, and sees that the other side did not come;
- when both sides want to follow up, the pair's match moves into the lifecycle at "meeting held"
  (matching.lifecycle.services.record_meeting, by the person whose answer completed the pair),
  created first when HealthMatch had none. That happens once per meeting (``MeetingFollowUp``):
  answering again, or changing one's mind later, moves nothing more (the lifecycle only goes
  forward).

The meeting's row is locked while feedback is saved, so the two sides answering at the same
moment see each other's answer and the follow-up is decided once.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.feedback.models import MeetingFeedback, MeetingFollowUp
from events.meetings.models import Meeting
from events.models import Event, Registration
from matching.lifecycle import services as lifecycle

FEEDBACK_DAYS = 14
COMMENT_MAX = 2000
Reason = MeetingFollowUp.Reason


def feedback_closes(event) -> datetime.datetime:
    return event.ends_at + datetime.timedelta(days=FEEDBACK_DAYS)


def feedback_problem(meeting, registration, now=None) -> str | None:
    """Why ``registration`` cannot give feedback on ``meeting`` now (a sentence), or None."""
    now = now or timezone.now()
    event = meeting.session.event
    if event.status == Event.Status.CANCELLED:
        return _("This event was cancelled.")
    if now < meeting.ends_at:
        return _("You can give feedback once the meeting has ended.")
    if now > feedback_closes(event):
        closes = timezone.localtime(feedback_closes(event), event.zone)
        return _("Feedback closed on %(date)s.") % {"date": date_format(closes, _("j F Y"))}
    if registration.no_show:
        return _("The organisers recorded that you did not attend, so you cannot give feedback.")
    return None


def meetings_of(registration):
    """The participant's meetings with their other side, topic and feedback, in time order."""
    return list(
        Meeting.objects.filter(
            Q(request__from_registration=registration) | Q(request__to_registration=registration)
        )
        .select_related(
            "table__host__organisation",
            "session__event",
            "request__need",
            "request__capability",
            "request__from_registration__user",
            "request__from_registration__organisation",
            "request__to_registration__user",
            "request__to_registration__organisation",
        )
        .prefetch_related("feedback")
        .order_by("starts_at", "pk")
    )


def _lock_meeting(meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related(
            "session__event",
            "request__need",
            "request__capability",
            "request__match",
            "request__from_registration",
            "request__to_registration",
        )
        .get(pk=meeting.pk)
    )


def _side_of(meeting, actor) -> Registration:
    request = meeting.request
    for registration in (request.from_registration, request.to_registration):
        if actor is not None and actor.is_authenticated and registration.user_id == actor.pk:
            return registration
    raise PermissionDenied(_("Only the two participants of a meeting can give feedback on it."))


@transaction.atomic
def give_feedback(meeting, *, actor, useful, follow_up, comment="") -> MeetingFeedback:
    """``actor``, a participant of ``meeting``, says whether it was useful and whether they want
    to follow up (yes or no each), with an optional comment. Again: edits their answer."""
    locked = _lock_meeting(meeting)
    registration = _side_of(locked, actor)
    problem = feedback_problem(locked, registration)
    if problem:
        raise ValidationError(problem, code="closed")
    errors = {}
    for field, value in (("useful", useful), ("follow_up", follow_up)):
        if not isinstance(value, bool):
            errors[field] = [ValidationError(_("Choose yes or no."), code="required")]
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [
            ValidationError(
                _("Keep the comment to %(max)d characters.") % {"max": COMMENT_MAX}, code="long"
            )
        ]
    if errors:
        raise ValidationError(errors)
    feedback, _created = MeetingFeedback.objects.update_or_create(
        meeting=locked,
        registration=registration,
        defaults={"useful": useful, "follow_up": follow_up, "comment": comment},
    )
    if follow_up:
        start_follow_up(locked, by=actor)
    return feedback


def _only(queryset):
    found = list(queryset[:2])
    return found[0] if len(found) == 1 else None


def _pair(request):
    """(match, need, capability, reason) to follow up on: the request's match; else its need
    and capability, each falling back to the only one the buyer pitched or the company brought."""
    if request.match_id:
        return request.match, None, None, ""
    buyer, company = request.from_registration, request.to_registration
    if not buyer.is_buyer:
        buyer, company = company, buyer
    need = request.need or _only(buyer.pitched_needs.all())
    if need is None:
        return None, None, None, Reason.NO_NEED
    capability = request.capability or _only(company.capabilities.all())
    if capability is None:
        return None, None, None, Reason.NO_CAPABILITY
    return None, need, capability, ""


def start_follow_up(meeting, *, by) -> MeetingFollowUp | None:
    """When both sides of the (locked) meeting want to follow up and nothing was decided yet:
    move their match to "meeting held", creating it if needed, and record the outcome. None
    when not both want to or when it was decided before."""
    if MeetingFollowUp.objects.filter(meeting=meeting).exists():
        return None
    if meeting.feedback.filter(follow_up=True).count() < 2:
        return None
    event = meeting.session.event
    record = MeetingFollowUp(meeting=meeting, by=by, outcome=MeetingFollowUp.Outcome.SKIPPED)
    match, need, capability, reason = _pair(meeting.request)
    if match is None and not reason:
        score = meeting.request.score or 0.0
        match, record.match_created = lifecycle.ensure_match(need, capability, by=by, score=score)
    if match is not None:
        record.match = match
        note = _("Both sides want to follow up after meeting at “%(event)s”.") % {
            "event": event.title
        }
        try:
            moved = lifecycle.record_meeting(match, by=by, note=note)
        except ValidationError:
            reason = Reason.CLOSED
        else:
            record.outcome = (
                MeetingFollowUp.Outcome.MOVED if moved else MeetingFollowUp.Outcome.ALREADY
            )
    record.reason = reason
    record.save()
    return record
