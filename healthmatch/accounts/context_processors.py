from django.utils.functional import SimpleLazyObject

from healthmatch.accounts.access import memberships_for


def memberships(request):
    """The signed-in user's active memberships, loaded at most once per request, and whether one
    of them is in a company (the navigation shows "Bids" to company members)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": [], "in_company": False}
    mine = SimpleLazyObject(lambda: memberships_for(request))
    in_company = SimpleLazyObject(lambda: any(m.organisation.is_provider for m in mine))
    return {"my_memberships": mine, "in_company": in_company}
