"""The front door and the per-role dashboard: the places where both sides of the platform meet."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies import certificates
from companies.models import Capability, CompanyProfile
from healthmatch.accounts.access import admin_org_ids, coordinator_hub_q
from healthmatch.accounts.models import Hub, Membership, Organisation
from healthmatch.form_errors import error_text
from healthmatch.page_cache.views import cached_page
from matching import cards
from matching.access import BUYER, sides_of
from matching.card_html import render_card_bodies
from matching.lifecycle import services
from matching.models import Match
from needs.models import Need


def _home_stats(listed) -> dict:
    return {
        "needs": listed.count(),
        "buyers": Organisation.objects.buyers().verified().count(),
        "companies": Organisation.objects.companies().verified().count(),
        "hubs": Hub.objects.count(),
    }


def home(request):
    listed = Need.objects.published()
    context = {
        "latest_needs": listed.select_related("organisation")
        .prefetch_related("clinical_areas")
        .order_by("-published_at")[:6],
        # Four counts the same for everyone: kept as long as a list's count (pagination.py).
        "stats": cache.get_or_set(
            "home:stats", lambda: _home_stats(listed), settings.LIST_COUNT_SECONDS
        ),
    }
    return render(request, "home.html", context)


@login_required
@cached_page
def dashboard(request):
    user = request.user
    memberships = list(
        Membership.objects.filter(user=user)
        .exclude(status=Membership.Status.REJECTED)
        .select_related("organisation", "organisation__hub")
    )
    if not memberships and not user.is_staff:
        return redirect("onboarding")
    active = [m for m in memberships if m.status == Membership.Status.ACTIVE]
    buyer_ids = [m.organisation_id for m in active if m.organisation.is_buyer]
    company_ids = [m.organisation_id for m in active if m.organisation.is_provider]

    context = {
        "memberships": memberships,
        "has_buyer": bool(buyer_ids),
        "has_company": bool(company_ids),
        "pending_requests": Membership.objects.pending()
        .filter(organisation_id__in=admin_org_ids(user))
        .select_related("user", "organisation"),
    }
    if buyer_ids:
        context["my_needs"] = (
            Need.objects.filter(organisation_id__in=buyer_ids)
            .select_related("organisation")
            .order_by("-updated_at")[:20]
        )
        context["need_counts"] = dict(
            Need.objects.filter(organisation_id__in=buyer_ids)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    if company_ids:
        context["my_companies"] = CompanyProfile.objects.filter(
            organisation_id__in=company_ids
        ).select_related("organisation")
        with_profile = set(context["my_companies"].values_list("organisation_id", flat=True))
        context["missing_profiles"] = [
            m.organisation
            for m in active
            if m.organisation.is_provider and m.organisation_id not in with_profile
        ]
        context["my_capabilities"] = (
            Capability.objects.filter(company__organisation_id__in=company_ids)
            .select_related("company__organisation")
            .order_by("-updated_at")[:20]
        )
        context["fresh_needs"] = (
            Need.objects.published().select_related("organisation").order_by("-published_at")[:5]
        )
        context["needs_for_you"] = cards.needs_for_company_member(user)
        render_card_bodies(context["needs_for_you"])
    if user.is_staff:
        hub_q = coordinator_hub_q(user) or Q(pk__in=[])
        context["coordinator"] = {
            "unverified": Organisation.objects.filter(hub_q, verified_at__isnull=True).count(),
            "submitted": Need.objects.filter(hub_q, status=Need.Status.SUBMITTED).count(),
            "published": Need.objects.filter(hub_q, status=Need.Status.PUBLISHED).count(),
            "on_expired_certificates": certificates.published_on_expired()
            .filter(coordinator_hub_q(user, "company__organisation__hub") or Q(pk__in=[]))
            .count(),
        }
    return render(request, "dashboard.html", context)


@login_required
@require_POST
def dismiss_match(request, pk):
    """Dismiss a suggestion, as the buyer (on the need's page) or the company (dashboard)."""
    match = get_object_or_404(Match.objects.select_related("need", "capability__company"), pk=pk)
    sides = sides_of(request.user, match)
    if not sides:
        raise Http404
    side = request.POST.get("side") or (next(iter(sides)) if len(sides) == 1 else None)
    try:
        services.dismiss(match, by=request.user, side=side)
    except PermissionDenied:
        raise Http404
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Dismissed: it will not be suggested again."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = match.need.get_absolute_url() if side == BUYER else "dashboard"
    return redirect(target)
