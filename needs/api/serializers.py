"""Needs as the API shows them: the list's teaser, the detail page's teaser or full need (as
``needs.services.need_access`` decides), and the body of a draft. Writing goes through
needs.services; these serializers only check the shape of the input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
)
from needs import services
from needs.models import Need, NeedAttachment

LOCKED_REASONS = [
    ("login", _("Log in as a member of a verified organisation to read the details.")),
    ("confidential", _("Confidential: the details are shared with invited companies only.")),
    ("no_organisation", _("The details are for members of verified organisations.")),
    ("unverified", _("Your organisation is not verified yet.")),
]


class NeedOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class NeedHubSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


TEASER_FIELDS = [
    "id",
    "title",
    "summary",
    "status",
    "is_confidential",
    "organisation",
    "hub",
    "region",
    "clinical_areas",
    "care_settings",
    "technology_types",
    "response_deadline",
    "published_at",
    "closed_at",
]


class NeedSummarySerializer(serializers.ModelSerializer):
    """What anybody may read of a listed need: the page's teaser."""

    organisation = NeedOrganisationSerializer(read_only=True)
    hub = NeedHubSerializer(read_only=True)

    class Meta:
        model = Need
        fields = TEASER_FIELDS
        read_only_fields = TEASER_FIELDS


class NeedTeaserSerializer(NeedSummarySerializer):
    """A need whose details the person may not read, and why."""

    details_visible = serializers.SerializerMethodField()
    locked_reason = serializers.SerializerMethodField()

    class Meta(NeedSummarySerializer.Meta):
        fields = [*TEASER_FIELDS, "details_visible", "locked_reason"]
        read_only_fields = fields

    @extend_schema_field({"type": "boolean", "enum": [False]})
    def get_details_visible(self, need) -> bool:
        return False

    @extend_schema_field(serializers.ChoiceField(choices=LOCKED_REASONS))
    def get_locked_reason(self, need) -> str:
        return self.context["access"].locked_reason


DETAIL_FIELDS = [
    "description",
    "care_pathway",
    "affected_groups",
    "scale",
    "success_criteria",
    "min_trl",
    "regulatory_requirements",
    "budget_band",
    "route",
    "language",
    "created_at",
    "updated_at",
    "submitted_at",
]


class NeedSerializer(NeedSummarySerializer):
    """The full need, for people who may read its details. ``coordinator_comment`` (a
    coordinator's request for changes) only for the owners and the hub's coordinators; the
    ``can_*`` flags say which of the API's actions they may take now."""

    details_visible = serializers.SerializerMethodField()
    coordinator_comment = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    can_submit = serializers.SerializerMethodField()
    can_close = serializers.SerializerMethodField()

    class Meta(NeedSummarySerializer.Meta):
        fields = [
            *TEASER_FIELDS,
            "details_visible",
            *DETAIL_FIELDS,
            "coordinator_comment",
            "can_edit",
            "can_submit",
            "can_close",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "boolean", "enum": [True]})
    def get_details_visible(self, need) -> bool:
        return True

    def get_coordinator_comment(self, need) -> str | None:
        return need.coordinator_comment if self.context["access"].can_manage else None

    def get_can_edit(self, need) -> bool:
        return self.context["access"].can_edit

    def get_can_submit(self, need) -> bool:
        return self.context["access"].can_submit

    def get_can_close(self, need) -> bool:
        return self.context["access"].can_close


def _active_or_current(model, current=()):
    """Active taxonomy terms, plus the retired ones the need already carries (as the form)."""
    keep = Q(is_active=True) | Q(pk__in=[getattr(term, "pk", term) for term in current])
    return model.objects.filter(keep).order_by("position", "name")


class NeedWriteSerializer(serializers.ModelSerializer):
    """A draft's content, as the page's form takes it. ``organisation``: one of the hospitals,
    regions or municipalities you are an active member of; needed only when you belong to more
    than one (on create; a need never changes organisation)."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), required=False
    )
    response_deadline = serializers.DateField(
        required=False, allow_null=True, validators=[services.check_response_deadline]
    )

    TERMS = {
        "clinical_areas": ClinicalArea,
        "care_settings": CareSetting,
        "technology_types": TechnologyType,
        "regulatory_requirements": RegulatoryItem,
    }

    class Meta:
        model = Need
        fields = ["organisation", *services.EDITABLE_FIELDS, *services.M2M_FIELDS]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        need = self.instance
        self.organisations = list(organisations)
        if need is None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in self.organisations]
            )
        else:
            del self.fields["organisation"]
        for name, model in self.TERMS.items():
            current = getattr(need, name).all() if need is not None else ()
            self.fields[name].child_relation.queryset = _active_or_current(model, current)
        self.fields["region"].queryset = _active_or_current(
            Region, [need.region_id] if need is not None and need.region_id else ()
        )

    def validate(self, attrs):
        if self.instance is None:
            if attrs.get("organisation") is None:
                if len(self.organisations) != 1:
                    raise serializers.ValidationError(
                        {"organisation": [_("Choose the organisation this need belongs to.")]}
                    )
                attrs["organisation"] = self.organisations[0]
        elif "response_deadline" not in attrs and self.instance.response_deadline:
            # The page's form checks the deadline on every save: so does the API.
            try:
                services.check_response_deadline(self.instance.response_deadline)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"response_deadline": error.messages}) from error
        return attrs

    def service_data(self) -> tuple[dict, dict]:
        """(data, m2m) of the fields sent, for needs.services.create_need / update_need."""
        data = self.validated_data
        return (
            {name: data[name] for name in services.EDITABLE_FIELDS if name in data},
            {name: list(data[name]) for name in services.M2M_FIELDS if name in data},
        )


class CloseSerializer(serializers.Serializer):
    comment = serializers.CharField(
        label=_("Why are you closing it? (optional)"),
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
    )


class NeedAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = NeedAttachment
        fields = ["id", "name", "size", "content_type", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        """The site's download view (it checks access again, and audits confidential needs)."""
        path = reverse(
            "needs:attachment_download",
            kwargs={"pk": attachment.need_id, "attachment_pk": attachment.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
