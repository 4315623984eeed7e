"""A need's teaser (templates/needs/includes/need_teaser.html), rendered once per language and
kept in the cache: the needs list shows 20 of them on every page view, and a teaser is the same
for everyone who may see it (it holds only the public part of a need).

A teaser's key names everything it shows: the need's ``updated_at`` (any edit, a tag change or
a term renamed under it), its status and deadline (changed in bulk without touching
``updated_at`` by the closing task and the demo), the language, and the catalogue's version
(organisation names, term names in every language: healthmatch/accounts/versions.py). Tags are
fetched only for the teasers the cache did not have.
"""

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from healthmatch.accounts.versions import catalogue_version

TEMPLATE = "needs/includes/need_teaser.html"
TAGS = ("clinical_areas", "technology_types")  # what a teaser shows of the tags
SECONDS = 24 * 3600


def teaser_key(need, language: str, version: str) -> str:
    stamp = need.updated_at.isoformat() if need.updated_at else "-"
    deadline = need.response_deadline.isoformat() if need.response_deadline else "-"
    return f"needs:teaser:{need.pk}:{stamp}:{need.status}:{deadline}:{language}:{version}"


def render_teasers(needs, version: str | None = None) -> list:
    """The teasers of ``needs`` (selected with organisation and region), in order, as HTML.
    ``version``: the catalogue's, when the caller read it already for the same page."""
    needs = list(needs)
    if not needs:
        return []
    language, version = get_language(), version or catalogue_version()
    keys = [teaser_key(need, language, version) for need in needs]
    found = cache.get_many(keys)
    missing = [need for need, key in zip(needs, keys, strict=True) if key not in found]
    if missing:
        prefetch_related_objects(missing, *TAGS)
        fresh = {
            teaser_key(need, language, version): render_to_string(TEMPLATE, {"need": need})
            for need in missing
        }
        cache.set_many(fresh, SECONDS)
        found.update(fresh)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308 (rendered by our template)
