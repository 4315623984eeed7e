"""``{% load durations %}``: ``{{ value|duration }}`` for a ``timedelta`` or seconds,
``{{ value|hours_duration }}`` and ``{{ value|minutes_duration }}`` for numbers of hours and of
minutes; all read "18 days", "1 hour 30 minutes" (healthmatch/durations.py)."""

from django import template

from healthmatch.durations import hours, humanise_duration

register = template.Library()


@register.filter
def duration(value) -> str:
    return humanise_duration(value)


@register.filter
def hours_duration(value) -> str:
    return humanise_duration(hours(value))


@register.filter
def minutes_duration(value) -> str:
    """A number of minutes ("90" reads "1 hour 30 minutes")."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return humanise_duration(value * 60)
