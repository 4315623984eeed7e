"""Which side of a match a person stands on: the buyer side (members of the organisation that
owns the need) and the company side (members of the company whose capability it is)."""

from __future__ import annotations

from healthmatch.accounts.access import member_org_ids
from matching.models import Match

BUYER = "buyer"
COMPANY = "company"


def sides_of(user, match: Match) -> set[str]:
    """The sides of the match ``user`` stands on (a person may belong to both)."""
    orgs = set(member_org_ids(user))
    sides = set()
    if match.need.organisation_id in orgs:
        sides.add(BUYER)
    if match.capability.company.organisation_id in orgs:
        sides.add(COMPANY)
    return sides
