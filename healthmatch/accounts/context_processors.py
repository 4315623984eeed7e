from django.utils.functional import SimpleLazyObject

from healthmatch.accounts.models import active_memberships


def memberships(request):
    """The signed-in user's active memberships, loaded at most once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": []}
    return {"my_memberships": SimpleLazyObject(lambda: list(active_memberships(user)))}
