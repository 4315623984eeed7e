"""The coordination admin for companies: profiles with their contacts, capabilities with their
certifications and references. Publishing and archiving go through companies.services."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from companies import certificates, services
from companies.models import (
    Capability,
    CapabilityAttachment,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from companies.signals import capability_changed
from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyInline,
    VerifiedFilter,
    run_for_each,
)
from healthmatch.accounts.models import Organisation
from healthmatch.once.admin_mixins import OnceAddAdminMixin


class CompanyVerifiedFilter(VerifiedFilter):
    verified_at_path = "organisation__verified_at"


class CertificateExpiryFilter(admin.SimpleListFilter):
    """Which capabilities run on an expired certificate, or on one that expires soon."""

    title = _("certificates")
    parameter_name = "certificates"

    def lookups(self, request, model_admin):
        return [
            ("expired", _("An expired certificate")),
            ("expiring", _("A certificate expiring within 90 days")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "expired":
            return queryset.filter(certificates.has_expired_certificate())
        if self.value() == "expiring":
            return queryset.filter(certificates.has_expiring_certificate())
        return queryset


class ContactInline(admin.TabularInline):
    model = ContactPerson
    fields = ("name", "role", "email", "phone", "invite")
    readonly_fields = ("invite",)
    extra = 0

    @admin.display(description=_("claim the profile"))
    def invite(self, obj):
        """The organisation's invitation page, with this person's address filled in."""
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:accounts_organisation_invite", args=[obj.company.organisation_id])
        query = urlencode({"email": obj.email, "name": obj.name})
        return format_html('<a href="{}?{}">{}</a>', url, query, _("Invite to claim…"))


@admin.register(CompanyProfile)
class CompanyProfileAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "organisation__hub"
    list_display = (
        "organisation",
        "hub",
        "is_verified",
        "is_sme",
        "employees",
        "capability_count",
        "updated_at",
    )
    list_filter = (
        "organisation__kind",
        "is_sme",
        ("organisation__hub", HubListFilter),
        CompanyVerifiedFilter,
    )
    list_select_related = ("organisation__hub",)
    search_fields = ("organisation__name", "tagline", "contacts__email")
    ordering = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("regions_served",)
    fields = (
        "organisation",
        "tagline",
        "is_sme",
        "employees",
        "founded_year",
        "regions_served",
        "languages",
        "updated_at",
    )
    readonly_fields = ("updated_at",)
    inlines = [ContactInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                capability_count=Count(
                    "capabilities",
                    filter=Q(capabilities__status=Capability.Status.PUBLISHED),
                    distinct=True,
                )
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.providers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("hub"), ordering="organisation__hub__name")
    def hub(self, obj):
        return obj.organisation.hub

    @admin.display(description=_("verified"), boolean=True, ordering="organisation__verified_at")
    def is_verified(self, obj):
        return obj.organisation.is_verified

    @admin.display(description=_("published capabilities"), ordering="capability_count")
    def capability_count(self, obj):
        return obj.capability_count


class CertificationInline(admin.TabularInline):
    model = Certification
    fields = ("item", "reference", "valid_until")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


class ReferenceInline(admin.TabularInline):
    model = CapabilityReference
    fields = ("customer", "description", "year")
    extra = 0


class CapabilityAttachmentInline(ReadOnlyInline):
    """Uploaded files, listed read-only (they are never served publicly)."""

    model = CapabilityAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")


def _status_changed(verb, actor):
    """Run a status service; report False (skipped) when the capability was already there."""

    def run(capability):
        before = capability.status
        verb(capability, actor=actor)
        return capability.status != before

    return run


@admin.register(Capability)
class CapabilityAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "company__organisation__hub"
    list_display = (
        "title",
        "company",
        "hub",
        "kind",
        "status",
        "trl",
        "on_expired_certificate",
        "published_at",
        "updated_at",
    )
    list_filter = (
        "status",
        CertificateExpiryFilter,
        "kind",
        "company__organisation__kind",
        "technology_types",
        ("company__organisation__hub", HubListFilter),
        "company__is_sme",
        "trl",
    )
    list_select_related = ("company__organisation__hub",)
    search_fields = ("title", "summary", "company__organisation__name")
    date_hierarchy = "created_at"
    autocomplete_fields = ("company",)
    filter_horizontal = services.CAPABILITY_M2M
    fields = (
        "company",
        "title",
        "kind",
        "status",
        "summary",
        "description",
        *services.CAPABILITY_M2M,
        "trl",
        "created_at",
        "updated_at",
        "published_at",
    )
    readonly_fields = ("status", "created_at", "updated_at", "published_at")
    inlines = [CertificationInline, ReferenceInline, CapabilityAttachmentInline]
    actions = ["publish_selected", "archive_selected", "restore_selected"]

    @admin.display(description=_("hub"), ordering="company__organisation__hub__name")
    def hub(self, obj):
        return obj.company.organisation.hub

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(on_expired_certificate=certificates.has_expired_certificate())
        )

    @admin.display(
        description=_("expired certificate"), boolean=True, ordering="on_expired_certificate"
    )
    def on_expired_certificate(self, obj):
        return obj.on_expired_certificate

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            # The change form saves the capability itself, not through update_capability: send
            # its event here. Listeners: matching rescores it after commit if it is published,
            # else retires whatever suggestions it still has.
            capability_changed.send(sender=Capability, capability=form.instance)

    @admin.action(description=_("Publish selected capabilities"), permissions=["change"])
    def publish_selected(self, request, queryset):
        run_for_each(
            request,
            queryset.select_related("company__organisation__hub"),
            _status_changed(services.publish_capability, request.user),
            done=lambda n: (
                ngettext("%(count)d capability published.", "%(count)d capabilities published.", n)
                % {"count": n}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d capability was already published.",
                    "%(count)d capabilities were already published.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not published: %(reason)s"),
        )

    @admin.action(description=_("Archive selected capabilities"), permissions=["change"])
    def archive_selected(self, request, queryset):
        run_for_each(
            request,
            queryset.select_related("company__organisation__hub"),
            _status_changed(services.archive_capability, request.user),
            done=lambda n: (
                ngettext("%(count)d capability archived.", "%(count)d capabilities archived.", n)
                % {"count": n}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d capability was already archived.",
                    "%(count)d capabilities were already archived.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not archived: %(reason)s"),
        )

    @admin.action(description=_("Restore selected capabilities to draft"), permissions=["change"])
    def restore_selected(self, request, queryset):
        run_for_each(
            request,
            queryset.select_related("company__organisation__hub"),
            _status_changed(services.unarchive_capability, request.user),
            done=lambda n: (
                ngettext(
                    "%(count)d capability restored to draft.",
                    "%(count)d capabilities restored to draft.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not restored: %(reason)s"),
        )
