"""The outbox and the suppression list in the admin: superusers only (they show every email the
platform sends, to anybody)."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage, Suppression


class SuperuserOnlyMixin:
    def _allowed(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_superuser)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "to_email", "subject", "state", "attempts", "sent_at")
    list_filter = ("state", "kind", "category", ("created_at", admin.DateFieldListFilter))
    search_fields = ("to_email", "subject", "key")
    date_hierarchy = "created_at"
    list_select_related = ()
    actions = ["resend"]
    fieldsets = (
        (None, {"fields": ("to_email", "subject", "kind", "category", "language", "user")}),
        (
            _("Delivery"),
            {
                "fields": (
                    "state",
                    "attempts",
                    "last_error",
                    "next_attempt_at",
                    "claimed_at",
                    "created_at",
                    "sent_at",
                )
            },
        ),
        (
            _("Message"),
            {"fields": ("key", "message_id", "from_email", "headers", "files", "preview")},
        ),
    )
    # Every field shown is read-only: the outbox is changed only by the worker and by resend.
    readonly_fields = tuple(name for _title, part in fieldsets for name in part["fields"])

    def has_add_permission(self, request):
        return False  # rows come from events only

    def has_change_permission(self, request, obj=None):
        return False  # a record: viewed, previewed, resent, never edited

    def has_delete_permission(self, request, obj=None):
        return False  # the outbox is the record of what was sent

    def has_resend_permission(self, request):
        return self._allowed(request)

    @admin.display(description=_("attachments"))
    def files(self, obj):
        """Each attachment's name, type and size (its content is in the message as sent)."""
        return ", ".join(
            f"{item['filename']} ({item['mimetype']}, {len(item['content'])} characters)"
            for item in obj.attachments or ()
        )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        """The plain text escaped; the HTML in a sandboxed frame (no scripts, no same origin)
        and, escaped, as source."""
        html = ""
        if obj.html:
            html = format_html(
                '<p>{}</p><iframe class="outbox-preview" sandbox="" srcdoc="{}" title="{}" '
                'width="100%" height="480"></iframe>'
                "<details><summary>{}</summary><pre>{}</pre></details>",
                _("HTML part"),
                obj.html,
                _("HTML part of the message"),
                _("HTML source"),
                obj.html,
            )
        return format_html(
            '<p>{}</p><pre class="outbox-text">{}</pre>{}', _("Plain text part"), obj.text, html
        )

    @admin.action(
        description=_("Resend the selected failed or suppressed messages"),
        permissions=["resend"],
    )
    def resend(self, request, queryset):
        count = services.resend(queryset)
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if skipped > 0:
            self.message_user(
                request,
                _("Only failed or suppressed messages can be resent; the others were left."),
                messages.WARNING,
            )


class SuppressionForm(forms.ModelForm):
    class Meta:
        model = Suppression
        fields = ("email", "reason")

    def clean_email(self):
        email = services.normalise_address(self.cleaned_data["email"])
        duplicate = Suppression.objects.filter(email=email).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("This address is already suppressed."))
        return email


@admin.register(Suppression)
class SuppressionAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    form = SuppressionForm
    list_display = ("email", "reason", "created_at", "source")
    search_fields = ("email", "reason")
    readonly_fields = ("source", "created_at")
    raw_id_fields = ()
    list_select_related = ("source",)
