"""Which side of a match a person stands on: the buyer side (members of the organisation that
owns the need) and the company side (members of the company whose capability it is); and the
same rules as querysets, for lists (the API's): a person sees the matches they are a party of
and, as a coordinator, every match of their hubs, exactly as the match page lets them in."""

from __future__ import annotations

from django.db.models import Q

from healthmatch.accounts.access import coordinator_hub_q, member_org_ids
from matching.models import Match

BUYER = "buyer"
COMPANY = "company"
NOTHING = Q(pk__in=[])


def sides_of(user, match: Match) -> set[str]:
    """The sides of the match ``user`` stands on (a person may belong to both)."""
    orgs = set(member_org_ids(user))
    sides = set()
    if match.need.organisation_id in orgs:
        sides.add(BUYER)
    if match.capability.company.organisation_id in orgs:
        sides.add(COMPANY)
    return sides


def side_q(user, side: str) -> Q:
    """The matches on whose ``side`` ("buyer" or "company") ``user`` stands."""
    orgs = member_org_ids(user)
    if not orgs:
        return NOTHING
    if side == BUYER:
        return Q(need__organisation_id__in=orgs)
    return Q(capability__company__organisation_id__in=orgs)


def party_q(user) -> Q:
    """The matches ``user`` is a party of (``sides_of`` is not empty)."""
    return side_q(user, BUYER) | side_q(user, COMPANY)


def coordinated_q(user) -> Q:
    """The matches of the hubs ``user`` coordinates (all for superusers): where they curate.
    By the need's hub, as the lifecycle's services check it (``is_coordinator``)."""
    return coordinator_hub_q(user, "need__hub") or NOTHING


def visible_q(user) -> Q:
    """The matches whose page ``user`` may open: a party's and the hub's coordinators'."""
    return party_q(user) | coordinated_q(user)
