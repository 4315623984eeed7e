"""The caller's agenda over the API: their meetings at an event with time, place, the other
person, the topic and the "why meet", and links to the calendar files. Their own only, as the
page (events.meetings.views.agenda): a colleague of the same organisation, an organiser and
everybody else get 404. A meeting is cancelled through its request (``meeting-request-cancel``)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from events.api import schema
from events.api.access import event_or_404
from events.api.serializers import AgendaSerializer
from events.meetings import services


@extend_schema(
    tags=["agenda"],
    summary=_("My agenda"),
    description=_(
        "The meetings placed for your confirmed registration, in time order, each with its "
        "calendar file; ``ics_url`` downloads the whole agenda (signed in as yourself). "
        "404 without a confirmed registration."
    ),
    responses=schema.reading(AgendaSerializer),
)
class Agenda(generics.GenericAPIView):
    serializer_class = AgendaSerializer

    def get(self, request, pk):
        event = event_or_404(request, pk)
        registration = services.registration_for_agenda(event, request.user)
        if registration is None:
            raise Http404
        agenda = {
            "event": event,
            "registration": registration,
            "ics_url": request.build_absolute_uri(reverse("events:agenda_ics", args=[event.pk])),
            "meetings": services.agenda(registration),
        }
        context = {**self.get_serializer_context(), "registration": registration}
        return Response(AgendaSerializer(agenda, context=context).data)
