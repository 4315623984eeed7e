"""Search and filters of the companies directory.

Only published capabilities count: a draft's title or tags never make a company show up.
Every filter is an EXISTS subquery, so a company appears once whatever matches.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability, CompanyProfile
from healthmatch.accounts.models import (
    ClinicalArea,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
)

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 8


def published_capabilities(*args, **lookups):
    """Published capabilities of the directory row being filtered (for Exists())."""
    return Capability.objects.filter(
        *args, company=OuterRef("pk"), status=Capability.Status.PUBLISHED, **lookups
    )


def active_terms(model):
    return model.objects.filter(is_active=True).order_by("position", "name")


class CheckboxFilter(django_filters.BooleanFilter):
    field_class = forms.BooleanField


def _terms_filter(model, label, method):
    return django_filters.ModelMultipleChoiceFilter(
        label=label,
        queryset=active_terms(model),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        method=method,
    )


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Company name, description or capability title."),
        widget=forms.TextInput(attrs={"type": "search", "maxlength": SEARCH_MAX_LENGTH}),
    )
    technology = _terms_filter(TechnologyType, _("Technology type"), "filter_technology")
    area = _terms_filter(ClinicalArea, _("Clinical area"), "filter_area")
    region = _terms_filter(Region, _("Region served"), "filter_region")
    certification = _terms_filter(
        RegulatoryItem, _("Certification held (not expired)"), "filter_certification"
    )
    sme = CheckboxFilter(label=_("SMEs only"), method="filter_sme")
    research = CheckboxFilter(
        label=_("Universities and research institutes only"), method="filter_research"
    )

    class Meta:
        model = CompanyProfile
        fields = []

    def filter_search(self, queryset, name, value):
        words = value[:SEARCH_MAX_LENGTH].split()[:SEARCH_MAX_WORDS]
        for word in words:
            queryset = queryset.filter(
                Q(organisation__name__icontains=word)
                | Q(organisation__description__icontains=word)
                | Q(tagline__icontains=word)
                | Exists(
                    published_capabilities(Q(title__icontains=word) | Q(summary__icontains=word))
                )
            )
        return queryset

    def filter_technology(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(published_capabilities(technology_types__in=value)))

    def filter_area(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(published_capabilities(clinical_areas__in=value)))

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        through = CompanyProfile.regions_served.through
        return queryset.filter(
            Exists(through.objects.filter(companyprofile_id=OuterRef("pk"), region__in=value))
        )

    def filter_certification(self, queryset, name, value):
        if not value:
            return queryset
        still_valid = Q(certifications__valid_until__isnull=True) | Q(
            certifications__valid_until__gte=timezone.localdate()
        )
        return queryset.filter(
            Exists(published_capabilities(still_valid, certifications__item__in=value))
        )

    def filter_sme(self, queryset, name, value):
        return queryset.filter(is_sme=True) if value else queryset

    def filter_research(self, queryset, name, value):
        return queryset.filter(organisation__kind=Organisation.Kind.RESEARCH) if value else queryset
