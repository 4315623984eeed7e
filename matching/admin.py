"""Matches, matching settings and runs in the coordination admin. Coordinators see the matches
of their hubs' needs and edit their hubs' settings; runs are a read-only log."""

from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import HubListFilter, HubScopedAdminMixin
from matching.cards import factor_rows, gap_texts
from matching.models import Match, MatchingConfig, MatchRun


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


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Match)
class MatchAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
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


@admin.register(MatchingConfig)
class MatchingConfigAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """Coordinators keep their hubs' settings; the default row (no hub) is for superusers."""

    hub_path = "hub"
    list_display = ("__str__", "threshold", "top_k", "notify_threshold", "updated_at")
    list_select_related = ("hub",)
    fieldsets = (
        (None, {"fields": ("hub",)}),
        (
            _("Weights"),
            {
                "fields": (
                    "text",
                    "semantic",
                    "clinical_area",
                    "care_setting",
                    "technology",
                    "maturity",
                    "regulatory",
                    "region",
                    "language",
                )
            },
        ),
        (
            _("Filters and limits"),
            {
                "fields": (
                    "threshold",
                    "regulatory_hard_filter",
                    "maturity_hard_filter",
                    "top_k",
                    "notify_threshold",
                )
            },
        ),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "hub" in form.base_fields and not request.user.is_superuser:
            form.base_fields["hub"].required = True
        return form


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "pk",
        "kind",
        "state",
        "started_at",
        "finished_at",
        "needs",
        "capabilities",
        "matches",
        "retired",
    )
    list_filter = ("kind", "state")
    readonly_fields = [field.name for field in MatchRun._meta.fields]
