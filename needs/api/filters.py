"""The needs list's filters, search and orderings in the API: the page's (needs.filters), with
``search`` for the page's ``q`` and two additions for the organisations' own needs."""

import django_filters
from django.db.models import F, FloatField
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from healthmatch.accounts.models import Organisation
from healthmatch.api.filters import NoBlankValues, StrictBooleanFilter
from needs.filters import STATUS_CHOICES, NeedFilter
from needs.models import Need
from needs.search import MAX_QUERY_LENGTH

API_STATUS_CHOICES = [
    *STATUS_CHOICES,
    (Need.Status.DRAFT.value, _("Drafts you may open")),
    (Need.Status.SUBMITTED.value, _("Awaiting review, that you may open")),
]


class NeedApiFilter(NoBlankValues, NeedFilter):
    """Over ``Need.objects.visible_to(user)``. Without ``status`` it lists what the page lists
    (open needs; ``all`` adds the closed ones); drafts and submitted needs only with ``status``,
    and only those the person may open (their organisations', their hubs' for coordinators)."""

    q = None  # the page's name; the API calls it ``search``
    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Words in the title and summary, and in the description and success criteria of "
            "the needs whose details you may read."
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=API_STATUS_CHOICES,
        method="filter_status",
        help_text=_("Default: published (open for responses)."),
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Organisation type"),
        field_name="organisation__kind",
        choices=[(kind.value, kind.label) for kind in Organisation.BUYER_KINDS],
    )
    mine = StrictBooleanFilter(
        label=_("Mine"),
        method="filter_mine",
        help_text=_("Only the needs of the organisations you are a member of."),
    )

    # The page's filters by taxonomy term, declared as what they take: ids.
    @extend_schema_field(OpenApiTypes.INT)
    def filter_clinical_area(self, queryset, name, value):
        return super().filter_clinical_area(queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_care_setting(self, queryset, name, value):
        return super().filter_care_setting(queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_technology(self, queryset, name, value):
        return super().filter_technology(queryset, name, value)

    @extend_schema_field(OpenApiTypes.BOOL)
    def filter_mine(self, queryset, name, value):
        if value != "true":
            return queryset
        return queryset.owned_by(self.request.user)


# The orderings of the page: newest published first, and relevance when searching. A need
# without a publication date (a draft) counts from its creation, so the cursor never meets NULL.
ORDERINGS = {
    "-published_at": ("-listed_at", "-pk"),
    "published_at": ("listed_at", "pk"),
}
RELEVANCE = "relevance"
BY_RELEVANCE = ("-relevance", "-listed_at", "-pk")


def with_sort_keys(queryset):
    return queryset.annotate(listed_at=Coalesce(F("published_at"), F("created_at")))


class NeedOrdering(OrderingFilter):
    """``ordering``: -published_at (the default), published_at, or relevance (the default with
    ``search`` on PostgreSQL, where the search ranks). Ends in the primary key, so the cursor
    pages are stable."""

    def filter_queryset(self, request, queryset, view):
        if "search_rank" in queryset.query.annotations:
            # The search's rank is a 4-byte float, which reaches Python rounded: as a cursor's
            # position it would no longer equal itself. Its exact double value does.
            queryset = queryset.annotate(relevance=Cast("search_rank", FloatField()))
        return super().filter_queryset(request, queryset, view)

    def get_ordering(self, request, queryset, view):
        choice = request.query_params.get(self.ordering_param, "")
        if self.ordering_param in request.query_params and choice not in (*ORDERINGS, RELEVANCE):
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Choose one of: %(orderings)s.")
                        % {"orderings": ", ".join((*ORDERINGS, RELEVANCE))}
                    ]
                }
            )
        ranked = "relevance" in queryset.query.annotations
        if choice in ORDERINGS:
            return list(ORDERINGS[choice])
        if ranked and choice in ("", RELEVANCE):
            return list(BY_RELEVANCE)
        return list(ORDERINGS["-published_at"])

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": str(
                    _(
                        "-published_at (newest first, the default), published_at, or relevance "
                        "(the default when searching)."
                    )
                ),
                "schema": {"type": "string", "enum": [*ORDERINGS, RELEVANCE]},
            }
        ]
