"""Bids in the coordination admin: coordinators see every bid on their hubs' needs, with its
history and files; they read, they do not decide (the need's owners do, on the site)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import HubListFilter, HubScopedAdminMixin, ReadOnlyInline
from matching.bids.models import Bid, BidAttachment, BidEvent


class BidEventInline(ReadOnlyInline):
    model = BidEvent
    fields = ("created_at", "from_state", "to_state", "actor", "note")
    verbose_name_plural = _("history")


class BidAttachmentInline(ReadOnlyInline):
    model = BidAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(Bid)
class BidAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "need__hub"
    list_display = ("need", "company", "state", "submitted_at", "decided_at", "updated_at")
    list_filter = (("need__hub", HubListFilter), "state")
    list_select_related = ("need", "company")
    search_fields = ("need__title", "company__name", "summary")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-pk")
    inlines = (BidEventInline, BidAttachmentInline)
    fields = (
        "need",
        "company",
        "author",
        "state",
        "summary",
        "solution",
        "evidence",
        "capabilities",
        "price_min",
        "price_max",
        "currency",
        "timeline",
        "feedback",
        "created_at",
        "submitted_at",
        "decided_at",
        "decided_by",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(BidEvent)
class BidEventAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """The audit trail of bids: every state change, who and when."""

    hub_path = "bid__need__hub"
    list_display = ("created_at", "bid", "from_state", "to_state", "actor")
    list_filter = (("bid__need__hub", HubListFilter), "to_state")
    list_select_related = ("bid__need", "bid__company", "actor")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-pk")
    readonly_fields = ("bid", "from_state", "to_state", "actor", "note", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
