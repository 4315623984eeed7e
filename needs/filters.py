"""The filters in the sidebar of the needs list. Invalid values become form errors (never a
500); the valid ones still apply."""

import datetime

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import (
    CONTENT_LANGUAGES,
    TRL_CHOICES,
    CareSetting,
    ClinicalArea,
    Region,
    TechnologyType,
)
from needs.models import Need
from needs.search import MAX_QUERY_LENGTH, search_needs

STATUS_OPEN = "published"
STATUS_CLOSED = "closed"
STATUS_ALL = "all"
STATUS_CHOICES = [
    (STATUS_OPEN, _("Open for responses")),
    (STATUS_CLOSED, _("Closed")),
    (STATUS_ALL, _("Open and closed")),
]


def _active(model):
    return model.objects.filter(is_active=True).order_by("position", "name")


def _with_term(field):
    """Needs that carry a term, without the duplicate rows a join would give."""

    def apply(queryset, terms):
        return queryset.filter(pk__in=Need.objects.filter(**{f"{field}__in": terms}).values("pk"))

    return apply


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    clinical_area = django_filters.ModelChoiceFilter(
        label=_("Clinical area"),
        queryset=_active(ClinicalArea),
        method="filter_clinical_area",
        empty_label=_("Any clinical area"),
    )
    care_setting = django_filters.ModelChoiceFilter(
        label=_("Care setting"),
        queryset=_active(CareSetting),
        method="filter_care_setting",
        empty_label=_("Any care setting"),
    )
    technology = django_filters.ModelMultipleChoiceFilter(
        label=_("Technology type"),
        queryset=_active(TechnologyType),
        method="filter_technology",
        widget=forms.CheckboxSelectMultiple,
    )
    trl = django_filters.ChoiceFilter(
        label=_("Your solution's maturity"),
        choices=TRL_CHOICES,
        method="filter_trl",
        empty_label=_("Any maturity"),
        help_text=_("Shows needs whose minimum TRL your solution reaches."),
    )
    open_days = django_filters.NumberFilter(
        label=_("Open for at least (days)"),
        method="filter_open_days",
        min_value=0,
        max_value=3650,
        help_text=_("Needs without a deadline are included."),
    )
    deadline_after = django_filters.DateFilter(
        label=_("Deadline on or after"),
        method="filter_deadline_after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=_active(Region),
        empty_label=_("Any region"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=CONTENT_LANGUAGES, empty_label=_("Any language")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=None,
    )

    class Meta:
        model = Need
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["status"].required = False
        self.form.fields["status"].initial = STATUS_OPEN

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or STATUS_OPEN
        if status == STATUS_ALL:
            return queryset.filter(status__in=(Need.Status.PUBLISHED, Need.Status.CLOSED))
        return queryset.filter(status=status)

    def filter_status(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so the default holds

    def filter_q(self, queryset, name, value):
        user = getattr(self.request, "user", None) or AnonymousUser()
        return search_needs(queryset, value, user)

    def filter_clinical_area(self, queryset, name, value):
        return _with_term("clinical_areas")(queryset, [value])

    def filter_care_setting(self, queryset, name, value):
        return _with_term("care_settings")(queryset, [value])

    def filter_technology(self, queryset, name, value):
        return _with_term("technology_types")(queryset, list(value)) if value else queryset

    def filter_trl(self, queryset, name, value):
        return queryset.filter(Q(min_trl__lte=int(value)) | Q(min_trl__isnull=True))

    def filter_open_days(self, queryset, name, value):
        until = timezone.localdate() + datetime.timedelta(days=int(value))
        return queryset.filter(Q(response_deadline__gte=until) | Q(response_deadline__isnull=True))

    def filter_deadline_after(self, queryset, name, value):
        return queryset.filter(Q(response_deadline__gte=value) | Q(response_deadline__isnull=True))
