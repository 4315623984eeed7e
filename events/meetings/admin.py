"""Placed meetings in the coordination admin: read-only, scoped to the coordinator's hubs, with
lock and unlock actions (events.meetings.services). The scheduler runs from the event's
actions ("Run the meeting scheduler")."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.meetings import services
from events.meetings.models import Meeting, Unplaced
from healthmatch.accounts.admin_mixins import HubListFilter, HubScopedAdminMixin, ReadOnlyAdminMixin


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "session__event__hub"
    list_display = ("starts_at", "session", "table", "request", "locked")
    list_filter = (
        "locked",
        ("session__event__hub", HubListFilter),
        ("session__event", admin.RelatedOnlyFieldListFilter),
        ("session", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = (
        "session",
        "table",
        "request__from_registration__user",
        "request__from_registration__event",
        "request__to_registration__user",
        "request__to_registration__event",
    )
    search_fields = (
        "request__from_registration__user__name",
        "request__to_registration__user__name",
        "session__event__title",
    )
    fields = ("request", "session", "slot", "starts_at", "ends_at", "table", "locked")
    readonly_fields = fields
    deletable = False
    actions = ["lock_selected", "unlock_selected"]

    @admin.action(description=_("Lock selected meetings"), permissions=["view"])
    def lock_selected(self, request, queryset):
        n = services.lock_meetings(queryset, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d meeting locked.", "%(count)d meetings locked.", n) % {"count": n},
        )

    @admin.action(description=_("Unlock selected meetings"), permissions=["view"])
    def unlock_selected(self, request, queryset):
        n = services.unlock_meetings(queryset, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d meeting unlocked.", "%(count)d meetings unlocked.", n)
            % {"count": n},
        )


@admin.register(Unplaced)
class UnplacedAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """Why the last run left each accepted request out (gone once a run places it)."""

    hub_path = "request__event__hub"
    list_display = ("request", "reason", "updated_at")
    list_filter = (("request__event", admin.RelatedOnlyFieldListFilter),)
    list_select_related = (
        "request__from_registration__user",
        "request__to_registration__user",
    )
    fields = ("request", "code", "reason", "updated_at")
    readonly_fields = fields
    deletable = False

    @admin.display(description=_("reason"))
    def reason(self, obj):
        return obj.reason
