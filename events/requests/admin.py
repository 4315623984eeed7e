"""Meeting requests in the coordination admin: read-only, scoped to the coordinator's hubs.
Participants make, answer and cancel them on the event's pages (events.requests.services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.requests.models import MeetingRequest
from healthmatch.accounts.admin_mixins import HubListFilter, HubScopedAdminMixin, ReadOnlyAdminMixin
from matching.score_format import match_score


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "event__hub"
    list_display = (
        "created_at",
        "event",
        "from_registration",
        "to_registration",
        "status",
        "must_meet",
        "score_display",
    )
    list_filter = (
        "status",
        "must_meet",
        ("event__hub", HubListFilter),
        ("event", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = (
        "event",
        "from_registration__user",
        "from_registration__event",
        "to_registration__user",
        "to_registration__event",
    )
    search_fields = (
        "from_registration__user__name",
        "from_registration__organisation__name",
        "to_registration__user__name",
        "to_registration__organisation__name",
        "event__title",
    )
    date_hierarchy = "created_at"
    fields = (
        "event",
        "from_registration",
        "to_registration",
        "status",
        "message",
        "need",
        "capability",
        "match",
        "must_meet",
        "score_display",
        "created_at",
        "answered_at",
        "answered_by",
    )
    readonly_fields = fields
    deletable = False

    @admin.display(description=_("match score"), ordering="score")
    def score_display(self, obj):
        return "–" if obj.score is None else match_score(obj.score)
