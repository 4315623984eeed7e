"""Events over the API: the events a person may see, one event with its sessions, registering,
and the caller's own registration (read, availability and pitch, cancel). The same rules as
the pages (events.views): events through ``Event.objects.visible_to``, every change through
events.services, its refusals turned into 400/403 by ``service_errors``."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from companies.models import Capability
from events import services
from events.api import schema
from events.api.access import event_or_404, visible_events
from events.api.serializers import (
    EventDetailSerializer,
    EventSerializer,
    RegisterSerializer,
    RegistrationSerializer,
    RegistrationUpdateSerializer,
)
from events.models import Registration
from healthmatch.api.errors import service_errors
from healthmatch.api.pagination import CursorPage
from needs.models import Need

UPCOMING, PAST = "upcoming", "past"


class WhenSerializer(serializers.Serializer):
    when = serializers.ChoiceField(
        choices=[(UPCOMING, _("Not over yet")), (PAST, _("Over"))], default=UPCOMING
    )


def _when(request) -> str:
    params = WhenSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data["when"]


class EventPage(CursorPage):
    """Soonest first for upcoming events, latest first for past ones."""

    def get_ordering(self, request, queryset, view):
        return ("-starts_at", "-pk") if _when(request) == PAST else ("starts_at", "pk")


def _with_counts(queryset):
    return queryset.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


def _my_registrations(user, events) -> dict:
    """{event id: (registration id, status)} of the caller's active registrations."""
    if not user.is_authenticated or not events:
        return {}
    rows = (
        Registration.objects.active()
        .filter(user=user, event__in=[event.pk for event in events])
        .values_list("event_id", "pk", "status")
    )
    return {event_id: (pk, status) for event_id, pk, status in rows}


@extend_schema(
    tags=["events"],
    summary=_("Events you may see"),
    description=_(
        "Public events, members-only events of your organisations' hubs, and drafts of the "
        "hubs you coordinate: upcoming ones (not over yet) soonest first, or with "
        "``when=past`` the ones that are over, latest first."
    ),
    parameters=[
        OpenApiParameter("when", enum=[UPCOMING, PAST], default=UPCOMING, required=False),
    ],
    responses={200: EventSerializer(many=True), 400: schema.BAD_REQUEST, 404: schema.NOT_FOUND},
)
class EventList(generics.ListAPIView):
    serializer_class = EventSerializer
    pagination_class = EventPage

    def get_queryset(self):
        events = _with_counts(visible_events(self.request.user))
        if _when(self.request) == PAST:
            return events.filter(ends_at__lt=timezone.now())
        return events.upcoming()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = {
            **self.get_serializer_context(),
            "my_registrations": _my_registrations(request.user, page),
        }
        return self.get_paginated_response(EventSerializer(page, many=True, context=context).data)


@extend_schema(
    tags=["events"],
    summary=_("One event, with its meeting sessions"),
    responses=schema.reading(EventDetailSerializer),
)
class EventDetail(generics.RetrieveAPIView):
    serializer_class = EventDetailSerializer

    def get_queryset(self):
        return _with_counts(visible_events(self.request.user)).prefetch_related("sessions")

    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()
        registration = services.active_registration(event, request.user)
        context = {
            **self.get_serializer_context(),
            "my_registrations": (
                {event.pk: (registration.pk, registration.status)} if registration else {}
            ),
            "eligible_organisations": services.eligible_organisations(request.user, event),
        }
        return Response(EventDetailSerializer(event, context=context).data)


def _registration_queryset():
    return Registration.objects.select_related("event", "organisation").prefetch_related(
        "sessions",
        Prefetch("pitched_needs", queryset=Need.objects.order_by("title", "pk")),
        Prefetch("capabilities", queryset=Capability.objects.order_by("title", "pk")),
    )


def _fresh(registration) -> Registration:
    return _registration_queryset().get(pk=registration.pk)


@extend_schema(
    tags=["registration"],
    summary=_("Register for an event"),
    description=_(
        "For one of your verified organisations (``organisation`` may be left out when you "
        "have only one), while the event is open for registration. Confirmed while there are "
        "places, else on the waiting list (``status`` and ``waitlist_position`` say which); "
        "either way you get an email."
    ),
    request=RegisterSerializer,
    responses=schema.writing(RegistrationSerializer, status.HTTP_201_CREATED),
)
class EventRegister(generics.GenericAPIView):
    serializer_class = RegisterSerializer

    def post(self, request, pk):
        event = event_or_404(request, pk)
        form = RegisterSerializer(
            data=request.data,
            organisations=services.eligible_organisations(request.user, event),
        )
        form.is_valid(raise_exception=True)
        with service_errors():
            registration = services.register(
                event, request.user, form.validated_data["organisation"]
            )
        return Response(
            RegistrationSerializer(_fresh(registration)).data, status=status.HTTP_201_CREATED
        )


class MyRegistration(generics.GenericAPIView):
    """The caller's active (confirmed or waiting) registration for the event; 404 without one."""

    serializer_class = RegistrationSerializer

    def _registration(self, request, pk) -> Registration:
        event = event_or_404(request, pk)
        registration = services.active_registration(event, request.user)
        if registration is None:
            raise Http404
        return _fresh(registration)

    @extend_schema(
        tags=["registration"],
        summary=_("My registration"),
        responses=schema.reading(RegistrationSerializer),
    )
    def get(self, request, pk):
        return Response(RegistrationSerializer(self._registration(request, pk)).data)

    @extend_schema(
        tags=["registration"],
        summary=_("Set my availability and pitch"),
        description=_(
            "Sessions you can attend, the most meetings you want, and the needs you pitch "
            "(buyers) or capabilities you bring (companies), saved together or not at all. "
            "Fields left out keep their value."
        ),
        request=RegistrationUpdateSerializer,
        responses=schema.writing(RegistrationSerializer),
    )
    def patch(self, request, pk):
        registration = self._registration(request, pk)
        form = RegistrationUpdateSerializer(
            data=request.data, partial=True, registration=registration
        )
        form.is_valid(raise_exception=True)
        data = form.validated_data
        current = {
            "sessions": list(registration.sessions.all()),
            "max_meetings": registration.max_meetings,
            "pitched_needs": list(registration.pitched_needs.all()),
            "capabilities": list(registration.capabilities.all()),
        }
        value = {name: data.get(name, default) for name, default in current.items()}
        with service_errors():
            services.update_registration(
                registration,
                actor=request.user,
                sessions=value["sessions"],
                max_meetings=value["max_meetings"],
                needs=value["pitched_needs"],
                capabilities=value["capabilities"],
            )
        return Response(RegistrationSerializer(_fresh(registration)).data)

    @extend_schema(
        tags=["registration"],
        summary=_("Cancel my registration"),
        description=_(
            "Cancels your registration (or leaves the waiting list). Your open meeting "
            "requests and meetings are cancelled with it; a freed place goes to the first in "
            "line."
        ),
        request=None,
        responses={
            204: None,
            400: schema.BAD_REQUEST,
            401: schema.NOT_SIGNED_IN,
            403: schema.REFUSED,
            404: schema.NOT_FOUND,
        },
    )
    def delete(self, request, pk):
        registration = self._registration(request, pk)
        with service_errors():
            services.cancel_registration(registration, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
