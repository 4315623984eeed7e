"""Who may see which capabilities and company profiles.

- members of the company and the hub's coordinators: everything of that company, drafts too;
- active members of any verified organisation: published capabilities of verified companies;
- everyone else (anonymous, members of unverified organisations only): nothing (404).
"""

from django.db.models import Q

from healthmatch.accounts.access import coordinator_hub_q, is_verified_member, member_org_ids


def visible_capabilities_q(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = Q(company__organisation_id__in=member_org_ids(user))
    coord = coordinator_hub_q(user, "company__organisation__hub")
    if coord is not None:
        q |= coord
    if is_verified_member(user):
        q |= Q(status="published", company__organisation__verified_at__isnull=False)
    return q


def editable_capabilities_q(user) -> Q:
    """Over Capability: what the user may edit (the rule of services.can_edit_capabilities)."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    q = Q(company__organisation_id__in=member_org_ids(user))
    coord = coordinator_hub_q(user, "company__organisation__hub")
    if coord is not None:
        q |= coord
    return q


def visible_companies_q(user) -> Q:
    """Over CompanyProfile: verified companies for verified members, own companies always."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = Q(organisation_id__in=member_org_ids(user))
    coord = coordinator_hub_q(user, "organisation__hub")
    if coord is not None:
        q |= coord
    if is_verified_member(user):
        q |= Q(organisation__verified_at__isnull=False)
    return q


def is_company_member(user, company) -> bool:
    return company.organisation_id in member_org_ids(user)
