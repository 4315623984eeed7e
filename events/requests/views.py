"""Pages for meeting requests: the participant directory, the request form, and "My requests"
with accept, decline and cancel. Rules live in events.requests.services; a request is found
only through ``MeetingRequest.objects.visible_to`` (its two participants and the organisers), so
everybody else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import services as event_services
from events.models import Event, Registration
from events.requests import ranking, services
from events.requests.forms import DirectoryFilterForm, MeetingRequestForm
from events.requests.models import MeetingRequest
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once


def _event_or_404(request, pk) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("hub"), pk=pk)


def _confirmed_registration_or_404(request, event) -> Registration:
    registration = event_services.active_registration(event, request.user)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    return registration


@login_required
def participants(request, pk):
    event = _event_or_404(request, pk)
    registration = event_services.active_registration(event, request.user)
    if not services.can_view_directory(request.user, event, registration):
        raise Http404
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    viewer = registration if confirmed else None
    form = DirectoryFilterForm(request.GET or None, show_kind=viewer is None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = ranking.directory(
        event,
        viewer,
        query=(filters.get("q") or "").strip(),
        kind=filters.get("kind") or "",
        area=filters.get("area"),
    )
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "viewer": viewer,
            "form": form,
            "rows": rows,
            "requests_closed": services.requests_problem(event),
        },
    )


def _request_meeting(request, event, asker, asked, form):
    data = form.cleaned_data
    try:
        services.request_meeting(
            asker,
            asked,
            actor=request.user,
            message=data["message"],
            need=data.get("need"),
            capability=data.get("capability"),
        )
    except (ValidationError, PermissionDenied) as error:
        apply_errors(form, error)
        return None
    messages.success(
        request, format_isolated(_("Your request to %(name)s is sent."), name=asked.user.name)
    )
    return redirect("events:requests", event.pk)


@login_required
def request_new(request, pk, registration_pk):
    event = _event_or_404(request, pk)
    if (
        event.scheduling == Event.Scheduling.SELF_PICK
        and event.request_acceptance == Event.RequestAcceptance.OPT_OUT
    ):  # accepted at once: the asker picks the time as they ask (events.meetings.views)
        return redirect("events:request_new_pick", event.pk, registration_pk)
    asker = _confirmed_registration_or_404(request, event)
    asked = get_object_or_404(
        event.registrations.confirmed()
        .exclude(kind=asker.kind)
        .exclude(organisation_id=asker.organisation_id)
        .select_related("user", "organisation"),
        pk=registration_pk,
    )
    buyer, company = (asker, asked) if asker.is_buyer else (asked, asker)
    form = MeetingRequestForm(request.POST or None, buyer=buyer, company=company)
    if request.method == "POST":
        response = submit_once(
            request, form, lambda: _request_meeting(request, event, asker, asked, form)
        )
        if response:
            return response
    return request_form_page(request, event, asked, form, buyer, company)


@login_required
def my_requests(request, pk):
    event = _event_or_404(request, pk)
    registration = event_services.active_registration(event, request.user)
    if registration is None:
        raise Http404
    related = (
        "from_registration__user",
        "from_registration__organisation",
        "to_registration__user",
        "to_registration__organisation",
        "need",
        "capability",
    )
    mine = MeetingRequest.objects.filter(event=event).select_related(*related)
    return render(
        request,
        "events/requests.html",
        {
            "event": event,
            "registration": registration,
            "incoming": list(mine.filter(to_registration=registration)),
            "outgoing": list(mine.filter(from_registration=registration)),
        },
    )


def _act(request, pk, request_pk, verb, done):
    event = _event_or_404(request, pk)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.visible_to(request.user).filter(event=event), pk=request_pk
    )
    try:
        verb(meeting_request, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done)
    return redirect("events:requests", event.pk)


@login_required
@require_POST
def request_accept(request, pk, request_pk):
    event = _event_or_404(request, pk)
    if event.scheduling == Event.Scheduling.SELF_PICK:  # accepting means picking a time
        return redirect("events:request_pick", event.pk, request_pk)
    return _act(request, pk, request_pk, services.accept, _("You accepted the meeting."))


@login_required
@require_POST
def request_decline(request, pk, request_pk):
    return _act(request, pk, request_pk, services.decline, _("You declined the meeting."))


@login_required
@require_POST
def request_cancel(request, pk, request_pk):
    return _act(request, pk, request_pk, services.cancel_request, _("Your request is cancelled."))


def request_form_page(request, event, asked, form, buyer, company):
    """The request form (also the self-pick one, which adds a time): who is asked, their best
    match with the asker, and the form; a 400 when a POST comes back with errors."""
    return render(
        request,
        "events/request_form.html",
        {
            "event": event,
            "asked": asked,
            "form": form,
            "pairing": ranking.best_match(buyer, company),
            "requests_closed": services.requests_problem(event),
        },
        status=400 if request.method == "POST" else 200,
    )
