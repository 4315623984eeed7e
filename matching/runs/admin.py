"""Matching settings and runs in the coordination admin: coordinators edit their hubs' settings;
runs are a read-only log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.admin_mixins import HubScopedAdminMixin, ReadOnlyAdminMixin
from healthmatch.once.admin_mixins import OnceAddAdminMixin
from matching.runs.models import MatchingConfig, MatchRun


@admin.register(MatchingConfig)
class MatchingConfigAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
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
