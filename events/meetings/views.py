"""A participant's agenda: the meetings placed for them. Their own only (a colleague of the
same organisation gets 404); organisers open anyone's with ``?registration=<id>``.

On a self-pick event, the person asked accepts by picking a free time (``request_pick``), and
on an opt-out one the asker picks it when asking (``request_new_pick``). A participant cancels
a meeting of their own agenda (``meeting_cancel``) until the event starts. Everybody else gets
404 on these."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import services as event_services
from events.meetings import self_pick, services
from events.meetings.forms import MeetingRequestAtSlotForm, SlotForm
from events.meetings.models import Meeting
from events.models import Event, Registration
from events.requests import services as request_services
from events.requests.models import MeetingRequest
from events.requests.ranking import why_meet
from events.requests.views import request_form_page
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import repeated_post, submit_once


def _event_or_404(request, pk) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("hub"), pk=pk)


@login_required
def agenda(request, pk):
    event = _event_or_404(request, pk)
    raw = request.GET.get("registration")
    registration_pk = int(raw) if raw and raw.isdigit() else None
    if raw and registration_pk is None:
        raise Http404
    registration = services.registration_for_agenda(event, request.user, registration_pk)
    if registration is None:
        raise Http404
    own = registration.user_id == request.user.pk
    rows = [
        {
            "meeting": meeting,
            "other": meeting.other(registration),
            "why": why_meet(meeting.request.match, html=True) if meeting.request.match else "",
        }
        for meeting in services.agenda(registration)
    ]
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "own": own,
            "can_cancel": own and timezone.now() < event.starts_at,
            "rows": rows,
        },
    )


def _self_pick_or_404(event):
    if not self_pick.is_self_pick(event):
        raise Http404


def _accept_at(request, event, meeting_request, asker, form):
    try:
        self_pick.accept_at(meeting_request, actor=request.user, slot=form.cleaned_data["slot"])
    except (ValidationError, PermissionDenied) as error:
        apply_errors(form, error)
        return None
    messages.success(
        request,
        format_isolated(
            _("You accepted the meeting with %(name)s: it is on your agenda."),
            name=asker.user.name,
        ),
    )
    return redirect("events:agenda", event.pk)


@login_required
def request_pick(request, pk, request_pk):
    """The person asked accepts a pending request by picking a free time."""
    event = _event_or_404(request, pk)
    _self_pick_or_404(event)
    if repeated := repeated_post(request):  # accepted already: the request is no longer pending
        return repeated
    meeting_request = get_object_or_404(
        MeetingRequest.objects.filter(
            event=event,
            status=MeetingRequest.Status.PENDING,
            to_registration__user=request.user,
            to_registration__status=Registration.Status.CONFIRMED,
        ).select_related(
            "from_registration__user",
            "from_registration__organisation",
            "to_registration",
            "need",
            "capability",
        ),
        pk=request_pk,
    )
    asker, asked = meeting_request.from_registration, meeting_request.to_registration
    form = SlotForm(
        request.POST if request.method == "POST" else None,
        free_slots=self_pick.free_slots(event, asker, asked),
        event=event,
    )
    if request.method == "POST":
        response = submit_once(
            request, form, lambda: _accept_at(request, event, meeting_request, asker, form)
        )
        if response:
            return response
    return render(
        request,
        "events/request_pick.html",
        {
            "event": event,
            "meeting_request": meeting_request,
            "asker": asker,
            "form": form,
            "requests_closed": request_services.requests_problem(event),
        },
        status=400 if request.method == "POST" else 200,
    )


def _request_at(request, event, asker, asked, form):
    data = form.cleaned_data
    try:
        self_pick.request_at(
            asker,
            asked,
            actor=request.user,
            slot=data["slot"],
            message=data["message"],
            need=data.get("need"),
            capability=data.get("capability"),
        )
    except (ValidationError, PermissionDenied) as error:
        apply_errors(form, error)
        return None
    messages.success(
        request,
        format_isolated(_("Your meeting with %(name)s is on your agenda."), name=asked.user.name),
    )
    return redirect("events:agenda", event.pk)


@login_required
def request_new_pick(request, pk, registration_pk):
    """On an opt-out self-pick event, the asker asks and picks the time at once."""
    event = _event_or_404(request, pk)
    _self_pick_or_404(event)
    if event.request_acceptance != Event.RequestAcceptance.OPT_OUT:
        raise Http404
    asker = event_services.active_registration(event, request.user)
    if asker is None or asker.status != Registration.Status.CONFIRMED:
        raise Http404
    asked = get_object_or_404(
        event.registrations.confirmed()
        .exclude(kind=asker.kind)
        .exclude(organisation_id=asker.organisation_id)
        .select_related("user", "organisation"),
        pk=registration_pk,
    )
    buyer, company = (asker, asked) if asker.is_buyer else (asked, asker)
    form = MeetingRequestAtSlotForm(
        request.POST if request.method == "POST" else None,
        buyer=buyer,
        company=company,
        free_slots=self_pick.free_slots(event, asker, asked),
        event=event,
    )
    if request.method == "POST":
        response = submit_once(
            request, form, lambda: _request_at(request, event, asker, asked, form)
        )
        if response:
            return response
    return request_form_page(request, event, asked, form, buyer, company)


@login_required
@require_POST
def meeting_cancel(request, pk, meeting_pk):
    """A participant cancels a meeting of their own agenda; the other side is told."""
    event = _event_or_404(request, pk)
    meeting = get_object_or_404(
        Meeting.objects.filter(session__event=event)
        .filter(
            Q(request__from_registration__user=request.user)
            | Q(request__to_registration__user=request.user)
        )
        .select_related("request"),
        pk=meeting_pk,
    )
    try:
        request_services.cancel_request(meeting.request, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The meeting is cancelled; the other side is told."))
    return redirect("events:agenda", event.pk)
