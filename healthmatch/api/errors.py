"""A service's refusal as an API error, so the API refuses exactly as the pages do.

Services raise Django's ``ValidationError`` (bad data or a wrong state; a dict names the fields)
and ``PermissionDenied`` (the actor may not do this). In a view, wrap the service call::

    with service_errors():
        services.submit(need, by=request.user)

A ValidationError becomes a 400 whose body maps each field to its messages (messages not tied
to a field under ``non_field_errors``), as DRF's own validation errors look; a PermissionDenied
becomes a 403 with its message as ``detail``. What a person may not *see* never gets here: the
view's queryset leaves it out, so it is a 404.
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def as_api_error(error: ValidationError | PermissionDenied) -> exceptions.APIException:
    if isinstance(error, PermissionDenied):
        return exceptions.PermissionDenied(str(error) or None)
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [
                message for e in errors for message in e.messages
            ]
            for field, errors in error.error_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return exceptions.ValidationError(detail)


@contextmanager
def service_errors():
    try:
        yield
    except (ValidationError, PermissionDenied) as error:
        raise as_api_error(error) from error


# --- Every API error is JSON ------------------------------------------------------------------
#
# DRF's own errors keep their shapes: a validation error maps fields to messages, every other
# error is {"detail": "..."}. exception_handler adds what DRF leaves to Django (an oversized body
# is a 413, not Django's 400); the handlers below answer Django's own 400, 403, 404 and 500 with
# JSON under /api/ (an unmatched URL, a malformed id, an unhandled exception), and with the
# site's pages everywhere else.

API_PREFIX = "/api/"


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


def payload_too_large() -> PayloadTooLarge:
    return PayloadTooLarge(
        _("The request body is too large: at most %(limit)d bytes.")
        % {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    )


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = payload_too_large()
    return drf_exception_handler(exc, context)


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(detail, status: int) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=status)


def bad_request(request, exception):
    # A refusal that says why (the request guard's BadInput) shows its reason to the sender.
    reason = getattr(exception, "public_reason", None)
    if not is_api(request):
        if reason:
            return render(request, "400.html", {"reason": reason}, status=400)
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return _json(payload_too_large().detail, 413)
    if reason and getattr(exception, "field", None):  # as DRF names a field it refuses
        return JsonResponse({exception.field: [reason]}, status=400)
    return _json(reason or _("Bad request."), 400)


def permission_denied(request, exception):
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return _json(str(exception) or _("You do not have permission to perform this action."), 403)


def page_not_found(request, exception):
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return _json(_("Not found."), 404)


def server_error(request):
    if not is_api(request):
        return defaults.server_error(request)
    return _json(_("Server error: the error is logged; please try again later."), 500)
