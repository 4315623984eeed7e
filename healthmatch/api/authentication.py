"""``Authorization: Bearer hm_<prefix>_<secret>``: a personal API token, acting as its person.

A request without the header falls through to the next class (the session, which keeps its
CSRF check). A header that names no active token is refused with a 401, never treated as
anonymous: a script with an expired token must hear about it.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from healthmatch.api import services

KEYWORD = b"bearer"


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Malformed Authorization header: send 'Bearer <token>'.")
            )
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        token = services.authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is unknown, expired or revoked."), code="invalid_token"
            )
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
