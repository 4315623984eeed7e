"""Matches, matching settings and runs in the coordination admin. Coordinators see the matches
of their hubs' needs and edit their hubs' settings; runs are a read-only log."""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyAdminMixin,
)
from matching.cards import factor_rows, gap_texts
from matching.lifecycle.admin import AgeFilter, LifecycleAdminMixin
from matching.models import CurationQueueItem, Match, MatchingConfig, MatchRun


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


@admin.register(CurationQueueItem)
class CurationQueueAdmin(MatchAdmin):
    """New and mutual matches, best first, with the factors shown and one-click actions."""

    list_display = (
        "need",
        "company",
        "score_display",
        "status",
        "row_actions",  # before the wide factor column, so the buttons are on screen
        "factor_summary",
        "first_seen_at",
    )
    list_filter = (
        ("hub", HubListFilter),
        "need__clinical_areas",
        "status",
        AgeFilter,
        ScoreFilter,
    )
    ordering = ("-score", "pk")
    list_per_page = 50

    def get_queryset(self, request):
        queue = (Match.Status.SUGGESTED, Match.Status.MUTUAL)
        return super().get_queryset(request).filter(status__in=queue)

    def get_urls(self):  # the lifecycle pages live under the Match admin
        return admin.ModelAdmin.get_urls(self)

    @admin.display(description=_("factors"))
    def factor_summary(self, obj):
        rows = factor_rows(obj.factors)
        return (
            format_html_join(
                " · ",
                "<span class='factor'>{}&nbsp;{}%</span>",
                ((r.label, r.percent) for r in rows),
            )
            or "–"
        )

    @admin.display(description=_("actions"))
    def row_actions(self, obj):
        """Buttons of the changelist form (formaction): a POST with its CSRF token, no JS."""
        queue = reverse("admin:matching_curationqueueitem_changelist")
        approve = reverse("admin:matching_match_lifecycle_approve", args=[obj.pk])
        close = reverse("admin:matching_match_lifecycle_move", args=[obj.pk])
        return format_html(
            '<button type="submit" class="button" formaction="{}?next={}">{}</button> '
            '<a class="button" href="{}?to=closed">{}</a>',
            approve,
            queue,
            _("Approve"),
            close,
            _("Close…"),
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


# The bids admin lives with the bids; importing it registers it.
from matching.bids import admin as bids_admin  # noqa: E402,F401
