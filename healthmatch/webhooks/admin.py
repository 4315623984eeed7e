"""Webhook endpoints and deliveries in the admin, read-only, for superusers (they show every
organisation's endpoints and what was sent to them). Organisations manage their own endpoints
on the site (/organisations/<slug>/webhooks/)."""

from django.contrib import admin

from healthmatch.mail.admin import SuperuserOnlyMixin
from healthmatch.webhooks.models import Delivery, Endpoint


class ReadOnlyAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Endpoint)
class EndpointAdmin(ReadOnlyAdmin):
    list_display = ("url", "organisation", "active", "consecutive_failures", "created_at")
    list_filter = ("active",)
    search_fields = ("url", "organisation__name", "description")
    list_select_related = ("organisation",)
    # The secrets are left out: a superuser has no need to sign anything.
    fields = (
        "organisation",
        "url",
        "description",
        "events",
        "active",
        "created_by",
        "created_at",
        "consecutive_failures",
        "failing_since",
        "disabled_at",
        "disabled_reason",
    )
    readonly_fields = fields


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "event_type",
        "endpoint",
        "state",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("state", "event_type", ("created_at", admin.DateFieldListFilter))
    search_fields = ("webhook_id", "endpoint__url", "endpoint__organisation__name")
    list_select_related = ("endpoint", "endpoint__organisation")
    date_hierarchy = "created_at"
    fields = (
        "endpoint",
        "webhook_id",
        "event_type",
        "payload",
        "state",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "last_attempt_at",
        "last_status_code",
        "last_response",
        "last_error",
        "created_at",
        "delivered_at",
    )
    readonly_fields = fields
