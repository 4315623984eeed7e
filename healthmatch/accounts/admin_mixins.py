"""What every HealthMatch admin shares: coordinators see only their hubs, a hub filter that lists
only those hubs, a verified yes/no filter, and one way to run a service over a bulk selection.

A coordinator is a staff user in the Coordinators group who coordinates one or more hubs
(``Hub.coordinators``). Superusers see everything. Each scoped admin names the path from its
model to the hub (``hub_path``); foreign-key choices follow the path of the related model's own
admin, so the core never needs to know the apps' models.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import Hub
from healthmatch.form_errors import error_text


def hub_scope_q(user, hub_path: str) -> Q | None:
    """Q for the rows under the hubs ``user`` coordinates; Q() for active superusers, None for
    anybody who is not active staff. ``hub_path`` is "" for the Hub model itself."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if user.is_superuser:
        return Q()
    prefix = f"{hub_path}__" if hub_path else ""
    return Q(**{f"{prefix}coordinators": user})


def scope_to_hubs(queryset, user, hub_path: str):
    q = hub_scope_q(user, hub_path)
    if q is None:
        return queryset.none()
    return queryset.filter(q)


class HubScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to what the user may see, using the
    related model's registered admin when that admin is hub-scoped (works for inlines too)."""

    def _scope_choices(self, request, db_field, formfield):
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if (
            formfield is not None
            and hasattr(formfield, "queryset")
            and isinstance(related_admin, HubScopedAdminMixin)
        ):
            formfield.queryset = related_admin.scope_queryset(request, formfield.queryset)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scope_choices(request, db_field, formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scope_choices(request, db_field, formfield)


class HubScopedAdminMixin(HubScopedChoicesMixin):
    """Every queryset of the admin (changelist, change/delete/history pages, actions,
    autocomplete) limited to the coordinator's hubs. Another hub's object opened by URL is
    simply not found: the admin redirects with its "doesn't exist" message."""

    hub_path = "hub"

    def scope_queryset(self, request, queryset):
        return scope_to_hubs(queryset, request.user, self.hub_path)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))


class HubListFilter(admin.RelatedFieldListFilter):
    """The hub filter, listing only the hubs the user coordinates (all for superusers).
    Use it as ``("hub", HubListFilter)`` or ``("organisation__hub", HubListFilter)``."""

    def field_choices(self, field, request, model_admin):
        hubs = scope_to_hubs(Hub.objects.all(), request.user, "")
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(pk__in=hubs.values("pk")),
            ordering=self.field_admin_ordering(field, request, model_admin),
        )


class VerifiedFilter(admin.SimpleListFilter):
    """``?verified=yes`` / ``?verified=no`` (the coordinator dashboard links to the latter)."""

    title = _("verified")
    parameter_name = "verified"
    verified_at_path = "verified_at"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(**{f"{self.verified_at_path}__isnull": False})
        if self.value() == "no":
            return queryset.filter(**{f"{self.verified_at_path}__isnull": True})
        return queryset


def run_for_each(request, queryset, func, *, done, failed, skipped=None) -> tuple[int, int, int]:
    """Call ``func(obj)`` for every selected object and tell the user what happened.

    ``done(n)`` / ``skipped(n)`` build the (pluralised) summary messages; ``failed`` is a
    format string with %(object)s and %(reason)s, shown once per object a service refused.
    ``func`` returning False counts as skipped (e.g. verifying an already verified organisation).
    Each call is its own transaction (the services are atomic), so one failure does not undo
    the others.
    """
    n_done = n_skipped = n_failed = 0
    for obj in queryset:
        try:
            result = func(obj)
        except (ValidationError, PermissionDenied) as error:
            n_failed += 1
            reason = error_text(error) or _("Not allowed.")
            messages.error(request, failed % {"object": obj, "reason": reason})
            continue
        if result is False:
            n_skipped += 1
        else:
            n_done += 1
    if n_done:
        messages.success(request, done(n_done))
    if n_skipped and skipped is not None:
        messages.info(request, skipped(n_skipped))
    return n_done, n_skipped, n_failed


class ReadOnlyAdminMixin:
    """A model admin that shows rows and changes nothing: no adding, no editing. Superusers
    may delete rows, unless ``deletable`` is False (an audit trail nobody deletes)."""

    deletable = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and request.user.is_superuser


class ReadOnlyInline(admin.TabularInline):
    """An inline that lists rows and changes nothing: its ``fields`` are all read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
