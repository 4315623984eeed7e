"""How the events API finds what the caller may see: the pages' own querysets, so whatever a
page answers with 404 the API does too (events.access, events.services)."""

from django.shortcuts import get_object_or_404

from events.models import Event


def visible_events(user):
    return Event.objects.visible_to(user).select_related("hub")


def event_or_404(request, pk) -> Event:
    return get_object_or_404(visible_events(request.user), pk=pk)
