"""Matches in the coordination admin: coordinators see the matches of their hubs' needs, with
the factors of each score and the lifecycle's actions and pages (matching.lifecycle).

Each sub-domain's admin is in its own package (the curation queue in matching.lifecycle.admin,
settings and runs in matching.runs.admin, bids in matching.bids.admin), registered by
matching.apps."""

from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyAdminMixin,
)
from matching.cards import factor_rows, gap_texts
from matching.lifecycle.admin_mixins import AgeFilter, LifecycleAdminMixin
from matching.models import Match


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
            ("high", _("0.6 and above")),
            ("medium", _("0.4 to 0.6")),
            ("low", _("below 0.4")),
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


@admin.register(Match)
class MatchAdmin(LifecycleAdminMixin, ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
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

    @admin.display(description=_("company"), ordering="capability__company__organisation__name")
    def company(self, obj):
        return obj.capability.company.organisation.name

    @admin.display(description=_("score"), ordering="score")
    def score_display(self, obj):
        return f"{obj.score:.2f}"

    @admin.display(description=_("factors"))
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
        return ", ".join(obj.shared_terms) or "–"

    @admin.display(description=_("gaps"))
    def gap_list(self, obj):
        texts = gap_texts(obj.gaps)
        if not texts:
            return "–"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((t,) for t in texts))
        )
