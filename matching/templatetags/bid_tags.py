"""The bids part of the need page, without the needs app importing matching:
``{% include "bids/_need_bid_panel.html" %}`` on the need page loads this tag. It shows the
need's owners (and the hub's coordinators) the bids received, a bidder its own bid, and an
eligible company member the "Bid on this need" button."""

from django import template

from matching.bids import services
from matching.bids.models import Bid
from needs.services import can_manage

register = template.Library()


@register.inclusion_tag("bids/_need_bids.html", takes_context=True)
def need_bids(context, need):
    request = context.get("request")
    user = getattr(request, "user", None)
    result = {"need": need, "show_bids": False, "own_bids": [], "can_bid": False}
    if user is None or not user.is_authenticated:
        return result
    if can_manage(user, need):
        result["show_bids"] = True
        result["bids"] = list(
            need.bids.filter(submitted_at__isnull=False)
            .select_related("company")
            .order_by("-submitted_at", "-pk")
        )
    own = list(
        Bid.objects.of_company_member(user)
        .filter(need=need)
        .select_related("company")
        .order_by("-created_at")
    )
    result["own_bids"] = own
    if need.status == need.Status.PUBLISHED:
        active = {b.company_id for b in own if b.is_active}
        result["can_bid"] = any(
            c.pk not in active and services.refusal(need, c) is None
            for c in services.companies_that_may_bid(user, need)
        )
    return result
