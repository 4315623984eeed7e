"""Matches in the coordination admin, with the lifecycle's actions and pages
(matching.lifecycle.admin_mixins), and the coordinators' curation queue: new and mutual matches,
best first, one dense line each (the factors that matter most in words, the score, the age),
sortable, filterable and with bulk approve and close that work by keyboard."""

from django.contrib import admin
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthmatch.accounts.admin_mixins import HubListFilter
from healthmatch.bidi import bdi
from healthmatch.page_cache.views import cached_page
from matching.admin import AgeFilter, MatchAdminBase, ScoreFilter
from matching.explanations import top_factors
from matching.lifecycle.admin_mixins import LifecycleAdminMixin, approve_selected, close_selected
from matching.lifecycle.models import CurationQueueItem
from matching.models import Match

QUEUE_FACTORS = 3  # how many factors a queue row names


def factor_summary_text(match) -> str:
    """The factors that matter most for ``match``, in one short line of words, as the parties'
    explanation picks them (matching.explanations.top_factors: topical fits first, never the
    composites): "Clinical area 100% · Words in common 72% · Kind of technology 50%"."""
    rows = top_factors(match.factors)[:QUEUE_FACTORS]
    return " · ".join(f"{row.label} {row.percent}%" for row in rows)


class QueueStatusFilter(admin.SimpleListFilter):
    """The two statuses a match in the queue can have (not the whole lifecycle's)."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(s.value, s.label) for s in (Match.Status.SUGGESTED, Match.Status.MUTUAL)]

    def queryset(self, request, queryset):
        if self.value() in Match.Status.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Match)
class MatchAdmin(LifecycleAdminMixin, MatchAdminBase):
    """Every match of the coordinator's hubs, with the lifecycle's actions and pages."""


@admin.register(CurationQueueItem)
class CurationQueueAdmin(MatchAdmin):
    """New and mutual matches, best first: one short row each, with one-click and bulk actions.
    Its template (admin/matching/curationqueueitem/change_list.html) adds the queue's styles:
    a dense table at desk widths, one card per match on phones."""

    list_display = (
        "queue_match",
        "queue_score",
        "status",
        "factor_summary",
        "queue_first_seen",
        "row_actions",
    )
    list_filter = (
        ("hub", HubListFilter),
        ScoreFilter,
        QueueStatusFilter,
        "need__clinical_areas",
        AgeFilter,
    )
    list_display_links = None  # the match cell links to the match itself
    ordering = ("-score", "pk")
    list_per_page = 50
    actions = [approve_selected, close_selected]
    actions_on_bottom = True  # next to the last rows ticked, a Tab away

    def get_queryset(self, request):
        queue = (Match.Status.SUGGESTED, Match.Status.MUTUAL)
        return super().get_queryset(request).filter(status__in=queue)

    @method_decorator(cached_page)  # kept per coordinator until anything changes (page_cache)
    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Curation queue"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_actions(self, request):
        """Triage only: approve or close (no deleting matches from the queue)."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_urls(self):  # the lifecycle pages live under the Match admin
        return admin.ModelAdmin.get_urls(self)

    @admin.display(description=_("need and company"), ordering="need__title")
    def queue_match(self, obj):
        return format_html(
            '<a href="{}">{}</a><br><span class="queue-company">{}</span>',
            reverse("admin:matching_match_change", args=[obj.pk]),
            bdi(obj.need.title),
            bdi(self.company(obj)),
        )

    @staticmethod
    def _labelled(label, value):
        """A cell's value with its name, which only the phone layout (one card per match)
        shows: on a desk the column's header names it."""
        return format_html('<span class="queue-label">{}</span> {}', label, value)

    @admin.display(description=_("score"), ordering="score")
    def queue_score(self, obj):
        return self._labelled(_("Score"), self.score_display(obj))

    @admin.display(description=_("first seen"), ordering="first_seen_at")
    def queue_first_seen(self, obj):
        seen = localtime(obj.first_seen_at)
        return self._labelled(
            _("First seen"),
            format_html(
                '<time datetime="{}">{}</time>', seen.isoformat(), date_format(seen, "j M")
            ),
        )

    @admin.display(description=_("what matches"))
    def factor_summary(self, obj):
        gaps = len(obj.gaps or ())
        return format_html(
            '<span class="queue-factors">{}</span>{}',
            factor_summary_text(obj) or "–",
            format_html(
                ' <span class="queue-gaps">· {}</span>',
                ngettext("%(n)d gap", "%(n)d gaps", gaps) % {"n": gaps},
            )
            if gaps
            else "",
        )

    @admin.display(description=_("actions"))
    def row_actions(self, obj):
        """Buttons of the changelist form (formaction): a POST with its CSRF token, no JS."""
        queue = reverse("admin:matching_curationqueueitem_changelist")
        approve = reverse("admin:matching_match_lifecycle_approve", args=[obj.pk])
        close = reverse("admin:matching_match_lifecycle_move", args=[obj.pk])
        return format_html(
            '<span class="queue-actions">'
            '<button type="submit" class="button" formaction="{}?next={}">{}</button> '
            '<a class="button" href="{}?to=closed&amp;next={}">{}</a></span>',
            approve,
            queue,
            _("Approve"),
            close,
            queue,
            _("Close…"),
        )
