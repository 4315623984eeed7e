from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from healthmatch.accounts import invitations, notifications, services
from healthmatch.accounts.forms import (
    JoinRequestForm,
    MembershipDecisionForm,
    OrganisationCreateForm,
    ProfileForm,
)
from healthmatch.accounts.middleware import remember_hub_time_zone
from healthmatch.accounts.models import Membership, Organisation
from healthmatch.accounts.tasks import HEARTBEAT_KEY
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once


@login_required
def onboarding(request):
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(request, "accounts/onboarding.html", {"memberships": memberships})


def _create_organisation(request, form):
    try:
        org = services.create_organisation(request.user, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(
        request,
        format_isolated(
            _(
                "%(name)s is created. A coordinator will verify it; until then you can prepare "
                "drafts."
            ),
            name=org.name,
        ),
    )
    return redirect("dashboard")


@login_required
def organisation_create(request):
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST":
        response = submit_once(request, form, lambda: _create_organisation(request, form))
        if response:
            return response
    return render(request, "accounts/organisation_form.html", {"form": form})


def _request_membership(request, form):
    membership = services.request_membership(
        request.user, form.cleaned_data["organisation"], form.cleaned_data["message"]
    )
    if membership.status == Membership.Status.ACTIVE:
        messages.info(
            request,
            format_isolated(
                _("You are already a member of %(org)s."), org=membership.organisation.name
            ),
        )
    else:
        messages.success(request, _join_request_text(membership))
    return redirect("dashboard")


@login_required
def organisation_join(request):
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        results = (
            Organisation.objects.filter(name__icontains=query)
            .select_related("hub")
            .order_by("name")[:25]
        )
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        response = submit_once(request, form, lambda: _request_membership(request, form))
        if response:
            return response
        for error in form.non_field_errors():  # the form's token: the page shows no form errors
            messages.error(request, error)
    mine = set(
        Membership.objects.filter(user=request.user).values_list("organisation_id", flat=True)
    )
    return render(
        request,
        "accounts/organisation_join.html",
        {"query": query, "results": results, "form": form, "mine": mine},
    )


def _join_request_text(membership) -> str:
    """What became of a join request, from the emails actually written for it (HTML, the names
    isolated: healthmatch/bidi.py)."""
    org = membership.organisation
    names = {"org": org.name, "hub": org.hub.name}
    told = getattr(membership, "told", None)
    if told is None:
        return format_isolated(
            _("Your request to join %(org)s is already waiting for a decision."), **names
        )
    who, count = told
    if not count:
        return format_isolated(
            _(
                "Your request to join %(org)s is saved, but nobody could be emailed about it: "
                "%(org)s has no administrator on HealthMatch and %(hub)s no coordinator yet."
            ),
            **names,
        )
    if who == notifications.COORDINATORS:
        return format_isolated(
            _(
                "%(org)s has no administrator on HealthMatch yet: your request is sent by email "
                "to the coordinators of %(hub)s, who decide on it."
            ),
            **names,
        )
    return format_isolated(
        _("Your request to join %(org)s is sent to its administrators by email."), **names
    )


def _admin_membership_or_404(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    is_admin = (
        Membership.objects.active()
        .filter(user=request.user, organisation=org, role=Membership.Role.ADMIN)
        .exists()
    )
    is_member = Membership.objects.active().filter(user=request.user, organisation=org).exists()
    if not (is_member or request.user.is_superuser):
        raise Http404
    return org, is_admin


@login_required
def organisation_members(request, slug):
    org, is_admin = _admin_membership_or_404(request, slug)
    members = (
        Membership.objects.filter(organisation=org)
        .exclude(status=Membership.Status.REJECTED)
        .select_related("user")
        .order_by("status", "user__name")
    )
    return render(
        request,
        "accounts/organisation_members.html",
        {
            "organisation": org,
            "members": members,
            "is_admin": is_admin,
            "decision_form": MembershipDecisionForm(),
        },
    )


@login_required
@require_POST
def membership_decide(request, slug, pk):
    org, is_admin = _admin_membership_or_404(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=org)
    form = MembershipDecisionForm(request.POST)
    if not is_admin:
        raise PermissionDenied
    if form.is_valid():
        try:
            services.decide_membership(
                membership,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose approve or decline."))
    return redirect("organisation_members", slug=org.slug)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    org, is_admin = _admin_membership_or_404(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=org)
    if not is_admin and membership.user_id != request.user.pk:
        raise PermissionDenied
    try:
        services.remove_member(membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("organisation_members", slug=org.slug)
    messages.success(request, _("Membership removed."))
    if membership.user_id == request.user.pk:
        return redirect("dashboard")
    return redirect("organisation_members", slug=org.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The link of an invitation to claim an organisation. Unknown: 404. Used or expired: a
    page that says so. Signed out: sign in or sign up with the invited address, then back here.
    Signed in with another address: 404. The invitee confirms with a POST."""
    invitation = invitations.find(token)
    if invitation is None:
        raise Http404
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if invitation.is_used or invitation.is_expired:
        return render(request, "accounts/invitation_closed.html", context, status=410)
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation.html", {**context, "next": request.path})
    if not invitations.is_invitee(request.user, invitation):
        raise Http404
    if request.method == "POST":
        try:
            invitations.accept(invitation, user=request.user)
        except ValidationError:
            invitation.refresh_from_db()
            return render(request, "accounts/invitation_closed.html", context, status=410)
        messages.success(
            request,
            format_isolated(
                _("You are now an administrator of %(org)s."), org=invitation.organisation.name
            ),
        )
        return redirect("organisation_members", slug=invitation.organisation.slug)
    return render(request, "accounts/invitation.html", context)


def health(request):
    """Liveness for load balancers and compose: database, cache and the worker heartbeat."""
    status = {"database": "ok", "cache": "ok", "worker_heartbeat_age_seconds": None}
    code = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001
        status["database"] = "error"
        code = 503
    try:
        cache.set("healthmatch:health", "1", 10)
        beat = cache.get(HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001
        status["cache"] = "error"
        beat = None
        code = 503
    if beat:
        status["worker_heartbeat_age_seconds"] = int(
            (timezone.now() - parse_datetime(beat)).total_seconds()
        )
    return JsonResponse(status, status=code)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The person's own profile: name, job title, language and time zone."""
    user = request.user
    form = ProfileForm.for_user(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save(user)
        remember_hub_time_zone(None, request, user)
        translation.activate(user.language)
        messages.success(request, _("Your profile is saved."))
        # The language cookie follows (middleware.user_language): it stays after signing out.
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


def set_language(request):
    """Django's set_language (the header's language menu: cookie, redirect back), and for a
    signed-in person their language from now on, for pages and emails."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.set_language(request.user, request.POST.get("language"))
    return response
