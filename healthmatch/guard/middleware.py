"""Refuse NUL characters anywhere in a request's text: the query string, form fields (names and
values; never a file's content) and JSON bodies; a path with one is a 404 (no address has one).

PostgreSQL text cannot hold NUL, and psycopg2 raises ``ValueError`` for a parameter that has
one: without this guard any search box (``?q=a%00b``) or form field is an error 500. Guarding
once here, after authentication and before any view, covers every view, the admin and the API
alike. The refusal is ``BadInput``, a ``SuspiciousOperation``: Django answers it with the 400
handler (JSON with the reason under /api/, the site's 400 page elsewhere) and logs it under
``django.security``.
"""

import json

from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _

from healthmatch.error_pages import shows_site_pages, suspicious_request

NUL = "\x00"
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
API_PREFIX = "/api/"


class BadInput(SuspiciousOperation):
    """A refusal whose message is safe to show to whoever sent the request."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.public_reason = reason
        self.field = field  # the JSON body's top-level field holding it: the API names it


def request_guard(get_response):
    def middleware(request):
        try:
            check(request)
        except BadInput as refusal:
            if shows_site_pages():  # DEBUG (make run): the site's 400, as people will see it
                return suspicious_request(request, refusal)
            raise
        return get_response(request)

    return middleware


def check(request) -> None:
    if NUL in request.path_info:
        raise Http404  # no address has one, as with a malformed id
    if _has_nul(request.GET):
        raise BadInput(_("The address contains a NUL character (%00), which no page accepts."))
    if request.method not in BODY_METHODS:
        return
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        if request.path_info.startswith(API_PREFIX):
            return  # the API reads only JSON (a form body is its 415); parsing it here would
            # leave DRF an empty body instead
        field = _field_with_nul(request.POST)  # file names: Django strips non-printables
        if field is not None:
            raise BadInput(
                _(
                    "The form's field “%(field)s” contains a NUL character, which no field "
                    "accepts. Nothing was saved."
                )
                % {"field": field.replace(NUL, "")},
                field=field.replace(NUL, ""),
            )
    elif content_type == "application/json" or content_type.endswith("+json"):
        found, field = _json_nul(request.body)
        if found:
            raise BadInput(
                _("The JSON body contains a NUL character (\\u0000) in a string."), field=field
            )


def _field_with_nul(query_dict) -> str | None:
    for key, values in query_dict.lists():
        if NUL in key or any(NUL in value for value in values):
            return key
    return None


def _has_nul(query_dict) -> bool:
    return _field_with_nul(query_dict) is not None


def _json_nul(body: bytes) -> tuple[bool, str | None]:
    """Whether the body has a NUL in a string, and the top-level field that holds it."""
    if b"u0000" not in body.lower() and b"\x00" not in body:  # the fast path
        return False, None
    try:
        data = json.loads(body)
    except ValueError:
        return b"\x00" in body, None  # malformed otherwise: the API's parser says so
    if isinstance(data, dict):
        for key, value in data.items():
            if _contains_nul(key) or _contains_nul(value):
                return True, None if _contains_nul(key) else key
        return False, None
    return _contains_nul(data), None


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False
