"""Matches in the coordination admin, with the lifecycle's actions and pages
(matching.lifecycle.admin_mixins), and the coordinators' curation queue: new and mutual matches,
best first, with the factors shown and one-click actions."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import HubListFilter
from matching.admin import AgeFilter, MatchAdminBase, ScoreFilter
from matching.cards import factor_rows
from matching.lifecycle.admin_mixins import LifecycleAdminMixin
from matching.lifecycle.models import CurationQueueItem
from matching.models import Match


@admin.register(Match)
class MatchAdmin(LifecycleAdminMixin, MatchAdminBase):
    """Every match of the coordinator's hubs, with the lifecycle's actions and pages."""


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
