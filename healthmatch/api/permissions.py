"""Who may call the API at all; what they may see is each view's queryset (the same access
functions the pages use).

- Reading: anybody, as on the site, where anonymous visitors browse published needs and events;
  each endpoint's queryset shows them what the pages show them (often nothing).
- Writing: a signed-in person (token or session with CSRF). A read-only token never writes.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from healthmatch.api.models import ApiToken


def request_token(request) -> ApiToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None


class ApiAccess(BasePermission):
    """The default: reads are open, writes need a person and, with a token, a read-write one."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False  # DRF answers 401 with WWW-Authenticate: Bearer
        token = request_token(request)
        if token is not None and not token.can_write:
            raise exceptions.PermissionDenied(
                _("This token is read-only: create a read-and-write token to make changes."),
                code="read_only_token",
            )
        return True


class SignedIn(ApiAccess):
    """For endpoints about the person or what only members see: reads need a person too."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return super().has_permission(request, view)
