"""Who may see which bid. Written once, used by the pages, the need page and the admin.

- members of the bidding company: all of their company's bids, drafts included;
- members of the need's organisation: the bids that were submitted to their need (a draft, or
  a draft withdrawn before it was ever sent, is the company's own business);
- the coordinators of the need's hub (and superusers): every bid of their hubs.
A competing bidder is none of these, so another company's bid is simply not found (404).
"""

from django.db.models import Q

from healthmatch.accounts.access import coordinator_hub_q, is_verified_member, member_org_ids
from healthmatch.accounts.models import Organisation


def visible_bids_q(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    orgs = member_org_ids(user)
    q = Q(company_id__in=orgs) | Q(need__organisation_id__in=orgs, submitted_at__isnull=False)
    coord = coordinator_hub_q(user, "need__hub")
    if coord is not None:
        q |= coord
    return q


def is_bidder(user, bid) -> bool:
    return bid.company_id in member_org_ids(user)


def is_need_owner(user, bid_or_need) -> bool:
    need = getattr(bid_or_need, "need", bid_or_need)
    return need.organisation_id in member_org_ids(user)


def bidding_companies(user) -> list[Organisation]:
    """The verified company organisations ``user`` is an active member of: those it may bid
    for."""
    if not is_verified_member(user):
        return []
    return list(
        Organisation.objects.providers()
        .verified()
        .filter(pk__in=member_org_ids(user))
        .order_by("name")
    )
