"""Every API list is paginated. Lists that can grow long (needs, capabilities, matches, bids,
webhook deliveries) use cursors: stable under inserts and fast at any depth. Short, bounded lists
(taxonomy, an event's sessions) may use numbered pages."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class CursorPage(CursorPagination):
    """Newest first by default; a view sets ``ordering`` (or the ``ordering`` query parameter
    through OrderingFilter) to a unique, indexed field combination ending in ``pk``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"


class NumberedPage(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
