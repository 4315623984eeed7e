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
from django.db.models import Case, F, Q, When

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


def _search_postgres(queryset, query, user):
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        SearchVectorField,
    )

    public = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )
    full = (
        public
        + SearchVector("description", weight="C", config=CONFIG)
        + SearchVector("success_criteria", weight="C", config=CONFIG)
    )
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    if user.is_authenticated:
        vector = Case(
            When(pk__in=_detail_pks(user), then=full),
            default=public,
            output_field=SearchVectorField(),
        )
    else:
        vector = public
    return (
        queryset.annotate(search_vector=vector)
        .filter(search_vector=search_query)
        .annotate(search_rank=SearchRank(F("search_vector"), search_query))
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
