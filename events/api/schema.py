"""The error responses the events API documents, so the OpenAPI schema says every status a view
can answer with. Bodies keep DRF's shapes: ``{"field": ["message"]}`` for 400 (messages not
tied to a field under ``non_field_errors``), ``{"detail": "message"}`` otherwise."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT, description=_("Invalid input: each field names its messages.")
)
NOT_SIGNED_IN = OpenApiResponse(OpenApiTypes.OBJECT, description=_("Not signed in."))
REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT, description=_("Not signed in, or the rules refuse this to the caller.")
)
NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT, description=_("Not found, or not visible to the caller.")
)


def reading(ok) -> dict:
    """The responses of a read: the result, or 404 (what the caller may not see)."""
    return {200: ok, 404: NOT_FOUND}


def writing(ok, status=200) -> dict:
    """The responses of a write: the result, 400, 401/403 (signed out or refused by the
    service), 404 (what the caller may not see)."""
    return {status: ok, 400: BAD_REQUEST, 401: NOT_SIGNED_IN, 403: REFUSED, 404: NOT_FOUND}
