"""Meeting requests over the API: the participant directory (ranked "why meet"), the caller's
requests made and received, asking, accepting (on self-pick events at a free time), declining
and cancelling. The same rules as the pages (events.requests.views, events.meetings.views):
a request is found through ``MeetingRequest.objects.visible_to`` (its two participants and the
organisers; everybody else 404), and every change goes through events.requests.services or
events.meetings.self_pick, whose refusals become 400/403."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from events import services as event_services
from events.api import schema
from events.api.access import event_or_404
from events.api.serializers import (
    AcceptSerializer,
    DirectoryRowSerializer,
    FreeSlotSerializer,
    MeetingRequestCreateSerializer,
    MeetingRequestSerializer,
)
from events.meetings import self_pick
from events.models import Event, Registration
from events.requests import ranking
from events.requests import services as request_services
from events.requests.models import MeetingRequest
from healthmatch.api.errors import service_errors
from healthmatch.api.pagination import CursorPage, NumberedPage

REQUEST_RELATED = (
    "from_registration__user",
    "from_registration__organisation",
    "to_registration__user",
    "to_registration__organisation",
    "need",
    "capability",
    "match__need",
    "match__capability",
    "meeting__table__host__organisation",
)
MADE, RECEIVED = "made", "received"


def _confirmed_registration_or_404(request, event) -> Registration:
    registration = event_services.active_registration(event, request.user)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    return registration


def _other_side(event, asker):
    """Whom ``asker`` may ask: confirmed participants of the other side and organisation."""
    return (
        event.registrations.confirmed()
        .exclude(kind=asker.kind)
        .exclude(organisation_id=asker.organisation_id)
        .select_related("user", "organisation")
    )


def _asks_with_time(event) -> bool:
    """Opt-out self-pick events: requests are accepted as they are made, at a picked time."""
    return (
        self_pick.is_self_pick(event)
        and event.request_acceptance == Event.RequestAcceptance.OPT_OUT
    )


# --- The participant directory ----------------------------------------------------------------


class DirectoryFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    kind = serializers.ChoiceField(
        choices=Registration.Kind.choices, required=False, allow_blank=True
    )
    area = serializers.IntegerField(
        required=False, allow_null=True, help_text=gettext_lazy("Clinical area id")
    )


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Participants you could meet"),
    description=gettext_lazy(
        "For a confirmed participant: the other side's confirmed participants (not of your "
        "organisation), must-meets first, then by match score, with a one-line "
        "``why_meet``. Organisers see every confirmed participant, unranked. Everybody else "
        "gets 404. ``q`` searches names and organisations, ``kind`` keeps one side, ``area`` "
        "one clinical area."
    ),
    parameters=[
        OpenApiParameter(
            "q", str, required=False, description=gettext_lazy("Name or organisation")
        ),
        OpenApiParameter("kind", enum=list(Registration.Kind.values), required=False),
        OpenApiParameter("area", int, required=False, description=gettext_lazy("Clinical area id")),
    ],
    responses={
        200: DirectoryRowSerializer(many=True),
        400: schema.BAD_REQUEST,
        404: schema.NOT_FOUND,
    },
)
class Participants(generics.GenericAPIView):
    serializer_class = DirectoryRowSerializer
    pagination_class = NumberedPage

    def get(self, request, pk):
        event = event_or_404(request, pk)
        registration = event_services.active_registration(event, request.user)
        if not request_services.can_view_directory(request.user, event, registration):
            raise Http404
        confirmed = (
            registration is not None and registration.status == Registration.Status.CONFIRMED
        )
        viewer = registration if confirmed else None
        params = DirectoryFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        kind = filters.get("kind") or ""
        rows = ranking.directory(
            event,
            viewer,
            query=(filters.get("q") or "").strip(),
            kind=kind,
            area=filters.get("area"),
        )
        if kind:  # the directory shows a participant only the other side; a filter still holds
            rows = [row for row in rows if row.registration.kind == kind]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(DirectoryRowSerializer(page, many=True).data)


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Free times to meet a participant"),
    description=gettext_lazy(
        "Self-pick events that accept requests at once: the times free for you both, each "
        "with the ``key`` to send as ``slot`` when asking. 404 on other events."
    ),
    responses=schema.reading(FreeSlotSerializer(many=True)),
)
class ParticipantSlots(generics.GenericAPIView):
    serializer_class = FreeSlotSerializer
    pagination_class = NumberedPage

    def get(self, request, pk, registration_pk):
        event = event_or_404(request, pk)
        if not _asks_with_time(event):
            raise Http404
        asker = _confirmed_registration_or_404(request, event)
        asked = get_object_or_404(_other_side(event, asker), pk=registration_pk)
        with service_errors():
            free = self_pick.free_slots(event, asker, asked)
        page = self.paginate_queryset(free)
        data = FreeSlotSerializer(page, many=True, context={"event": event}).data
        return self.get_paginated_response(data)


# --- My requests ------------------------------------------------------------------------------


class RequestFilterSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(
        choices=[(MADE, gettext_lazy("Made")), (RECEIVED, gettext_lazy("Received"))],
        required=False,
    )
    status = serializers.ChoiceField(choices=MeetingRequest.Status.choices, required=False)


class MeetingRequestList(generics.ListCreateAPIView):
    serializer_class = MeetingRequestSerializer
    pagination_class = CursorPage

    def get_queryset(self):
        event = event_or_404(self.request, self.kwargs["pk"])
        registration = event_services.active_registration(event, self.request.user)
        if registration is None:
            raise Http404
        params = RequestFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        direction = params.validated_data.get("direction")
        mine = {
            MADE: Q(from_registration=registration),
            RECEIVED: Q(to_registration=registration),
        }
        q = mine[direction] if direction else mine[MADE] | mine[RECEIVED]
        requests = MeetingRequest.objects.filter(event=event).filter(q)
        if "status" in params.validated_data:
            requests = requests.filter(status=params.validated_data["status"])
        return requests.select_related(*REQUEST_RELATED)

    @extend_schema(
        tags=["meeting requests"],
        summary=gettext_lazy("My meeting requests"),
        description=gettext_lazy(
            "The requests of your active registration, made and received, newest first; "
            "``direction`` and ``status`` narrow them. 404 without a registration."
        ),
        parameters=[
            OpenApiParameter("direction", enum=[MADE, RECEIVED], required=False),
            OpenApiParameter("status", enum=list(MeetingRequest.Status.values), required=False),
        ],
        responses={
            200: MeetingRequestSerializer(many=True),
            400: schema.BAD_REQUEST,
            404: schema.NOT_FOUND,
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["meeting requests"],
        summary=gettext_lazy("Request a meeting"),
        description=gettext_lazy(
            "A confirmed participant asks one of the other side's confirmed participants "
            "(``to_registration``, from the directory), optionally about one pitched need and "
            "one brought capability, with a message. Opt-out events accept it at once; on "
            "self-pick ones that do, ``slot`` (a free time's key) is required. The person "
            "asked is emailed."
        ),
        request=MeetingRequestCreateSerializer,
        responses=schema.writing(MeetingRequestSerializer, status.HTTP_201_CREATED),
    )
    def post(self, request, pk):
        event = event_or_404(request, pk)
        asker = event_services.active_registration(event, request.user)
        if asker is None:
            raise Http404
        form = MeetingRequestCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        asked = _other_side(event, asker).filter(pk=data["to_registration"]).first()
        if asked is None:
            raise serializers.ValidationError(
                {"to_registration": [_("Choose a confirmed participant of the other side.")]}
            )
        buyer, company = (asker, asked) if asker.is_buyer else (asked, asker)
        topic = _topic(buyer, company, data)
        with service_errors():
            if _asks_with_time(event):
                made = self_pick.request_at(
                    asker,
                    asked,
                    actor=request.user,
                    slot=data.get("slot"),
                    message=data["message"],
                    **topic,
                )
            else:
                made = request_services.request_meeting(
                    asker, asked, actor=request.user, message=data["message"], **topic
                )
        return Response(
            MeetingRequestSerializer(_fresh(made), context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


def _topic(buyer, company, data) -> dict:
    """The need and capability named, each among those pitched and brought (the form's
    choices; the service checks again under its locks)."""
    topic, errors = {"need": None, "capability": None}, {}
    if data.get("need") is not None:
        topic["need"] = buyer.pitched_needs.filter(pk=data["need"]).first()
        if topic["need"] is None:
            errors["need"] = [_("Choose one of the needs pitched at this event.")]
    if data.get("capability") is not None:
        topic["capability"] = company.capabilities.filter(pk=data["capability"]).first()
        if topic["capability"] is None:
            errors["capability"] = [_("Choose one of the capabilities brought to this event.")]
    if errors:
        raise serializers.ValidationError(errors)
    return topic


def _fresh(meeting_request) -> MeetingRequest:
    return MeetingRequest.objects.select_related(*REQUEST_RELATED).get(pk=meeting_request.pk)


def _visible_request_or_404(request, pk, request_pk) -> tuple[Event, MeetingRequest]:
    """As the pages: a request of the event its two participants and the organisers see."""
    event = event_or_404(request, pk)
    found = get_object_or_404(
        MeetingRequest.objects.visible_to(request.user)
        .filter(event=event)
        .select_related(*REQUEST_RELATED),
        pk=request_pk,
    )
    return event, found


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("One meeting request"),
    responses=schema.reading(MeetingRequestSerializer),
)
class MeetingRequestDetail(generics.GenericAPIView):
    serializer_class = MeetingRequestSerializer

    def get(self, request, pk, request_pk):
        _event, found = _visible_request_or_404(request, pk, request_pk)
        return Response(self.get_serializer(found).data)


class _RequestVerb(generics.GenericAPIView):
    serializer_class = MeetingRequestSerializer

    def act(self, event, meeting_request, data):
        raise NotImplementedError

    def post(self, request, pk, request_pk):
        event, found = _visible_request_or_404(request, pk, request_pk)
        data = {}
        if self.input_serializer is not None:
            form = self.input_serializer(data=request.data)
            form.is_valid(raise_exception=True)
            data = form.validated_data
        with service_errors():
            self.act(event, found, data)
        return Response(self.get_serializer(_fresh(found)).data)

    input_serializer = None


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Accept a meeting request"),
    description=gettext_lazy(
        "Only the person asked, while it is pending and requests are open. On self-pick "
        "events send ``slot``, a free time's key (see the request's slots): the meeting is "
        "placed at once, or refused with a message under ``slot`` if that time is no longer "
        "free. The asker is emailed."
    ),
    request=AcceptSerializer,
    responses=schema.writing(MeetingRequestSerializer),
)
class MeetingRequestAccept(_RequestVerb):
    input_serializer = AcceptSerializer

    def act(self, event, meeting_request, data):
        if self_pick.is_self_pick(event):
            self_pick.accept_at(meeting_request, actor=self.request.user, slot=data.get("slot"))
        else:
            request_services.accept(meeting_request, actor=self.request.user)


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Decline a meeting request"),
    description=gettext_lazy("Only the person asked, while it is pending. The asker is emailed."),
    request=None,
    responses=schema.writing(MeetingRequestSerializer),
)
class MeetingRequestDecline(_RequestVerb):
    def act(self, event, meeting_request, data):
        request_services.decline(meeting_request, actor=self.request.user)


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Cancel a meeting request or meeting"),
    description=gettext_lazy(
        "The asker withdraws a pending or accepted request; either participant cancels an "
        "accepted one (their meeting), until the event starts. A placed meeting is removed "
        "from both agendas and the other side is emailed."
    ),
    request=None,
    responses=schema.writing(MeetingRequestSerializer),
)
class MeetingRequestCancel(_RequestVerb):
    def act(self, event, meeting_request, data):
        request_services.cancel_request(meeting_request, actor=self.request.user)


@extend_schema(
    tags=["meeting requests"],
    summary=gettext_lazy("Free times to accept a request"),
    description=gettext_lazy(
        "Self-pick events: for the person asked of a pending request, the times free for "
        "both, each with the ``key`` to send as ``slot`` when accepting. 404 otherwise."
    ),
    responses=schema.reading(FreeSlotSerializer(many=True)),
)
class MeetingRequestSlots(generics.GenericAPIView):
    serializer_class = FreeSlotSerializer
    pagination_class = NumberedPage

    def get(self, request, pk, request_pk):
        event = event_or_404(request, pk)
        if not self_pick.is_self_pick(event) or not request.user.is_authenticated:
            raise Http404
        found = get_object_or_404(
            MeetingRequest.objects.filter(
                event=event,
                status=MeetingRequest.Status.PENDING,
                to_registration__user=request.user,
                to_registration__status=Registration.Status.CONFIRMED,
            ).select_related("from_registration", "to_registration"),
            pk=request_pk,
        )
        with service_errors():
            free = self_pick.free_slots(event, found.from_registration, found.to_registration)
        page = self.paginate_queryset(free)
        data = FreeSlotSerializer(page, many=True, context={"event": event}).data
        return self.get_paginated_response(data)
