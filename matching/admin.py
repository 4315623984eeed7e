"""What every admin page of matches shows: coordinators see the matches of their hubs' needs,
with the factors of each score (MatchAdminBase, ScoreFilter, AgeFilter). Registered by the
sub-domain that acts on matches, the lifecycle (matching.lifecycle.admin: the Match admin with
its actions and pages, and the curation queue).

Each sub-domain's admin is in its own package (matching.lifecycle.admin, settings and runs in
matching.runs.admin, bids in matching.bids.admin), imported by matching.apps."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyAdminMixin,
)
from matching.engine.terms import meaningful_terms
from matching.explanations import explain, factor_rows, gap_texts
from matching.score_format import match_score


class ScoreFilter(admin.SimpleListFilter):
    title = _("score")
    parameter_name = "score"
    BANDS = {
        "high": (0.6, None),
        "medium": (0.4, 0.6),
        "low": (None, 0.4),
    }

    def lookups(self, request, model_admin):
        return [
            ("high", _("60 % match and above")),
            ("medium", _("40 to 60 % match")),
            ("low", _("below 40 % match")),
        ]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        if band is None:
            return queryset
        low, high = band
        q = Q()
        if low is not None:
            q &= Q(score__gte=low)
        if high is not None:
            q &= Q(score__lt=high)
        return queryset.filter(q)


class AgeFilter(admin.SimpleListFilter):
    title = _("age")
    parameter_name = "age"
    DAYS = {"week": (None, 7), "month": (7, 30), "older": (30, None)}

    def lookups(self, request, model_admin):
        return [
            ("week", _("First seen this week")),
            ("month", _("1 to 4 weeks old")),
            ("older", _("Older than 30 days")),
        ]

    def queryset(self, request, queryset):
        band = self.DAYS.get(self.value())
        if band is None:
            return queryset
        now = timezone.now()
        younger_than, older_than = band[0], band[1]
        if younger_than is None:
            return queryset.filter(first_seen_at__gte=now - timedelta(days=older_than))
        if older_than is None:
            return queryset.filter(first_seen_at__lt=now - timedelta(days=younger_than))
        return queryset.filter(
            first_seen_at__lt=now - timedelta(days=younger_than),
            first_seen_at__gte=now - timedelta(days=older_than),
        )


class MatchAdminBase(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """The columns, filters and read-only fields of a match; no actions."""

    hub_path = "hub"
    list_display = (
        "need",
        "capability",
        "company",
        "score_display",
        "status",
        "last_scored_at",
    )
    list_filter = (
        ("hub", HubListFilter),
        ScoreFilter,
        "status",
        "need__clinical_areas",
        AgeFilter,
        "acted_on",
    )
    list_select_related = ("need", "capability__company__organisation", "hub")
    search_fields = (
        "need__title",
        "capability__title",
        "capability__company__organisation__name",
        "need__organisation__name",
    )
    ordering = ("-score", "pk")
    show_full_result_count = False  # the table is large: no second count for the filtered list
    fields = (
        "need",
        "capability",
        "hub",
        "score_display",
        "why",
        "status",
        "lifecycle_links",
        "buyer_interest",
        "buyer_interest_reason",
        "company_interest",
        "company_interest_reason",
        "introduced_at",
        "follow_up_due_at",
        "follow_up_sent_at",
        "closed_reason",
        "factor_breakdown",
        "terms",
        "gap_list",
        "acted_on",
        "acted_by",
        "acted_at",
        "first_seen_at",
        "last_scored_at",
        "last_run",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("need", "capability__company__organisation")
        )

    @admin.display(description=_("company"), ordering="capability__company__organisation__name")
    def company(self, obj):
        return obj.capability.company.organisation.name

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, obj):
        return match_score(obj.score)

    @admin.display(description=_("why"))
    def why(self, obj):
        """The explanation the parties see (matching.explanations): summary and main reasons."""
        explanation = explain(obj)
        return format_html(
            "<p><strong>{}</strong></p><ul>{}</ul>",
            explanation.summary,
            format_html_join(
                "",
                "<li>{} ({}%)</li>",
                ((row.reason, row.percent) for row in explanation.top_factors),
            ),
        )

    @admin.display(description=_("every factor"))
    def factor_breakdown(self, obj):
        rows = factor_rows(obj.factors)
        if not rows:
            return "–"
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><th scope='row'>{}</th><td>{}%</td><td>{}</td></tr>",
                ((row.label, row.percent, f"{row.value:.3f}") for row in rows),
            ),
        )

    @admin.display(description=_("shared terms"))
    def terms(self, obj):
        return ", ".join(meaningful_terms(obj.shared_terms)) or "–"

    @admin.display(description=_("gaps"))
    def gap_list(self, obj):
        texts = gap_texts(obj.gaps)
        if not texts:
            return "–"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((t,) for t in texts))
        )
