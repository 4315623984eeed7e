"""Pages for events: the list of upcoming events, an event's page with its register or cancel
button, and the participant's own registration (availability and pitch). Rules live in
events.services and events.access; these views only translate between HTTP and those."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import services
from events.forms import RegisterForm, RegistrationForm, session_label
from events.models import Event, Registration
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once


def _visible_event_or_404(request, pk) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("hub"), pk=pk)


def event_list(request):
    events = list(
        Event.objects.visible_to(request.user)
        .upcoming()
        .select_related("hub")
        .annotate(confirmed=Count("registrations", filter=Q(registrations__status="confirmed")))
        .order_by("starts_at", "pk")
    )
    mine = {}
    if request.user.is_authenticated and events:
        mine = dict(
            Registration.objects.active()
            .filter(user=request.user, event__in=[event.pk for event in events])
            .values_list("event_id", "status")
        )
    rows = [(event, mine.get(event.pk)) for event in events]
    return render(request, "events/event_list.html", {"rows": rows})


def _detail_context(request, event, register_form=None) -> dict:
    user = request.user
    registration = services.active_registration(event, user)
    closed = services.registration_window_problem(event)
    organisations = services.eligible_organisations(user, event)
    context = {
        "event": event,
        "registration": registration,
        "waitlist_position": services.waitlist_position(registration) if registration else None,
        "closed_reason": closed,
        "organisations": organisations,
        "is_organiser": services.is_organiser(user, event),
        "sessions": [
            (session, session_label(session, event), len(session.slots()))
            for session in event.sessions.all()
        ],
        "confirmed_count": event.registrations.confirmed().count(),
    }
    if registration is None and closed is None and organisations:
        context["register_form"] = register_form or RegisterForm(organisations=organisations)
    if context["is_organiser"]:
        try:
            context["admin_url"] = reverse("admin:events_event_change", args=[event.pk])
        except NoReverseMatch:  # the coordination admin is not installed
            pass
    return context


def event_detail(request, pk):
    event = _visible_event_or_404(request, pk)
    return render(request, "events/event_detail.html", _detail_context(request, event))


def _register(request, event, form):
    try:
        registration = services.register(event, request.user, form.cleaned_data["organisation"])
    except (ValidationError, PermissionDenied) as error:
        apply_errors(form, error)
        return None
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. Tell us which sessions you can attend."))
        return redirect("events:registration", event.pk)
    messages.info(
        request,
        _("The event is full: you are on the waiting list. We email you if a place frees up."),
    )
    return redirect(event)


@login_required
@require_POST
def event_register(request, pk):
    event = _visible_event_or_404(request, pk)
    organisations = services.eligible_organisations(request.user, event)
    form = RegisterForm(request.POST, organisations=organisations)
    response = submit_once(request, form, lambda: _register(request, event, form))
    if response:
        return response
    context = _detail_context(request, event, register_form=form)
    return render(request, "events/event_detail.html", context, status=400)


@login_required
@require_POST
def registration_cancel(request, pk):
    event = _visible_event_or_404(request, pk)
    registration = services.active_registration(event, request.user)
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(registration, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@login_required
def registration_edit(request, pk):
    event = _visible_event_or_404(request, pk)
    registration = services.active_registration(event, request.user)
    if registration is None:
        raise Http404
    form = RegistrationForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_registration(
                registration,
                actor=request.user,
                sessions=data["sessions"],
                max_meetings=data["max_meetings"],
                needs=data.get("pitched_needs", []),
                capabilities=data.get("capabilities", []),
            )
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your registration is saved."))
            return redirect(event)
    return render(
        request,
        "events/registration_form.html",
        {"event": event, "registration": registration, "form": form},
    )
