"""Match cards on pages owned by other apps, without those apps importing matching:
``{% include "matching/_need_suggestions.html" %}`` on the need page loads this tag; and the
``match_score`` filter every page and email shows a score with."""

from django import template

from healthmatch.accounts.models import Membership
from matching import cards, score_format
from matching.lifecycle.services import in_progress_for
from matching.notify.preferences import current_preference, how_you_hear

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


@register.inclusion_tag("notifications/_how_you_hear.html", takes_context=True)
def match_emails_notice(context, need=None, capability=None):
    """On a submitted or published need, or a published capability, to the members of its
    organisation (they are the ones match emails go to): when and how they hear about matches,
    from their own preference, with a link to change it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    need = need or None  # a name the including page does not have renders as ""
    if need is not None:
        organisation_id, shown = need.organisation_id, need.status in ("submitted", "published")
    elif capability:
        organisation_id = capability.company.organisation_id
        shown = capability.status == "published"
    else:
        shown = False
    if not shown or user is None or not user.is_authenticated:
        return {"sentence": None}
    if not Membership.objects.active().filter(user=user, organisation_id=organisation_id).exists():
        return {"sentence": None}
    return {
        "sentence": how_you_hear(current_preference(user)),
        "awaiting_publication": need is not None and need.status == "submitted",
    }
