"""Filter parts the API's lists share: query parameters as strict as the schema says they are.

The pages' filters forgive (an empty or odd value means "any"): a form in a browser sends every
field. An API client sends what it means, so a value that is not what the schema promises is a
400 naming the parameter, never silently ignored.
"""

import django_filters
from django.utils.translation import gettext_lazy as _


class StrictBooleanFilter(django_filters.ChoiceFilter):
    """``true`` or ``false``, and a 400 for anything else (DRF's BooleanFilter ignores it).
    Its method receives the string; declare it boolean in the schema with
    ``@extend_schema_field(OpenApiTypes.BOOL)`` on the method."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[("true", _("Yes")), ("false", _("No"))], **kwargs)


class NoBlankValues:
    """A FilterSet mixin: a parameter given empty (``?region=``) is a 400, except for text
    (``search=`` is no search)."""

    def is_valid(self):
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.CharFilter) or name not in self.data:
                continue
            if any(value == "" for value in self.data.getlist(name)):
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid
