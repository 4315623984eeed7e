"""The erasure log in the coordination admin, and the coordinator's erasure on request: its
"add" page is a form (person, reason, confirmation) that erases instead of merely writing a row.
Superusers may erase anyone; a hub's coordinators the members of their hub's organisations."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from healthmatch.form_errors import apply_errors
from healthmatch.privacy import erasure
from healthmatch.privacy.forms import CoordinatorErasureForm
from healthmatch.privacy.models import DataExport, ErasureLog


def erasable_people(user):
    people = get_user_model().objects.filter(is_active=True).exclude(pk=user.pk)
    if user.is_superuser:
        return people
    return people.filter(
        is_staff=False,
        memberships__organisation__hub__coordinators=user,
    ).distinct()


@admin.register(ErasureLog)
class ErasureLogAdmin(admin.ModelAdmin):
    list_display = ("__str__", "erased_at", "by_coordinator", "by_user_id", "rows_scrubbed")
    readonly_fields = ("user_id", "by_user_id", "by_coordinator", "reason", "rows_scrubbed")
    list_filter = ("by_coordinator",)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_coordinator

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CoordinatorErasureForm(request.POST or None, people=erasable_people(request.user))
        if request.method == "POST" and form.is_valid():
            person = form.cleaned_data["person"]
            try:
                erasure.erase_person(person, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("%(pseudonym)s is erased.") % {"pseudonym": person_pseudonym(person)}
                )
                return redirect("admin:privacy_erasurelog_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext_lazy("Erase a person on request"),
            "form": form,
        }
        return TemplateResponse(request, "admin/privacy/erase_person.html", context)

    def get_urls(self):
        return [
            path("erase/", self.admin_site.admin_view(self.add_view), name="privacy_erase"),
            *super().get_urls(),
        ]


def person_pseudonym(person) -> str:
    return erasure.pseudonym(person.pk)


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    """Which exports exist and their state; never the archive (it is the person's alone)."""

    list_display = ("__str__", "user_id", "state", "created_at", "expires_at")
    fields = ("state", "created_at", "ready_at", "expires_at", "size")
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
