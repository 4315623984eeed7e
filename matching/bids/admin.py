"""Bids in the coordination admin: coordinators see every bid on their hubs' needs, with its
history and files; they read, they do not decide (the need's owners do, on the site)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInline,
)
from matching.bids.models import Bid, BidAttachment, BidEvent
from matching.bids.services import CONTENT_FIELDS


class BidEventInline(ReadOnlyInline):
    model = BidEvent
    fields = ("created_at", "from_state", "to_state", "actor", "note")
    verbose_name_plural = _("history")


class BidAttachmentInline(ReadOnlyInline):
    model = BidAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


@admin.register(Bid)
class BidAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
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
        *CONTENT_FIELDS,
        "feedback",
        "created_at",
        "submitted_at",
        "decided_at",
        "decided_by",
    )
    readonly_fields = fields


@admin.register(BidEvent)
class BidEventAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """The audit trail of bids: every state change, who and when."""

    deletable = False
    hub_path = "bid__need__hub"
    list_display = ("created_at", "bid", "from_state", "to_state", "actor")
    list_filter = (("bid__need__hub", HubListFilter), "to_state")
    list_select_related = ("bid__need", "bid__company", "actor")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-pk")
    readonly_fields = ("bid", "from_state", "to_state", "actor", "note", "created_at")
    fields = readonly_fields
