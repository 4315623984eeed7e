"""``{% load event_time %}``: ``{% if event.starts_at|is_past %}`` for links that only make
sense once something has begun (the feedback page)."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def is_past(moment) -> bool:
    return moment is not None and moment <= timezone.now()
