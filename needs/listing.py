"""The needs list's body (filter sidebar, count, teasers, pages), kept whole in the cache: the
list is what people browse all day, and the same filters give everyone the same body (issue
16). A hit costs one cache read instead of the filter form, two queries and the template.

The key names all the body shows and depends on:
- the language, and whether the reader is signed in (the note to log in);
- the catalogue's version (organisation, hub and term names: healthmatch/accounts/versions.py);
- the listing's version, which changes on any save or delete of a need, a change of a need's
  tags and any change of an invitation; bulk updates of needs call ``bump_listing``;
- the query string, page included, and today's date (a filter counts days from today);
- for a search only, who searches: a search reads the full text of the needs the reader may see
  in full (needs/search.py), so its key holds the reader, their memberships and staff status.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from healthmatch import versioned
from healthmatch.accounts import versions

KEY = "needs:listing-version"
SECONDS = 3600


def versions_now() -> tuple[str, str]:
    """The catalogue's and the listing's versions, in one round trip."""
    found = cache.get_many([versions.KEY, KEY])
    catalogue = found.get(versions.KEY) or versions.catalogue_version()
    return catalogue, found.get(KEY) or versioned.current(KEY)


def bump_listing(*args, **kwargs) -> None:
    """A signal receiver too (needs/apps.py)."""
    versioned.bump(KEY)


def reader_key(request, memberships) -> str:
    """Who reads, as far as a search's results depend on it."""
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    rows = ",".join(f"{m.pk}.{m.organisation_id}.{m.role}" for m in memberships)
    return f"{user.pk}:{int(user.is_staff)}:{int(user.is_superuser)}:{rows}"


def _digest(request, memberships, querystring: str) -> str:
    reader = reader_key(request, memberships) if request.GET.get("q") else "-"
    return hashlib.md5(f"{reader}|{querystring}".encode()).hexdigest()  # noqa: S324 (a key)


def count_key(request, memberships, listing: str, querystring: str) -> str:
    """The count of a list (its query string without the page) at the listing's version."""
    today = timezone.localdate().isoformat()
    return f"needs:count:{listing}:{today}:{_digest(request, memberships, querystring)}"


def body_key(request, memberships, catalogue: str, listing: str) -> str:
    digest = _digest(request, memberships, request.GET.urlencode())
    signed_in = int(request.user.is_authenticated)
    today = timezone.localdate().isoformat()
    return f"needs:list-body:{get_language()}:{catalogue}:{listing}:{signed_in}:{today}:{digest}"
