from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Hub,
    Membership,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
    User,
)


class HubSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hub
        fields = ["id", "name", "slug"]


class OrganisationSummarySerializer(serializers.ModelSerializer):
    verified = serializers.BooleanField(source="is_verified", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "verified"]


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation's public information, and the reader's role in it (null: not a member;
    pending requests to join are not roles)."""

    hub = HubSerializer(read_only=True)
    verified = serializers.BooleanField(source="is_verified", read_only=True)
    my_role = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "hub",
            "country",
            "website",
            "description",
            "verified",
            "verified_at",
            "my_role",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=Membership.Role.choices, allow_null=True))
    def get_my_role(self, organisation) -> str | None:
        return self.context.get("roles", {}).get(organisation.pk)


class MembershipSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "role", "status"]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()
    is_coordinator = serializers.BooleanField(read_only=True)
    coordinated_hubs = HubSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name",
            "job_title",
            "is_coordinator",
            "coordinated_hubs",
            "memberships",
        ]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user):
        rows = (
            Membership.objects.filter(user=user)
            .exclude(status=Membership.Status.REJECTED)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        return MembershipSerializer(rows, many=True).data


class TermNamesSerializer(serializers.Serializer):
    """A term's name in each language; where a language has none, the English name."""

    en = serializers.CharField()
    da = serializers.CharField()
    sv = serializers.CharField()
    nb = serializers.CharField()


class TermSerializer(serializers.ModelSerializer):
    """A term; ``name`` is the English name (as before ``names`` came), ``names`` every
    language's."""

    names = serializers.SerializerMethodField()

    class Meta:
        fields = ["id", "name", "names", "slug", "description", "position", "is_active"]

    @extend_schema_field(TermNamesSerializer)
    def get_names(self, term) -> dict[str, str]:
        return term.names()


def term_serializer(model):
    extra = ["country"] if model is Region else []
    meta = type(
        "Meta",
        (TermSerializer.Meta,),
        {"model": model, "fields": [*TermSerializer.Meta.fields, *extra]},
    )
    return type(f"{model.__name__}Serializer", (TermSerializer,), {"Meta": meta})


TERM_SERIALIZERS = {
    model: term_serializer(model)
    for model in (ClinicalArea, CareSetting, TechnologyType, RegulatoryItem, Region)
}
