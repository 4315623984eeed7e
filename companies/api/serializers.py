"""Capabilities as the API shows them (what the capability page shows to whoever may open it)
and the body of a capability. Writing goes through companies.services."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from companies import services
from companies.models import (
    Capability,
    CapabilityAttachment,
    CapabilityReference,
    Certification,
)
from healthmatch.accounts.models import CareSetting, ClinicalArea, Organisation, TechnologyType


class CapabilityOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text=_("company, or research (a university or research institute)")
    )


SUMMARY_FIELDS = [
    "id",
    "kind",
    "title",
    "summary",
    "status",
    "organisation",
    "technology_types",
    "clinical_areas",
    "care_settings",
    "trl",
    "published_at",
    "updated_at",
]


class CapabilitySummarySerializer(serializers.ModelSerializer):
    organisation = CapabilityOrganisationSerializer(source="company.organisation", read_only=True)

    class Meta:
        model = Capability
        fields = SUMMARY_FIELDS
        read_only_fields = SUMMARY_FIELDS


class CertificationSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    is_expired = serializers.BooleanField(read_only=True)

    class Meta:
        model = Certification
        fields = ["item", "item_name", "reference", "valid_until", "is_expired"]
        read_only_fields = fields


class CapabilityReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CapabilityReference
        fields = ["customer", "description", "year"]
        read_only_fields = fields


class CapabilityAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CapabilityAttachment
        fields = ["id", "name", "size", "content_type", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        """The site's download view (it checks access again)."""
        path = reverse(
            "companies:attachment_download",
            kwargs={"pk": attachment.capability_id, "attachment_pk": attachment.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CapabilitySerializer(CapabilitySummarySerializer):
    """The capability page: description, certifications, references and attachments;
    ``can_edit``: you may edit, publish, archive and restore it."""

    certifications = CertificationSerializer(many=True, read_only=True)
    references = CapabilityReferenceSerializer(many=True, read_only=True)
    attachments = CapabilityAttachmentSerializer(many=True, read_only=True)
    can_edit = serializers.SerializerMethodField()

    class Meta(CapabilitySummarySerializer.Meta):
        fields = [
            *SUMMARY_FIELDS,
            "description",
            "certifications",
            "references",
            "attachments",
            "created_at",
            "can_edit",
        ]
        read_only_fields = fields

    def get_can_edit(self, capability) -> bool:
        user = self.context["request"].user
        return services.can_edit_capabilities(user, capability.company.organisation)


def _active_or_current(model, current=()):
    """Active taxonomy terms, plus the retired ones the capability already carries (as the
    form)."""
    keep = Q(is_active=True) | Q(pk__in=[term.pk for term in current])
    return model.objects.filter(keep).order_by("position", "name")


class CapabilityWriteSerializer(serializers.ModelSerializer):
    """A capability's content. ``organisation``: one of the companies you are an active member
    of; needed only when you belong to more than one (on create; a capability never moves).
    Certifications, references and attachments are edited on the site."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(), required=False
    )

    TERMS = {
        "technology_types": TechnologyType,
        "clinical_areas": ClinicalArea,
        "care_settings": CareSetting,
    }

    class Meta:
        model = Capability
        fields = ["organisation", *services.CAPABILITY_FIELDS, *services.CAPABILITY_M2M]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        capability = self.instance
        self.organisations = list(organisations)
        if capability is None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in self.organisations]
            )
        else:
            del self.fields["organisation"]
        for name, model in self.TERMS.items():
            current = getattr(capability, name).all() if capability is not None else ()
            self.fields[name].child_relation.queryset = _active_or_current(model, current)

    def validate(self, attrs):
        if self.instance is None and attrs.get("organisation") is None:
            if len(self.organisations) != 1:
                raise serializers.ValidationError(
                    {"organisation": [_("Choose the company this capability belongs to.")]}
                )
            attrs["organisation"] = self.organisations[0]
        return attrs

    def service_data(self) -> tuple[dict, dict]:
        """(data, m2m) of the fields sent, for companies.services."""
        data = self.validated_data
        return (
            {name: data[name] for name in services.CAPABILITY_FIELDS if name in data},
            {name: list(data[name]) for name in services.CAPABILITY_M2M if name in data},
        )
