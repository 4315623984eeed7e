"""Feedback after meetings and the follow-ups it started, in the coordination admin: read-only,
scoped to the coordinator's hubs (participants answer on their feedback page)."""

from django.contrib import admin

from events.feedback.models import MeetingFeedback, MeetingFollowUp
from healthmatch.accounts.admin_mixins import HubListFilter, HubScopedAdminMixin, ReadOnlyAdminMixin


@admin.register(MeetingFeedback)
class MeetingFeedbackAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "meeting__session__event__hub"
    list_display = ("meeting", "registration", "useful", "follow_up", "updated_at")
    list_filter = (
        "useful",
        "follow_up",
        ("meeting__session__event__hub", HubListFilter),
        ("meeting__session__event", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = (
        "meeting__request__from_registration__user",
        "meeting__request__to_registration__user",
        "registration__user",
        "registration__event",
    )
    search_fields = ("registration__user__name", "comment", "meeting__session__event__title")
    fields = ("meeting", "registration", "useful", "follow_up", "comment", "created_at")
    readonly_fields = fields
    deletable = False


@admin.register(MeetingFollowUp)
class MeetingFollowUpAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "meeting__session__event__hub"
    list_display = ("meeting", "outcome", "reason", "match", "match_created", "created_at")
    list_filter = (
        "outcome",
        ("meeting__session__event__hub", HubListFilter),
        ("meeting__session__event", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = (
        "meeting__request__from_registration__user",
        "meeting__request__to_registration__user",
        "match__need",  # the match is named "<need> ↔ <company>"
        "match__capability__company__organisation",
    )
    fields = ("meeting", "outcome", "reason", "match", "match_created", "by", "created_at")
    readonly_fields = fields
    deletable = False
