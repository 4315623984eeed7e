"""The coordination admin for the core: users, hubs, organisations, memberships, taxonomies.

Coordinators see only their hubs (see admin_mixins). Verification and membership decisions go
through healthmatch.accounts.services, never by editing the fields.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthmatch.accounts import invitations, notifications, services, term_changes
from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    ReadOnlyInline,
    VerifiedFilter,
    hub_scope_q,
    run_for_each,
)
from healthmatch.accounts.models import (
    TERM_LANGUAGES,
    CareSetting,
    ClinicalArea,
    Hub,
    Membership,
    Organisation,
    OrganisationInvitation,
    Region,
    RegulatoryItem,
    TechnologyType,
    User,
)
from healthmatch.accounts.versions import bump_catalogue
from healthmatch.form_errors import apply_errors
from healthmatch.once.admin_mixins import OnceAddAdminMixin
from healthmatch.once.views import submit_once
from healthmatch.page_cache.versions import bump_site

# --- Users ------------------------------------------------------------------------------------


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin (password hashing, the change-password page) adapted to email login."""

    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "name", "job_title", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "name", "job_title")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name", "job_title", "language")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_queryset(self, request):
        """Coordinators see the people of their hubs' organisations (and themselves)."""
        queryset = super().get_queryset(request)
        q = hub_scope_q(request.user, "memberships__organisation__hub")
        if q is None:
            return queryset.none()
        if not q:  # a superuser
            return queryset
        people = User.objects.filter(q).values("pk")
        return queryset.filter(Q(pk__in=people) | Q(pk=request.user.pk))


# --- Hubs -------------------------------------------------------------------------------------


@admin.register(Hub)
class HubAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """Superusers edit hubs and appoint coordinators; coordinators view their own hubs."""

    hub_path = ""
    list_display = ("name", "slug", "website", "time_zone", "organisation_count")
    ordering = ("name",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("coordinators",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(organisation_count=Count("organisations", distinct=True))
        )

    @admin.display(description=_("organisations"), ordering="organisation_count")
    def organisation_count(self, obj):
        return obj.organisation_count

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# --- Organisations and memberships ------------------------------------------------------------


class MembershipInline(ReadOnlyInline):
    """Who belongs to the organisation. Read-only: decisions are made in the membership list."""

    model = Membership
    fields = ("user", "role", "status", "created_at", "decided_at")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class InvitationInline(ReadOnlyInline):
    """Invitations to claim the organisation and what became of them."""

    model = OrganisationInvitation
    fields = ("email", "name", "invited_by", "created_at", "state", "accepted_by")
    verbose_name_plural = _("invitations to claim it")

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_used:
            return _("accepted on %(date)s") % {"date": f"{obj.accepted_at:%Y-%m-%d}"}
        if obj.is_expired:
            return _("expired")
        return _("open until %(date)s") % {"date": f"{obj.expires_at:%Y-%m-%d}"}


class ClaimInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The organisation's contact address: whoever signs in with it claims it."),
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)


@admin.register(Organisation)
class OrganisationAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "hub", "is_verified", "created_at", "member_count")
    list_filter = ("kind", ("hub", HubListFilter), VerifiedFilter)
    list_select_related = ("hub",)
    search_fields = ("name", "slug", "memberships__user__email")
    ordering = ("name",)
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("verified_at", "verified_by", "created_at", "claim")
    fields = (
        "name",
        "slug",
        "kind",
        "hub",
        "country",
        "website",
        "description",
        "verified_at",
        "verified_by",
        "created_at",
        "claim",
    )
    inlines = [MembershipInline, InvitationInline]
    actions = ["verify_selected", "withdraw_verification"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="accounts_organisation_invite",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("claim"))
    def claim(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:accounts_organisation_invite", args=[obj.pk]),
            _("Invite someone to claim it"),
        )

    def _invite(self, request, org, form):
        try:
            invitation, row = invitations.invite_to_claim(org, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
            return None
        self.message_user(
            request,
            _(
                "An invitation to claim %(org)s is in the outbox for %(email)s; the "
                "link works once, until %(date)s."
            )
            % {
                "org": org.name,
                "email": row.to_email,
                "date": f"{invitation.expires_at:%Y-%m-%d}",
            },
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:accounts_organisation_change", args=[org.pk]))

    def invite_view(self, request, pk):
        """A coordinator invites an address (the contact person's, when linked from a company
        profile) to claim the organisation: one email through the outbox."""
        org = self.get_queryset(request).filter(pk=pk).select_related("hub").first()
        if org is None or not invitations.can_invite(request.user, org):
            raise Http404
        initial = {"email": request.GET.get("email", ""), "name": request.GET.get("name", "")}
        form = ClaimInvitationForm(request.POST or None, initial=initial)
        if request.method == "POST":  # once per form token: a double click invites once
            response = submit_once(request, form, lambda: self._invite(request, org, form))
            if response:
                return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": org,
            "organisation": org,
            "form": form,
            "title": _("Invite someone to claim %(org)s") % {"org": org.name},
        }
        return TemplateResponse(request, "admin/accounts/invite.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count(
                    "memberships",
                    filter=Q(memberships__status=Membership.Status.ACTIVE),
                    distinct=True,
                )
            )
        )

    @admin.display(description=_("verified"), boolean=True, ordering="verified_at")
    def is_verified(self, obj):
        return obj.is_verified

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.action(description=_("Verify selected organisations"), permissions=["change"])
    def verify_selected(self, request, queryset):
        """Says how many emails each verification wrote, and which organisation nobody could
        be told about (no members yet: a listed company that never signed up)."""
        emails, nobody = [], []

        def verify(org):
            if not services.verify_organisation(org, actor=request.user):
                return False
            count = notifications.verification_notices(org)
            emails.append(count)
            if not count:
                nobody.append(org)
            return True

        run_for_each(
            request,
            queryset,
            verify,
            done=lambda n: (
                ngettext("%(count)d organisation verified.", "%(count)d organisations verified.", n)
                % {"count": n}
                + " "
                + ngettext(
                    "%(emails)d member is told by email.",
                    "%(emails)d members are told by email.",
                    sum(emails),
                )
                % {"emails": sum(emails)}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d organisation was already verified.",
                    "%(count)d organisations were already verified.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not verified: %(reason)s"),
        )
        for org in nobody:
            self.message_user(
                request,
                _(
                    "%(org)s has no members on HealthMatch, so nobody was told. Invite its "
                    "contact to claim it from its page."
                )
                % {"org": org.name},
                messages.WARNING,
            )

    @admin.action(description=_("Withdraw verification"), permissions=["change"])
    def withdraw_verification(self, request, queryset):
        run_for_each(
            request,
            queryset,
            lambda org: services.unverify_organisation(org, actor=request.user),
            done=lambda n: (
                ngettext(
                    "Verification withdrawn from %(count)d organisation.",
                    "Verification withdrawn from %(count)d organisations.",
                    n,
                )
                % {"count": n}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d organisation was not verified.",
                    "%(count)d organisations were not verified.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("Verification of “%(object)s” was not withdrawn: %(reason)s"),
        )


@admin.register(Membership)
class MembershipAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """Join requests and members. Coordinators approve or decline pending requests of their
    hubs' organisations with the bulk actions (services.decide_membership notifies the
    person); the fields themselves are read-only once a membership exists."""

    hub_path = "organisation__hub"
    list_display = ("user", "organisation", "hub", "role", "status", "created_at", "decided_at")
    list_filter = ("status", "role", ("organisation__hub", HubListFilter))
    list_select_related = ("user", "organisation__hub")
    search_fields = ("user__email", "user__name", "organisation__name")
    date_hierarchy = "created_at"
    autocomplete_fields = ("user", "organisation")
    fields = (
        "user",
        "organisation",
        "role",
        "status",
        "message",
        "created_at",
        "decided_at",
        "decided_by",
    )
    actions = ["approve_selected", "decline_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # superusers adding a membership by hand
            return ("created_at", "decided_at", "decided_by")
        return self.fields

    @admin.display(description=_("hub"), ordering="organisation__hub__name")
    def hub(self, obj):
        return obj.organisation.hub

    def _decide(self, request, queryset, *, approve):
        return run_for_each(
            request,
            queryset.select_related("organisation", "user"),
            lambda m: services.decide_membership(m, actor=request.user, approve=approve),
            done=lambda n: (
                (
                    ngettext(
                        "%(count)d request approved.",
                        "%(count)d requests approved.",
                        n,
                    )
                    if approve
                    else ngettext(
                        "%(count)d request declined.",
                        "%(count)d requests declined.",
                        n,
                    )
                )
                % {"count": n}
            ),
            failed=_("“%(object)s”: %(reason)s"),
        )

    @admin.action(description=_("Approve selected requests"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Decline selected requests"), permissions=["change"])
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, approve=False)


# --- Taxonomies -------------------------------------------------------------------------------


TRANSLATED_NAMES = tuple(f"name_{language}" for language in TERM_LANGUAGES)


class TaxonomyAdmin(OnceAddAdminMixin, admin.ModelAdmin):
    """The shared admin of the coordinator-editable terms: the English name and its
    translations (people see the name in their own language, the English one where it has
    none)."""

    list_display = ("name", *TRANSLATED_NAMES, "slug", "position", "is_active")
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", *TRANSLATED_NAMES, "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "position", "is_active")}),
        (_("Translations"), {"fields": TRANSLATED_NAMES}),
    )
    actions = ["deactivate_selected"]

    def save_model(self, request, obj, form, change):
        # A rename of the English name sends term_renamed: the items tagged with the term are
        # stamped changed. A change of a translation is not a rename and stamps nothing:
        # matching reads the English name only (matching/runs/loading.py), so the items' texts,
        # scores and embeddings stay the same, and pages read the translation when they render.
        term_changes.save_term(obj)

    @admin.action(description=_("Deactivate selected terms"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        bump_catalogue()  # an update(): no signal; filters offer active terms only
        bump_site()
        self.message_user(
            request,
            ngettext(
                "%(count)d term deactivated; it is kept on existing items but no longer offered.",
                "%(count)d terms deactivated; they are kept on existing items but no longer "
                "offered.",
                count,
            )
            % {"count": count},
        )


admin.site.register(ClinicalArea, TaxonomyAdmin)
admin.site.register(CareSetting, TaxonomyAdmin)
admin.site.register(TechnologyType, TaxonomyAdmin)
admin.site.register(RegulatoryItem, TaxonomyAdmin)


@admin.register(Region)
class RegionAdmin(TaxonomyAdmin):
    list_display = ("name", *TRANSLATED_NAMES, "slug", "country", "position", "is_active")
    list_filter = ("is_active", "country")
    fieldsets = (
        (None, {"fields": ("name", "slug", "country", "description", "position", "is_active")}),
        (_("Translations"), {"fields": TRANSLATED_NAMES}),
    )
