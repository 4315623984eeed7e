"""Match cards on pages owned by other apps, without those apps importing matching:
``{% include "matching/_need_suggestions.html" %}`` on the need page loads this tag."""

from django import template

from matching import cards

register = template.Library()


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
