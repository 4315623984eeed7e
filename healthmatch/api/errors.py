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

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings


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
