"""A participant's agenda: the meetings the scheduler placed for them. Their own only (a
colleague of the same organisation gets 404); organisers open anyone's with
``?registration=<id>``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from events.meetings import services
from events.models import Event
from events.requests.ranking import why_meet


@login_required
def agenda(request, pk):
    event = get_object_or_404(Event.objects.visible_to(request.user).select_related("hub"), pk=pk)
    raw = request.GET.get("registration")
    registration_pk = int(raw) if raw and raw.isdigit() else None
    if raw and registration_pk is None:
        raise Http404
    registration = services.registration_for_agenda(event, request.user, registration_pk)
    if registration is None:
        raise Http404
    rows = [
        {
            "meeting": meeting,
            "other": meeting.other(registration),
            "why": why_meet(meeting.request.match) if meeting.request.match else "",
        }
        for meeting in services.agenda(registration)
    ]
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "own": registration.user_id == request.user.pk,
            "rows": rows,
        },
    )
