"""Who belongs where: the membership facts every access rule in the apps is built from."""

from django.db.models import Q

from healthmatch.accounts.membership_cache import cached_memberships
from healthmatch.accounts.models import Hub, Membership, Organisation


def member_org_ids(user) -> list[int]:
    """Ids of the organisations the user is an active member of (cached on the user object)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_hm_org_ids", None)
    if cached is None:
        cached = list(
            Membership.objects.active().filter(user=user).values_list("organisation_id", flat=True)
        )
        user._hm_org_ids = cached
    return cached


def admin_org_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.active()
        .filter(user=user, role=Membership.Role.ADMIN)
        .values_list("organisation_id", flat=True)
    )


def is_verified_member(user) -> bool:
    """True when the user is an active member of at least one verified organisation."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_hm_verified_member", None)
    if cached is None:
        ids = member_org_ids(user)
        cached = (
            bool(ids)
            and Organisation.objects.filter(pk__in=ids, verified_at__isnull=False).exists()
        )
        user._hm_verified_member = cached
    return cached


def coordinator_hub_q(user, hub_field: str = "hub") -> Q | None:
    """Q over ``hub_field`` for rows the user coordinates, or None when they coordinate nothing."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if user.is_superuser:
        return Q(pk__isnull=False)
    # A subquery, not a join over Hub.coordinators: a join repeats rows once per coordinator.
    return Q(**{f"{hub_field}__in": Hub.objects.filter(coordinators=user).values("pk")})


def forget(user) -> None:
    """Drop the per-request caches after a membership change."""
    for attr in ("_hm_org_ids", "_hm_verified_member"):
        if hasattr(user, attr):
            delattr(user, attr)


def visible_organisations(user):
    """Organisations a person may look up (the API's organisations, as the site shows them):
    their own (even unverified or pending approval), those of the hubs they coordinate, and
    every verified organisation for an active member of a verified one, as the companies
    directory and the needs show them. Anonymous visitors and people without a verified
    organisation see only their own."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    q = Q(
        pk__in=Membership.objects.filter(user=user)
        .exclude(status=Membership.Status.REJECTED)
        .values("organisation_id")
    )
    coord = coordinator_hub_q(user)
    if coord is not None:
        q |= coord
    if is_verified_member(user):
        q |= Q(verified_at__isnull=False)
    return Organisation.objects.filter(q)


def memberships_for(request) -> list:
    """The signed-in person's active memberships, with organisations and hubs: read once per
    request (from the cache between requests: membership_cache.py), shared by the views and
    the templates' navigation."""
    cached = getattr(request, "_hm_memberships", None)
    if cached is None:
        user = request.user
        cached = cached_memberships(user) if user.is_authenticated else []
        request._hm_memberships = cached
    return cached
