"""The coordination admin for needs: review submitted needs, publish, return with a comment,
close. The status only ever changes through the actions, which call needs.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    HubScopedChoicesMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInline,
    run_for_each,
)
from healthmatch.accounts.models import Organisation
from needs import services
from needs.models import (
    Need,
    NeedAttachment,
    NeedDetailView,
    NeedInvitation,
    NeedStatusChange,
)


class ReturnCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the organisation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text=_(
            "Tell the organisation what to change before the need can be published. "
            "The same comment is sent for every selected need."
        ),
    )


class StatusChangeInline(ReadOnlyInline):
    """The need's history, read-only: who moved it, from what, to what, when and why."""

    model = NeedStatusChange
    fields = ("created_at", "from_status", "to_status", "actor", "comment")
    verbose_name = _("status change")
    verbose_name_plural = _("status history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class InvitationInline(HubScopedChoicesMixin, admin.TabularInline):
    """Companies invited to read a confidential need. Saved through needs.services, so only
    verified companies on confidential needs get in, and each change enters the history."""

    model = NeedInvitation
    fields = ("organisation", "invited_by", "created_at")
    readonly_fields = ("invited_by", "created_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "invited_by")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.providers().verified()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttachmentInline(ReadOnlyInline):
    """Files the organisation uploaded, listed read-only (they are never served publicly)."""

    model = NeedAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


DATES = ("created_by", "created_at", "updated_at", "submitted_at", "published_at", "closed_at")


@admin.register(Need)
class NeedAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "organisation",
        "status",
        "is_confidential",
        "response_deadline",
        "submitted_at",
    )
    list_filter = (
        "status",
        ("hub", HubListFilter),
        "clinical_areas",
        "is_confidential",
        "route",
        "language",
    )
    list_select_related = ("organisation", "hub")
    search_fields = ("title", "summary", "organisation__name")
    date_hierarchy = "created_at"
    # Status moves only through the actions (and their services); the dates are the history's.
    readonly_fields = ("status", "coordinator_comment", *DATES)
    fieldsets = (
        (None, {"fields": ("title", "organisation", "hub", "status", "coordinator_comment")}),
        (_("The problem"), {"fields": services.PROBLEM_FIELDS}),
        (
            _("Classification"),
            {
                "fields": (
                    "clinical_areas",
                    "care_settings",
                    "technology_types",
                    "regulatory_requirements",
                    "min_trl",
                    "region",
                    "language",
                )
            },
        ),
        (
            _("Procurement"),
            {"fields": ("budget_band", "route", "response_deadline", "is_confidential")},
        ),
        (
            _("Dates"),
            {
                "classes": ("collapse",),
                "fields": DATES,
            },
        ),
    )
    filter_horizontal = (
        "clinical_areas",
        "care_settings",
        "technology_types",
        "regulatory_requirements",
    )
    inlines = [StatusChangeInline, InvitationInline, AttachmentInline]
    actions = ["publish_selected", "return_to_draft", "close_selected"]

    def has_add_permission(self, request):
        """Needs start on the site (services.create_need), where their history starts too."""
        return False

    def get_readonly_fields(self, request, obj=None):
        """Like on the site, only drafts can be edited; otherwise return the need with a
        comment. Status and ownership never change by editing."""
        fields = [*self.readonly_fields, "organisation", "hub"]
        if obj is not None and not obj.is_editable:
            fields += [*services.EDITABLE_FIELDS, *services.M2M_FIELDS]
        return fields

    def save_model(self, request, obj, form, change):
        if not form.has_changed():
            return
        data = {k: form.cleaned_data[k] for k in services.EDITABLE_FIELDS if k in form.fields}
        m2m = {k: form.cleaned_data[k] for k in services.M2M_FIELDS if k in form.fields}
        services.update_need(obj, actor=request.user, data=data, m2m=m2m)

    def save_related(self, request, form, formsets, change):
        # The many-to-many fields were saved by services.update_need in save_model.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not NeedInvitation:
            return super().save_formset(request, form, formset, change)
        need = form.instance
        formset.save(commit=False)
        changes = [
            (services.revoke_invitation, invitation.organisation)
            for invitation in formset.deleted_objects
        ]
        changes += [
            (services.invite_company, invitation.organisation) for invitation in formset.new_objects
        ]
        for invitation, changed in formset.changed_objects:
            if "organisation" in changed:
                old = NeedInvitation.objects.get(pk=invitation.pk).organisation
                changes += [
                    (services.revoke_invitation, old),
                    (services.invite_company, invitation.organisation),
                ]
        for verb, organisation in changes:
            try:
                verb(need, organisation=organisation, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))

    # --- Actions: each calls a service per need and reports what happened -------------------

    def _each(self, request, queryset, verb, done, failed):
        run_for_each(
            request, queryset, lambda need: verb(need, actor=request.user), done=done, failed=failed
        )

    @admin.action(description=_("Publish selected needs"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.publish_need,
            lambda n: (
                ngettext("%(count)d need published.", "%(count)d needs published.", n)
                % {"count": n}
            ),
            _("“%(object)s” was not published: %(reason)s"),
        )

    @admin.action(description=_("Return to draft with a comment"), permissions=["change"])
    def return_to_draft(self, request, queryset):
        """First an intermediate page asks for the comment; applying it returns every selected
        need (back to the change list)."""
        form = ReturnCommentForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            comment = form.cleaned_data["comment"]
            run_for_each(
                request,
                queryset,
                lambda need: services.return_need(need, actor=request.user, comment=comment),
                done=lambda n: (
                    ngettext(
                        "%(count)d need returned to draft with your comment.",
                        "%(count)d needs returned to draft with your comment.",
                        n,
                    )
                    % {"count": n}
                ),
                failed=_("“%(object)s” was not returned: %(reason)s"),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return needs to draft"),
            "opts": self.model._meta,
            "queryset": queryset.select_related("organisation"),
            "form": form,
            "action_name": "return_to_draft",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/needs/need/return_with_comment.html", context)

    @admin.action(description=_("Close selected needs"), permissions=["change"])
    def close_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.close_need,
            lambda n: (
                ngettext("%(count)d need closed.", "%(count)d needs closed.", n) % {"count": n}
            ),
            _("“%(object)s” was not closed: %(reason)s"),
        )


@admin.register(NeedDetailView)
class NeedDetailViewAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """Who looked at the details of a confidential need, and when: read-only, scoped to the
    coordinator's hubs."""

    hub_path = "need__hub"
    list_display = ("viewed_at", "need", "user", "organisation")
    list_filter = (("need__hub", HubListFilter), "viewed_at")
    list_select_related = ("need__organisation", "user")
    search_fields = ("need__title", "user__email", "user__name")
    date_hierarchy = "viewed_at"
    fields = ("need", "user", "viewed_at")
    readonly_fields = fields
    show_full_result_count = False
    deletable = False

    @admin.display(description=_("organisation of the need"))
    def organisation(self, obj):
        return obj.need.organisation
