"""Match cards on pages owned by other apps, without those apps importing matching:
``{% include "matching/_need_suggestions.html" %}`` on the need page loads this tag; and the
``match_score`` filter every page and email shows a score with."""

from django import template

from matching import cards, score_format
from matching.lifecycle.services import in_progress_for

register = template.Library()


@register.filter
def match_score(score) -> str:
    """``{{ match.score|match_score }}`` -> "49 % match": the one form of a score on pages and in
    emails (matching.score_format)."""
    return score_format.match_score(score)


@register.inclusion_tag("matching/_suggested_companies.html", takes_context=True)
def need_suggestions(context, need):
    request = context.get("request")
    user = getattr(request, "user", None)
    suggestions = cards.need_suggestions(need, user) if user is not None else None
    return {
        "need": need,
        "cards": suggestions,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("lifecycle/_in_progress.html", takes_context=True)
def matches_in_progress(context, need=None):
    """The user's matches past the suggestion stage (of one need, if given), with links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    matches = list(in_progress_for(user, need)) if user and user.is_authenticated else []
    return {"matches": matches, "need": need}
