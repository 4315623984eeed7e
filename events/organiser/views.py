"""The organisers' pages of an event: its figures and the printable table plan. Organisers (the
coordinators of the event's hub) only; everybody else, participants included, gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from events.models import Event
from events.organiser.figures import event_figures
from events.organiser.plan import table_plan
from events.services import is_organiser


def _organised_event_or_404(request, pk) -> Event:
    event = get_object_or_404(Event.objects.visible_to(request.user).select_related("hub"), pk=pk)
    if not is_organiser(request.user, event):
        raise Http404
    return event


@login_required
def figures(request, pk):
    event = _organised_event_or_404(request, pk)
    return render(request, "events/figures.html", {"event": event, "figures": event_figures(event)})


@login_required
def table_plan_view(request, pk):
    event = _organised_event_or_404(request, pk)
    return render(request, "events/table_plan.html", {"event": event, "slots": table_plan(event)})
