"""Full-text search over needs.

Title and summary are public for every listed need, so they are always searched. The
description and success criteria are searched only for needs whose details the user may read
(``Need.objects.details_visible_to``): a word that appears only in a confidential description
must never make that need turn up.

PostgreSQL: weighted search vectors (A title, B summary, C description and success criteria),
a websearch query and rank ordering. Other databases (SQLite in development and tests): every
word must occur, case-insensitively, in one of the same fields.
"""

from django.db import connection
from django.db.models import Case, Q, When

from needs.access import detail_needs_q
from needs.models import Need

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
CONFIG = "simple"

PUBLIC_FIELDS = ("title", "summary")
DETAIL_FIELDS = ("description", "success_criteria")


def normalise(query: str) -> str:
    return " ".join((query or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def _detail_pks(user):
    return Need.objects.details_visible_to(user).values("pk")


def search_needs(queryset, query: str, user):
    """Narrow ``queryset`` to needs matching ``query`` as seen by ``user``."""
    query = normalise(query)
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, query, user)
    return _search_fallback(queryset, query, user)


def public_vector():
    """Title (A) and summary (B): what everyone may search. Indexed on PostgreSQL (migration
    needs 0005): the query must use this very expression for the index to serve it."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )


def full_vector():
    """The public part plus description and success criteria (C): for readers of the details.
    Indexed like ``public_vector``."""
    from django.contrib.postgres.search import SearchVector

    return (
        public_vector()
        + SearchVector("description", weight="C", config=CONFIG)
        + SearchVector("success_criteria", weight="C", config=CONFIG)
    )


def _search_postgres(queryset, query, user):
    """Matching needs through the two GIN indexes (a word in the public part, or in the full
    text of a need the user may read); the rank is computed for those alone."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    queryset = queryset.alias(search_public=public_vector())
    found = Q(search_public=search_query)
    if user.is_authenticated:
        queryset = queryset.alias(search_full=full_vector())
        readable = detail_needs_q(user)  # one need's own row decides (needs/access.py)
        found |= Q(search_full=search_query) & readable
        vector = Case(
            When(readable, then=full_vector()),
            default=public_vector(),
            output_field=SearchVectorField(),
        )
    else:
        vector = public_vector()
    return (
        queryset.filter(found)
        .annotate(search_rank=SearchRank(vector, search_query))
        .order_by("-search_rank", "-published_at", "-pk")
    )


def _any_field(term, fields):
    q = Q()
    for field in fields:
        q |= Q(**{f"{field}__icontains": term})
    return q


def _search_fallback(queryset, query, user):
    terms = [t.strip("\"'") for t in query.split()]
    terms = [t for t in terms if t and t.lower() not in ("or", "and") and not t.startswith("-")]
    detail_pks = _detail_pks(user) if user.is_authenticated else None
    for term in terms[:MAX_TERMS]:
        q = _any_field(term, PUBLIC_FIELDS)
        if detail_pks is not None:
            q |= Q(pk__in=detail_pks) & _any_field(term, DETAIL_FIELDS)
        queryset = queryset.filter(q)
    return queryset
