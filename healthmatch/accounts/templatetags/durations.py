"""``{% load durations %}``: ``{{ value|duration }}`` for a ``timedelta`` or seconds, and
``{{ value|hours_duration }}`` for a number of hours; both read "18 days"
(healthmatch/durations.py)."""

from django import template

from healthmatch.durations import hours, humanise_duration

register = template.Library()


@register.filter
def duration(value) -> str:
    return humanise_duration(value)


@register.filter
def hours_duration(value) -> str:
    return humanise_duration(hours(value))
