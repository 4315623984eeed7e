"""Pages for needs: the public list, the detail page (teaser or full), and the owners' pages to
draft, submit, close, attach files and invite companies. Rules live in needs.services and
needs.access; these views only translate between HTTP and those."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from healthmatch.accounts.access import memberships_for
from healthmatch.attachments.forms import AttachmentForm
from healthmatch.attachments.views import AttachmentSpec
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import Refused, submit_once
from healthmatch.page_cache.views import cached_page
from healthmatch.pagination import CountCachedPaginator
from needs import services
from needs.filters import NeedFilter
from needs.forms import CloseForm, InvitationForm, NeedForm
from needs.listing import SECONDS as LISTING_SECONDS
from needs.listing import body_key, count_key, versions_now
from needs.models import Need, NeedAttachment
from needs.teasers import render_teasers

TEASER_PREFETCH = ("clinical_areas", "care_settings", "technology_types")


def _visible_need_or_404(request, pk, queryset=None):
    queryset = queryset if queryset is not None else Need.objects.all()
    return get_object_or_404(
        queryset.visible_to(request.user).select_related("organisation", "hub", "region"), pk=pk
    )


def _managed_need_or_404(request, pk):
    """Owners and the hub's coordinators; everybody else gets a 404."""
    need = _visible_need_or_404(request, pk)
    if not services.can_manage(request.user, need):
        raise Http404
    return need


# --- List -----------------------------------------------------------------------------------


def need_list(request):
    """The body (filters, count, teasers, pages) comes whole from the cache (needs/listing.py);
    on a miss its teasers come from theirs (needs/teasers.py), so a page view asks the database
    for one page of needs and its count at most."""
    memberships = memberships_for(request)
    catalogue, listing = versions_now()
    key = body_key(request, memberships, catalogue, listing)
    body = cache.get(key)
    if body is None:
        body = _list_body(request, memberships, catalogue, listing)
        cache.set(key, body, LISTING_SECONDS)
    return render(
        request,
        "needs/need_list.html",
        {"body": body, "can_create": any(m.organisation.is_buyer for m in memberships)},
    )


def _list_body(request, memberships, catalogue: str, listing: str) -> str:
    base = (
        Need.objects.listed()
        .select_related("organisation", "region")
        .order_by("-published_at", "-pk")
    )
    filterset = NeedFilter(request.GET, queryset=base, request=request)
    query = request.GET.copy()
    query.pop("page", None)
    querystring = query.urlencode()
    paginator = CountCachedPaginator(
        filterset.qs,
        settings.NEEDS_PAGE_SIZE,
        # Exact for the listing's version, as the body it is shown in; shared by its pages.
        count_key=count_key(request, memberships, listing, querystring),
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return render_to_string(
        "needs/includes/list_body.html",
        {
            "form": filterset.form,
            "page_obj": page_obj,
            "teasers": render_teasers(page_obj.object_list, catalogue),
            "result_count": paginator.count,
            "querystring": querystring,
        },
        request=request,
    )


# --- Detail ---------------------------------------------------------------------------------


def _detail_context(request, need, attachment_form=None, close_form=None) -> dict:
    access = services.need_access(request.user, need)
    context = {
        "need": need,
        "can_see_details": access.can_see_details,
        "is_owner": access.is_owner,
        "is_coordinator": access.is_coordinator,
        "can_manage": access.can_manage,
    }
    if not access.can_see_details:
        context["locked_reason"] = access.locked_reason
        return context
    context["attachments"] = list(need.attachments.all())
    if access.can_manage:
        context.update(
            history=list(need.status_changes.select_related("actor")),
            invitations=list(need.invitations.select_related("organisation"))
            if need.is_confidential
            else [],
            can_edit=access.can_edit,
            can_submit=access.can_submit,
            can_close=access.can_close,
            can_attach=access.can_attach,
            attachment_form=(attachment_form or AttachmentForm()) if access.can_attach else None,
            close_form=close_form or CloseForm(),
            attachment_limit=settings.ATTACHMENTS_PER_ITEM,
        )
    if access.is_coordinator:
        try:
            context["admin_url"] = reverse("admin:needs_need_change", args=[need.pk])
        except NoReverseMatch:  # the coordination admin is not installed
            pass
    return context


@cached_page
def need_detail(request, pk):
    need = _visible_need_or_404(
        request, pk, Need.objects.prefetch_related(*TEASER_PREFETCH, "regulatory_requirements")
    )
    context = _detail_context(request, need)
    recorded = context["can_see_details"] and services.record_detail_view(need, request.user)
    response = render(request, "needs/need_detail.html", context)
    if recorded:
        response.keep_page = False  # each view of a confidential need's details is recorded
    return response


# --- Drafting -------------------------------------------------------------------------------


@login_required
def need_create(request):
    organisations = services.buyer_organisations(request.user)
    if not organisations:
        return render(request, "needs/need_create_denied.html", status=403)
    # A new need is taken to be written in the language its author reads the site in.
    form = NeedForm(
        request.POST or None,
        organisations=organisations,
        initial={"language": services.content_language(request.LANGUAGE_CODE)},
    )
    if request.method == "POST":
        response = submit_once(request, form, lambda: _create_need(request, form))
        if response:
            return response
    unverified = [o for o in organisations if not o.is_verified]
    return render(
        request,
        "needs/need_form.html",
        {"form": form, "need": None, "unverified_organisations": unverified},
    )


def _create_need(request, form):
    data, m2m = form.service_data()
    try:
        need = services.create_need(
            organisation=form.get_organisation(), actor=request.user, data=data, m2m=m2m
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(request, _("Your draft is saved. Submit it for review when it is ready."))
    return redirect(need)


@login_required
def need_edit(request, pk):
    need = get_object_or_404(
        Need.objects.owned_by(request.user).select_related("organisation"), pk=pk
    )
    if not need.is_editable:
        messages.info(
            request,
            _("Only drafts can be edited. Ask a coordinator to return the need to draft."),
        )
        return redirect(need)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        try:
            services.update_need(need, actor=request.user, data=data, m2m=m2m)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(need)
    unverified = [] if need.organisation.is_verified else [need.organisation]
    return render(
        request,
        "needs/need_form.html",
        {"form": form, "need": need, "unverified_organisations": unverified},
    )


@login_required
@require_POST
def need_submit(request, pk):
    need = get_object_or_404(Need.objects.owned_by(request.user), pk=pk)
    try:
        services.submit_need(need, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Submitted. A coordinator will check it and publish it, or get back to you."),
        )
    return redirect(need)


@login_required
@require_POST
def need_close(request, pk):
    need = _managed_need_or_404(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(ValidationError(list(form.errors.values()))))
        return redirect(need)
    try:
        services.close_need(need, actor=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The need is closed. It stays visible as closed."))
    return redirect(need)


# --- Attachments ----------------------------------------------------------------------------


class NeedAttachments(AttachmentSpec):
    """Files on a need: its owners and the hub's coordinators change them (services decide
    when); whoever may read the details downloads them, and confidential needs audit that."""

    model = NeedAttachment
    template_name = "needs/need_detail.html"

    def owner_to_read(self, request, pk):
        return get_object_or_404(Need.objects.details_visible_to(request.user), pk=pk)

    def owner_to_change(self, request, pk):
        return _managed_need_or_404(request, pk)

    def add(self, need, *, upload, actor):
        return services.add_attachment(need, upload=upload, actor=actor)

    def delete(self, attachment, *, actor):
        services.delete_attachment(attachment, actor=actor)

    def page_context(self, request, need, form):
        need = _visible_need_or_404(
            request,
            need.pk,
            Need.objects.prefetch_related(*TEASER_PREFETCH, "regulatory_requirements"),
        )
        return _detail_context(request, need, attachment_form=form)

    def downloaded(self, request, need):
        services.record_detail_view(need, request.user)


# --- Invitations ----------------------------------------------------------------------------


def _change_invitation(request, need, form, target):
    organisation = form.cleaned_data["organisation"]
    try:
        if form.cleaned_data["action"] == "invite":
            services.invite_company(need, organisation=organisation, actor=request.user)
            messages.success(
                request, format_isolated(_("%(org)s is invited."), org=organisation.name)
            )
        else:
            services.revoke_invitation(need, organisation=organisation, actor=request.user)
            messages.success(
                request,
                format_isolated(
                    _("The invitation of %(org)s is withdrawn."), org=organisation.name
                ),
            )
    except ValidationError as error:
        messages.error(request, error_text(error))
        raise Refused(redirect(target)) from None
    return redirect(target)


@login_required
def need_invitations(request, pk):
    need = _managed_need_or_404(request, pk)
    if not need.is_confidential:
        messages.info(
            request,
            _(
                "This need is not confidential: every verified member can read it, so there is "
                "nobody to invite."
            ),
        )
        return redirect(need)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    target = reverse("needs:invitations", args=[need.pk])
    target = f"{target}?{urlencode({'q': query})}" if query else target
    if request.method == "POST":
        form = InvitationForm(request.POST)
        response = submit_once(
            request, form, lambda: _change_invitation(request, need, form, target)
        )
        if response:
            return response
        if form.non_field_errors():  # the form's token
            messages.error(request, " ".join(form.non_field_errors()))
        else:
            messages.error(request, _("Choose a company first."))
        return redirect(target)
    return render(
        request,
        "needs/need_invitations.html",
        {
            "need": need,
            "query": query,
            "results": services.invitable_companies(need, query),
            "invitations": need.invitations.select_related("organisation", "invited_by"),
        },
    )
