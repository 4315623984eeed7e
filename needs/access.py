"""Who may see what of a need. Written once, used by pages, search, API and admin.

- anyone: the teaser (title, summary, taxonomy tags) of a published or closed need;
- members of the owning organisation and the hub's coordinators: everything, in every state;
- active members of a verified organisation: the details of a published/closed need,
  unless it is confidential;
- a confidential need's details: only members of companies invited to it (plus the above).
"""

from django.apps import apps
from django.db.models import Q

from healthmatch.accounts.access import coordinator_hub_q, is_verified_member, member_org_ids

LISTED_STATUSES = ("published", "closed")


def owner_q(user) -> Q:
    return Q(organisation_id__in=member_org_ids(user))


def visible_needs_q(user) -> Q:
    q = Q(status__in=LISTED_STATUSES)
    if user.is_authenticated:
        q |= owner_q(user)
        coord = coordinator_hub_q(user)
        if coord is not None:
            q |= coord
    return q


def detail_needs_q(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = owner_q(user)
    coord = coordinator_hub_q(user)
    if coord is not None:
        q |= coord
    if is_verified_member(user):
        q |= Q(status__in=LISTED_STATUSES, is_confidential=False)
    # The invitations through a subquery, not a join: the condition holds on the need's own
    # row (one row per need), so search can filter and rank with it directly. The model is
    # looked up by name: needs.models builds its querysets from this module.
    invitations = apps.get_model("needs", "NeedInvitation")
    invited = invitations.objects.filter(organisation_id__in=member_org_ids(user))
    q |= Q(
        status__in=LISTED_STATUSES,
        is_confidential=True,
        pk__in=invited.values("need_id"),
    )
    return q


def is_owner(user, need) -> bool:
    """Members of the owning organisation edit and submit its needs."""
    return need.organisation_id in member_org_ids(user)
