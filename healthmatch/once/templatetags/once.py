"""``{% once_token %}``: a hidden input with a fresh one-time token for the form it is in.
Registered as a builtin (settings.TEMPLATES), so templates need no ``{% load %}``."""

from django import template
from django.utils.html import format_html

from healthmatch.once import services

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return format_html(
        '<input type="hidden" name="{}" value="{}">', services.FIELD, services.mint(user)
    )
