"""Company pages: the directory for buyers, profiles, capabilities and their attachments.

Access rules come from companies.access (who may see) and companies.services (who may change);
what a company member may edit, an outsider gets a 404 for.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies import services
from companies.access import visible_companies_q
from companies.filters import CompanyFilter
from companies.forms import (
    AttachmentForm,
    CapabilityForm,
    CompanyProfileForm,
    capability_formsets,
    contact_formset,
)
from companies.models import Capability, CapabilityAttachment, Certification, CompanyProfile
from healthmatch.accounts.access import is_verified_member
from healthmatch.accounts.forms import COUNTRIES
from healthmatch.accounts.models import CONTENT_LANGUAGES, Organisation
from healthmatch.accounts.versions import catalogue_version
from healthmatch.attachments.views import AttachmentSpec
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once
from healthmatch.page_cache.versions import site_version
from healthmatch.page_cache.views import cached_page
from healthmatch.pagination import CountCachedPaginator

DIRECTORY_PAGE_SIZE = 20

STATUS_ORDER = Case(
    When(status=Capability.Status.PUBLISHED, then=Value(0)),
    When(status=Capability.Status.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


# The access Q objects join the hub's coordinators for staff users, which can repeat rows;
# filtering on a subquery of primary keys keeps every row once.
def visible_profiles(user):
    return CompanyProfile.objects.filter(
        pk__in=CompanyProfile.objects.filter(visible_companies_q(user)).values("pk")
    )


def visible_capabilities(user):
    return Capability.objects.visible_to(user)


def editable_capabilities(user):
    return Capability.objects.editable_by(user)


def _forbidden(request, message):
    return render(request, "companies/forbidden.html", {"message": message}, status=403)


# --- Directory and profiles ---------------------------------------------------------------------


@login_required
@cached_page
def company_directory(request):
    user = request.user
    if not (is_verified_member(user) or user.is_coordinator):
        return render(request, "companies/directory_locked.html", status=403)
    companies = visible_profiles(user).filter(
        organisation__kind__in=Organisation.PROVIDER_KINDS, organisation__verified_at__isnull=False
    )
    filterset = CompanyFilter(request.GET or None, queryset=companies)
    results = (
        filterset.qs.select_related("organisation")
        .prefetch_related(
            "regions_served",
            Prefetch(
                "capabilities",
                queryset=Capability.objects.published()
                .prefetch_related("technology_types")
                .order_by("title"),
                to_attr="published_capabilities",
            ),
        )
        .order_by("organisation__name", "pk")
    )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    paginator = CountCachedPaginator(
        results,
        DIRECTORY_PAGE_SIZE,
        # Who sees which companies depends on the person (visible_companies_q).
        # Exact for the site's version, as the page it is kept in (page_cache).
        count_key=f"companies:count:{site_version()}:{user.pk}:{querystring.urlencode()}",
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    for company in page_obj.object_list:
        terms = {t.pk: t for c in company.published_capabilities for t in c.technology_types.all()}
        company.technologies = sorted(terms.values(), key=lambda t: (t.position, t.name))
    return render(
        request,
        "companies/directory.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page_obj,
            "companies": page_obj.object_list,
            "querystring": querystring.urlencode(),
            "catalogue_version": catalogue_version(),
            "is_filtered": any(v for k, v in request.GET.lists() if k != "page"),
        },
    )


@login_required
def company_profile(request, slug):
    user = request.user
    organisation = get_object_or_404(Organisation.objects.providers(), slug=slug)
    profile = (
        visible_profiles(user)
        .filter(organisation=organisation)
        .select_related("organisation__hub")
        .prefetch_related("regions_served", "contacts")
        .first()
    )
    if profile is None:
        if services.can_edit_profile(user, organisation):
            messages.info(request, _("Your company has no profile yet: complete it here."))
            return redirect("companies:profile_edit", slug=organisation.slug)
        raise Http404
    capabilities = (
        visible_capabilities(user)
        .filter(company=profile)
        .prefetch_related("technology_types", "clinical_areas")
        .order_by(STATUS_ORDER, "title", "pk")
    )
    return render(
        request,
        "companies/profile.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "capabilities": capabilities,
            "language_names": [n for code, n in CONTENT_LANGUAGES if code in profile.languages],
            "country": dict(COUNTRIES).get(organisation.country, organisation.country),
            "can_edit_profile": services.can_edit_profile(user, organisation),
            "can_edit_capabilities": services.can_edit_capabilities(user, organisation),
        },
    )


@login_required
def profile_edit(request, slug):
    user = request.user
    organisation = get_object_or_404(
        Organisation.objects.providers().select_related("hub"), slug=slug
    )
    if not services.can_edit_profile(user, organisation):
        if services.membership_role(user, organisation) is not None:
            return _forbidden(request, _("Only the company's administrators can edit its profile."))
        raise Http404
    profile = CompanyProfile.objects.filter(organisation=organisation).first()
    data = request.POST if request.method == "POST" else None
    form = CompanyProfileForm(data, organisation=organisation, profile=profile)
    contacts = contact_formset(data, profile=profile)
    if data is not None and all([form.is_valid(), contacts.is_valid()]):
        fields, m2m = form.split()
        try:
            services.save_profile(
                organisation, actor=user, data=fields, m2m=m2m, contacts_formset=contacts
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The company profile is saved."))
            return redirect("companies:profile", slug=organisation.slug)
    return render(
        request,
        "companies/profile_form.html",
        {"form": form, "contacts": contacts, "organisation": organisation, "profile": profile},
    )


# --- Capabilities -------------------------------------------------------------------------------


@login_required
def capability_create(request):
    user = request.user
    organisations = list(services.member_companies(user).select_related("hub").order_by("name"))
    if not organisations:
        raise Http404
    data = request.POST if request.method == "POST" else None
    initial = {}
    if len(organisations) > 1 and request.GET.get("organisation"):
        initial["organisation"] = request.GET["organisation"]
    form = CapabilityForm(data, organisations=organisations, initial=initial)
    return _capability_form_page(
        request,
        form,
        save=lambda **changes: services.create_capability(
            form.cleaned_data.get("organisation") or organisations[0], actor=user, **changes
        ),
        done_message=_("The draft is saved. Only your company sees it until you publish it."),
        context={"organisations": organisations},
        create=True,
    )


def _capability_form_page(
    request, form, *, save, done_message, context, capability=None, create=False
):
    """The capability form with its certification and reference rows, for a new capability
    and an existing one: a valid POST goes to ``save`` (a capability service, given the data,
    the relations and both formsets), whose refusals land on the form. A new capability is
    created at most once per form token (healthmatch/once/)."""
    data = request.POST if request.method == "POST" else None
    certifications, references = capability_formsets(data, capability=capability)

    def submit():
        if not all([certifications.is_valid(), references.is_valid()]):
            return None
        fields, m2m = form.split()
        try:
            saved = save(data=fields, m2m=m2m, certifications=certifications, references=references)
        except ValidationError as error:
            apply_errors(form, error)
            return None
        messages.success(request, done_message)
        return redirect(saved)

    if data is not None:
        if create:
            response = submit_once(request, form, submit)
        else:
            response = submit() if form.is_valid() else None
        if response:
            return response
    return render(
        request,
        "companies/capability_form.html",
        {"form": form, "certifications": certifications, "references": references, **context},
    )


def _detail_context(request, capability, attachment_form=None):
    organisation = capability.company.organisation
    can_edit = services.can_edit_capabilities(request.user, organisation)
    return {
        "capability": capability,
        "organisation": organisation,
        "can_edit": can_edit,
        "expired_certifications": [c for c in capability.certifications.all() if c.is_expired],
        "attachment_form": attachment_form or (AttachmentForm() if can_edit else None),
    }


def _detail_queryset(queryset):
    return queryset.select_related("company__organisation__hub").prefetch_related(
        "technology_types",
        "clinical_areas",
        "care_settings",
        Prefetch("certifications", queryset=Certification.objects.select_related("item")),
        "references",
        "attachments",
    )


@login_required
def capability_detail(request, pk):
    capability = get_object_or_404(_detail_queryset(visible_capabilities(request.user)), pk=pk)
    return render(request, "companies/capability_detail.html", _detail_context(request, capability))


@login_required
def capability_edit(request, pk):
    user = request.user
    capability = get_object_or_404(
        editable_capabilities(user).select_related("company__organisation__hub"), pk=pk
    )
    data = request.POST if request.method == "POST" else None
    return _capability_form_page(
        request,
        CapabilityForm(data, capability=capability),
        save=lambda **changes: services.update_capability(capability, actor=user, **changes),
        done_message=_("The capability is saved."),
        context={"capability": capability},
        capability=capability,
    )


def _status_view(action, done_message):
    """A POST-only page that runs ``action`` (a status service) on a capability the user may
    edit and says ``done_message``, or why the service refused."""

    @login_required
    @require_POST
    def view(request, pk):
        capability = get_object_or_404(
            editable_capabilities(request.user).select_related("company__organisation__hub"),
            pk=pk,
        )
        try:
            action(capability, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, done_message)
        return redirect(capability)

    return view


capability_publish = _status_view(
    services.publish_capability,
    gettext_lazy("The capability is published: verified buyers can now find it."),
)
capability_archive = _status_view(
    services.archive_capability,
    gettext_lazy("The capability is archived and no longer shown to buyers."),
)
capability_unarchive = _status_view(
    services.unarchive_capability, gettext_lazy("The capability is a draft again.")
)


# --- Attachments --------------------------------------------------------------------------------


class CapabilityAttachments(AttachmentSpec):
    """Files on a capability: whoever may see it downloads them; its company's members and
    the hub's coordinators add and delete them, whatever the capability's state."""

    model = CapabilityAttachment
    form_class = AttachmentForm
    template_name = "companies/capability_detail.html"
    refusals_on_form = True

    def owner_to_read(self, request, pk):
        return get_object_or_404(visible_capabilities(request.user), pk=pk)

    def owner_to_change(self, request, pk):
        return get_object_or_404(
            editable_capabilities(request.user).select_related("company__organisation__hub"),
            pk=pk,
        )

    def add(self, capability, *, upload, actor):
        return services.add_attachment(capability, actor=actor, upload=upload)

    def delete(self, attachment, *, actor):
        services.delete_attachment(attachment, actor=actor)

    def page_context(self, request, capability, form):
        capability = get_object_or_404(_detail_queryset(Capability.objects), pk=capability.pk)
        return _detail_context(request, capability, attachment_form=form)

    def attached_message(self, attachment):
        return _("%(name)s is attached.") % {"name": attachment.original_name}

    def deleted_message(self, attachment):
        return _("%(name)s is deleted.") % {"name": attachment.original_name}
