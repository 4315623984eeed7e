"""Every API list is paginated. Lists that can grow long (needs, capabilities, matches, bids,
webhook deliveries) use cursors: stable under inserts and fast at any depth. Short, bounded lists
(taxonomy, an event's sessions) may use numbered pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, PageNumberPagination


class CursorPage(CursorPagination):
    """Newest first by default; a view sets ``ordering`` (or the ``ordering`` query parameter
    through OrderingFilter) to a unique, indexed field combination ending in ``pk``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"

    def get_page_size(self, request):
        # DRF ignores a page size that is not a number; the schema says it is an integer.
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and not value.strip().lstrip("-").isdigit():
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Enter a whole number.")]}
            )
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor is opaque but not signed: one whose position does not fit the ordering's
        # field (a date that is not a date) is an unknown cursor, not a server error.
        if not request.query_params.get(self.cursor_query_param):
            return super().paginate_queryset(queryset, request, view)
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None


class NumberedPage(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
