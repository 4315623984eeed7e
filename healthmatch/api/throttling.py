"""Rate limits: per token for token requests, per person for the session, per IP address for
anonymous visitors. Rates are ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``token``, ``user``,
``anon``), set from API_RATE_TOKEN, API_RATE_USER and API_RATE_ANON; counts live in the default
cache (Redis in production), so every web process shares them. A refused request is a 429
with Retry-After."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from healthmatch.api.permissions import request_token


class _Throttle(SimpleRateThrottle):
    def get_rate(self):
        # Read at each request, not at import (DRF's class attribute), so settings apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(_Throttle):
    scope = "token"

    def get_cache_key(self, request, view):
        token = request_token(request)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class UserRateThrottle(_Throttle):
    scope = "user"

    def get_cache_key(self, request, view):
        if request_token(request) is not None or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AnonRateThrottle(_Throttle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
