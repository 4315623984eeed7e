"""Turning a service's refusal into what the user sees: errors on a form, or one line of text
for a flash message. Every app's views and admin use these two, so a refusal reads the same
everywhere.

Services refuse with ``ValidationError`` (bad data or a wrong state; a dict of them names the
fields) or ``PermissionDenied`` (the actor may not do this; its message, when it has one, is
the whole explanation).
"""

from django.core.exceptions import PermissionDenied, ValidationError


def error_text(error: ValidationError | PermissionDenied) -> str:
    """All the messages of ``error`` as one line: a ValidationError's messages joined by a
    space (field names dropped), or a PermissionDenied's message."""
    return " ".join(getattr(error, "messages", None) or [str(error)])


def apply_errors(form, error: ValidationError | PermissionDenied) -> None:
    """Put ``error`` on ``form``: each field's messages next to that field when the form has
    it, everything else (and a PermissionDenied) on top of the form."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, error_text(error))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
