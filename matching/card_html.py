"""The body of a "Needs for you" card (templates/matching/_needs_for_you_card.html): the need,
the score and why it is suggested, kept in the cache (issue 16). A company's dashboard shows up
to five cards per capability, and their explanations were most of its rendering time.

The key is made of everything the body shows, so an entry can never be out of date: the match's
score, factors, gaps, shared terms and both sides' answers; the need's ``updated_at`` (its
title, summary and language), status and confidentiality; whether only its teaser may be shown;
the language; and the catalogue's version (organisation and regulatory names). The interest
form, with its CSRF token, is rendered around it on every request.
"""

import hashlib
import json

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from healthmatch.accounts.versions import catalogue_version

TEMPLATE = "matching/_needs_for_you_card.html"
SECONDS = 24 * 3600


def card_key(card, language: str, catalogue: str) -> str:
    match, need = card.match, card.match.need
    shown = [
        match.pk,
        str(match.score),
        match.factors,
        match.gaps,
        match.shared_terms,
        match.buyer_interest,
        match.company_interest,
        need.pk,
        need.updated_at.isoformat() if need.updated_at else None,
        need.status,
        need.is_confidential,
        card.teaser_only,
    ]
    digest = hashlib.md5(  # noqa: S324 (a cache key, not a secret)
        json.dumps(shown, sort_keys=True, default=str).encode()
    ).hexdigest()
    return f"matching:card:{language}:{catalogue}:{digest}"


def render_card_bodies(groups) -> None:
    """Give each card of ``groups`` (cards.needs_for_company_member) its ``body``: one cache
    read for all of them, the missing ones rendered and stored."""
    cards = [card for group in groups for card in group.cards]
    if not cards:
        return
    language, catalogue = get_language(), catalogue_version()
    keys = [card_key(card, language, catalogue) for card in cards]
    found = cache.get_many(keys)
    fresh = {
        key: render_to_string(TEMPLATE, {"card": card})
        for card, key in zip(cards, keys, strict=True)
        if key not in found
    }
    if fresh:
        cache.set_many(fresh, SECONDS)
        found.update(fresh)
    for card, key in zip(cards, keys, strict=True):
        card.body = mark_safe(found[key])  # noqa: S308 (rendered by our template)
