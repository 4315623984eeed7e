"""Filters, search and orderings of the capabilities list in the API: the companies directory's
filters (companies.filters), applied to the capabilities themselves."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from companies.filters import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, active_terms
from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from healthmatch.accounts.models import (
    TRL_CHOICES,
    CareSetting,
    ClinicalArea,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
)
from healthmatch.api.filters import NoBlankValues, StrictBooleanFilter


def _with(**lookups):
    """Capabilities matching a lookup over a relation, each once (a subquery, not a join)."""

    def apply(queryset):
        return queryset.filter(pk__in=Capability.objects.filter(**lookups).values("pk"))

    return apply


def _terms(model, label):
    return django_filters.ModelMultipleChoiceFilter(
        label=label, queryset=active_terms(model), method="filter_terms"
    )


class CapabilityApiFilter(NoBlankValues, django_filters.FilterSet):
    """Over ``Capability.objects.visible_to(user)``: published capabilities of verified companies,
    your own companies' in every state, and your hubs' for coordinators."""

    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Words in the title, summary or description, or the company's name."),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Capability.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Capability.Status.choices)
    technology = _terms(TechnologyType, _("Technology type"))
    clinical_area = _terms(ClinicalArea, _("Clinical area"))
    care_setting = _terms(CareSetting, _("Care setting"))
    trl = django_filters.ChoiceFilter(
        label=_("Minimum maturity"),
        choices=TRL_CHOICES,
        method="filter_trl",
        help_text=_("Capabilities at this technology readiness level or above."),
    )
    certification = django_filters.ModelMultipleChoiceFilter(
        label=_("Certification held (not expired)"),
        queryset=active_terms(RegulatoryItem),
        method="filter_certification",
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label=_("Region served"), queryset=active_terms(Region), method="filter_region"
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        choices=[(kind.value, kind.label) for kind in Organisation.PROVIDER_KINDS],
        field_name="company__organisation__kind",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Company or research institute"),
        queryset=Organisation.objects.providers(),
        field_name="company__organisation",
    )
    sme = StrictBooleanFilter(label=_("SMEs only"), method="filter_sme")
    mine = StrictBooleanFilter(
        label=_("Mine"),
        method="filter_mine",
        help_text=_("Only the capabilities of the companies you are a member of."),
    )

    RELATIONS = {
        "technology": "technology_types",
        "clinical_area": "clinical_areas",
        "care_setting": "care_settings",
    }

    class Meta:
        model = Capability
        fields = []

    def filter_search(self, queryset, name, value):
        for word in value.replace("\x00", " ").split()[:SEARCH_MAX_WORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(company__organisation__name__icontains=word)
            )
        return queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_terms(self, queryset, name, value):
        if not value:
            return queryset
        return _with(**{f"{self.RELATIONS[name]}__in": value})(queryset)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_trl(self, queryset, name, value):
        return queryset.filter(trl__gte=int(value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_certification(self, queryset, name, value):
        if not value:
            return queryset
        still_valid = Q(certifications__valid_until__isnull=True) | Q(
            certifications__valid_until__gte=timezone.localdate()
        )
        return queryset.filter(
            pk__in=Capability.objects.filter(still_valid, certifications__item__in=value).values(
                "pk"
            )
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        return _with(company__regions_served__in=value)(queryset)

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_sme(self, queryset, name, value):
        return queryset.filter(company__is_sme=True) if value == "true" else queryset

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_mine(self, queryset, name, value):
        if value != "true":
            return queryset
        return queryset.filter(company__organisation_id__in=member_org_ids(self.request.user))


# Each ordering ends in the primary key, so the cursor pages are stable.
ORDERINGS = {
    "-updated_at": ("-updated_at", "-pk"),
    "updated_at": ("updated_at", "pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
}
DEFAULT_ORDERING = "-updated_at"


class CapabilityOrdering(OrderingFilter):
    """``ordering``: -updated_at (recently changed first, the default), updated_at, title or
    -title (the enum of the schema)."""

    def get_ordering(self, request, queryset, view):
        choice = request.query_params.get(self.ordering_param, "")
        if self.ordering_param in request.query_params and choice not in ORDERINGS:
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Choose one of: %(orderings)s.") % {"orderings": ", ".join(ORDERINGS)}
                    ]
                }
            )
        return list(ORDERINGS.get(choice, ORDERINGS[DEFAULT_ORDERING]))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("-updated_at (recently changed first, the default), updated_at, title.")
                ),
                "schema": {"type": "string", "enum": list(ORDERINGS)},
            }
        ]
