"""What the events API reads and writes. Output serializers describe rows the views fetched
through the pages' querysets; input serializers only check shapes and choices, and the views
hand their data to the services (events.services, events.requests.services,
events.meetings.self_pick), which hold every rule."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.models import Capability
from events import services
from events.models import Event, Registration, Session
from events.requests.models import MeetingRequest
from events.requests.ranking import why_meet
from healthmatch.accounts.models import Organisation
from needs.models import Need

# --- Small nested summaries -------------------------------------------------------------------


class HubSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class EventOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)


class TitleSummarySerializer(serializers.Serializer):
    """A need or a capability: its id and title."""

    id = serializers.IntegerField()
    title = serializers.CharField()


class ParticipantSummarySerializer(serializers.Serializer):
    """Another participant as the pages show them: name, organisation, side. No email."""

    id = serializers.IntegerField(help_text=_("The registration's id."))
    name = serializers.CharField(source="user.name")
    organisation = EventOrganisationSerializer()
    kind = serializers.ChoiceField(choices=Registration.Kind.choices)


class SessionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class TableSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()


# --- Events -----------------------------------------------------------------------------------


class SessionSerializer(serializers.ModelSerializer):
    slot_count = serializers.SerializerMethodField(help_text=_("Meetings in this session."))

    class Meta:
        model = Session
        fields = (
            "id",
            "title",
            "starts_at",
            "ends_at",
            "meeting_minutes",
            "break_minutes",
            "meeting_cap",
            "slot_count",
        )

    def get_slot_count(self, session) -> int:
        return len(session.slots())


class MyRegistrationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Registration.Status.choices)


class EventSerializer(serializers.ModelSerializer):
    """An event as the list shows it. Times carry their UTC offset; ``time_zone`` is the zone the
    event is shown in."""

    hub = HubSummarySerializer()
    confirmed_count = serializers.IntegerField(help_text=_("Confirmed participants."))
    registration_open = serializers.SerializerMethodField()
    registration_closed_reason = serializers.SerializerMethodField(
        help_text=_("Why nobody can register now; null while registration is open.")
    )
    my_registration = serializers.SerializerMethodField(
        help_text=_("The caller's active registration, or null.")
    )

    class Meta:
        model = Event
        fields = (
            "id",
            "title",
            "hub",
            "status",
            "visibility",
            "language",
            "time_zone",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "confirmed_count",
            "registration_open",
            "registration_closed_reason",
            "request_acceptance",
            "scheduling",
            "location",
            "request_deadline",
            "max_meetings_buyer",
            "max_meetings_company",
            "my_registration",
        )

    def get_registration_open(self, event) -> bool:
        return services.registration_window_problem(event) is None

    def get_registration_closed_reason(self, event) -> str | None:
        return services.registration_window_problem(event)

    @extend_schema_field(MyRegistrationSummarySerializer(allow_null=True))
    def get_my_registration(self, event):
        found = self.context.get("my_registrations", {}).get(event.pk)
        return None if found is None else {"id": found[0], "status": found[1]}


class EventDetailSerializer(EventSerializer):
    sessions = SessionSerializer(many=True)
    eligible_organisations = serializers.SerializerMethodField(
        help_text=_("The organisations the caller may register for.")
    )
    url = serializers.SerializerMethodField(help_text=_("The event's page."))

    class Meta(EventSerializer.Meta):
        fields = (
            *EventSerializer.Meta.fields,
            "description",
            "sessions",
            "eligible_organisations",
            "url",
        )

    @extend_schema_field(EventOrganisationSerializer(many=True))
    def get_eligible_organisations(self, event):
        orgs = self.context.get("eligible_organisations", [])
        return EventOrganisationSerializer(orgs, many=True).data

    def get_url(self, event) -> str:
        return self.context["request"].build_absolute_uri(event.get_absolute_url())


# --- Registration -----------------------------------------------------------------------------


class RegistrationSerializer(serializers.ModelSerializer):
    """The caller's own registration: status, availability and pitch."""

    organisation = EventOrganisationSerializer()
    waitlist_position = serializers.SerializerMethodField(
        help_text=_("1 for the first in line; null unless on the waiting list.")
    )
    meeting_cap = serializers.SerializerMethodField(
        help_text=_("The organiser's limit on meetings for this side; null: no limit.")
    )
    sessions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    pitched_needs = TitleSummarySerializer(many=True, read_only=True)
    capabilities = TitleSummarySerializer(many=True, read_only=True)
    pitchable_needs = serializers.SerializerMethodField(
        help_text=_("What a buyer may pitch: their organisation's published needs.")
    )
    bringable_capabilities = serializers.SerializerMethodField(
        help_text=_("What a company may bring: its published capabilities.")
    )

    class Meta:
        model = Registration
        fields = (
            "id",
            "event",
            "organisation",
            "kind",
            "status",
            "waitlist_position",
            "created_at",
            "confirmed_at",
            "waitlisted_at",
            "cancelled_at",
            "max_meetings",
            "meeting_cap",
            "sessions",
            "pitched_needs",
            "capabilities",
            "pitchable_needs",
            "bringable_capabilities",
        )

    def get_waitlist_position(self, registration) -> int | None:
        return services.waitlist_position(registration)

    def get_meeting_cap(self, registration) -> int | None:
        return registration.event.meeting_cap_for(registration.kind)

    @extend_schema_field(TitleSummarySerializer(many=True))
    def get_pitchable_needs(self, registration):
        if not registration.is_buyer:
            return []
        needs = services.pitchable_needs(registration).order_by("title", "pk")
        return TitleSummarySerializer(needs, many=True).data

    @extend_schema_field(TitleSummarySerializer(many=True))
    def get_bringable_capabilities(self, registration):
        if registration.is_buyer:
            return []
        capabilities = services.bringable_capabilities(registration).order_by("title", "pk")
        return TitleSummarySerializer(capabilities, many=True).data


class RegisterSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "The organisation you represent (one of the event's eligible_organisations); "
            "may be left out when there is only one."
        ),
        error_messages={
            "does_not_exist": _(
                "Choose one of your organisations: active membership of a verified "
                "organisation is needed to register."
            ),
        },
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in self.organisations]
        )

    def validate(self, data):
        if data.get("organisation") is None:
            if len(self.organisations) != 1:
                raise serializers.ValidationError(
                    {
                        "organisation": _(
                            "Choose one of your organisations: active membership of a "
                            "verified organisation is needed to register."
                        )
                    }
                )
            data["organisation"] = self.organisations[0]
        return data


class RegistrationUpdateSerializer(serializers.Serializer):
    """Availability and pitch, saved together. Fields left out keep their value."""

    sessions = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Session.objects.none(),
        required=False,
        help_text=_("Sessions you can attend (none: all); ids of this event's sessions."),
    )
    max_meetings = serializers.IntegerField(
        min_value=0,
        max_value=100,
        allow_null=True,
        required=False,
        help_text=_("Meetings at most; null for as many as the organiser allows."),
    )
    pitched_needs = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Need.objects.none(),
        required=False,
        help_text=_("Buyers: ids of their organisation's published needs."),
    )
    capabilities = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Capability.objects.none(),
        required=False,
        help_text=_("Companies: ids of their published capabilities."),
    )

    def __init__(self, *args, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        if registration is None:  # the schema's instance
            return
        self.fields["sessions"].child_relation.queryset = registration.event.sessions.all()
        needs = self.fields["pitched_needs"].child_relation
        capabilities = self.fields["capabilities"].child_relation
        if registration.is_buyer:
            needs.queryset = services.pitchable_needs(registration)
            needs.error_messages["does_not_exist"] = _(
                "You can only pitch your organisation's published needs."
            )
            capabilities.error_messages["does_not_exist"] = _(
                "Buyers pitch needs; capabilities are for companies."
            )
        else:
            capabilities.queryset = services.bringable_capabilities(registration)
            capabilities.error_messages["does_not_exist"] = _(
                "You can only bring your company's published capabilities."
            )
            needs.error_messages["does_not_exist"] = _("Companies bring capabilities, not needs.")


# --- The participant directory ----------------------------------------------------------------


class RequestStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=MeetingRequest.Status.choices)
    direction = serializers.ChoiceField(choices=[("made", _("Made")), ("received", _("Received"))])


class DirectoryRowSerializer(serializers.Serializer):
    """A participant of the other side, as the directory ranks them for the caller."""

    id = serializers.IntegerField(source="registration.pk", help_text=_("The registration's id."))
    name = serializers.CharField(source="registration.user.name")
    organisation = EventOrganisationSerializer(source="registration.organisation")
    kind = serializers.ChoiceField(source="registration.kind", choices=Registration.Kind.choices)
    must_meet = serializers.BooleanField()
    fit_percent = serializers.SerializerMethodField(
        help_text=_("The best match score of the pair in percent; null without a match.")
    )
    why_meet = serializers.SerializerMethodField(
        help_text=_("One line: the need, the capability, what fits; null without a match.")
    )
    pitched_needs = TitleSummarySerializer(source="registration.pitched_needs", many=True)
    capabilities = TitleSummarySerializer(source="registration.capabilities", many=True)
    request = serializers.SerializerMethodField(
        help_text=_("The open request between you, else the latest; null when none.")
    )

    def get_fit_percent(self, row) -> int | None:
        return row.pairing.percent if row.pairing else None

    def get_why_meet(self, row) -> str | None:
        return row.pairing.why if row.pairing else None

    @extend_schema_field(RequestStateSerializer(allow_null=True))
    def get_request(self, row):
        if row.request is None:
            return None
        return {
            "id": row.request.pk,
            "status": row.request.status,
            "direction": "received" if row.incoming else "made",
        }


# --- Meeting requests -------------------------------------------------------------------------


class MeetingSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()


class MeetingRequestSerializer(serializers.ModelSerializer):
    direction = serializers.SerializerMethodField(
        help_text=_("Seen from the caller: made by them or received; null for organisers.")
    )
    from_registration = ParticipantSummarySerializer()
    to_registration = ParticipantSummarySerializer()
    need = TitleSummarySerializer(allow_null=True)
    capability = TitleSummarySerializer(allow_null=True)
    why_meet = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField(
        help_text=_("The meeting placed for an accepted request, or null.")
    )

    class Meta:
        model = MeetingRequest
        fields = (
            "id",
            "event",
            "status",
            "direction",
            "from_registration",
            "to_registration",
            "message",
            "need",
            "capability",
            "must_meet",
            "score",
            "why_meet",
            "created_at",
            "answered_at",
            "meeting",
        )

    @extend_schema_field(
        serializers.ChoiceField(
            choices=[("made", _("Made")), ("received", _("Received"))], allow_null=True
        )
    )
    def get_direction(self, meeting_request):
        user = self.context["request"].user
        if meeting_request.from_registration.user_id == user.pk:
            return "made"
        if meeting_request.to_registration.user_id == user.pk:
            return "received"
        return None

    def get_why_meet(self, meeting_request) -> str | None:
        return why_meet(meeting_request.match) if meeting_request.match else None

    @extend_schema_field(MeetingSummarySerializer(allow_null=True))
    def get_meeting(self, meeting_request):
        meeting = getattr(meeting_request, "meeting", None)  # a missing one raises DoesNotExist
        if meeting is None:
            return None
        return MeetingSummarySerializer(meeting).data


class MeetingRequestCreateSerializer(serializers.Serializer):
    to_registration = serializers.IntegerField(
        help_text=_("The registration id of a confirmed participant of the other side.")
    )
    message = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Say what you would like to talk about."),
    )
    need = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("One of the needs the buyer pitches.")
    )
    capability = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("One of the capabilities the company brings."),
    )
    slot = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_(
            "Self-pick events that accept requests at once: the key of a free time "
            "(see the participant's slots). Ignored elsewhere."
        ),
    )


class AcceptSerializer(serializers.Serializer):
    slot = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_("Self-pick events: the key of a free time (see the request's slots)."),
    )


class FreeSlotSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("What to send as ``slot``."))
    label = serializers.SerializerMethodField()
    session = SessionSummarySerializer()
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    table = TableSummarySerializer()

    def get_label(self, free) -> str:
        return free.label(self.context["event"])


# --- The agenda -------------------------------------------------------------------------------


class AgendaMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    request = serializers.IntegerField(source="request_id")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    session = SessionSummarySerializer()
    table = TableSummarySerializer()
    place = serializers.CharField(help_text=_("The table, or the host's booth."))
    other = serializers.SerializerMethodField(help_text=_("The person you meet."))
    need = TitleSummarySerializer(source="request.need", allow_null=True)
    capability = TitleSummarySerializer(source="request.capability", allow_null=True)
    why_meet = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField(help_text=_("This meeting as a calendar file."))

    @extend_schema_field(ParticipantSummarySerializer)
    def get_other(self, meeting):
        return ParticipantSummarySerializer(meeting.other(self.context["registration"])).data

    def get_why_meet(self, meeting) -> str | None:
        return why_meet(meeting.request.match) if meeting.request.match else None

    def get_ics_url(self, meeting) -> str:
        path = reverse("events:meeting_ics", args=[meeting.session.event_id, meeting.pk])
        return self.context["request"].build_absolute_uri(path)


class AgendaSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="event.pk")
    time_zone = serializers.CharField(source="event.time_zone")
    registration = serializers.IntegerField(source="registration.pk")
    ics_url = serializers.URLField(help_text=_("The whole agenda as a calendar file."))
    meetings = AgendaMeetingSerializer(many=True)
