"""Durations the way people read them: "18 days", "5 hours", "40 minutes", in the reader's
language with its plurals. One function for every page, email and admin screen; the template
filter ``{% load durations %}{{ value|duration }}`` (healthmatch/accounts/templatetags) calls it.
Exports (CSV, API) keep raw numbers and name the unit in their header instead."""

import datetime

from django.utils.translation import gettext, ngettext

MINUTE, HOUR, DAY = 60, 60 * 60, 24 * 60 * 60
# Up to three hours a duration reads in hours and minutes ("1 hour 30 minutes"), up to two days
# in hours ("36 hours"), up to about three months in days ("18 days"), beyond that in months
# of 30 days ("4 months").
MIXED_UP_TO = 3 * HOUR
HOURS_UP_TO = 2 * DAY
DAYS_UP_TO = 90 * DAY
MONTH = 30 * DAY


def as_seconds(value) -> float | None:
    """Seconds of a ``timedelta`` or a number of seconds; None for None or anything else."""
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def humanise_duration(value) -> str:
    """``value`` (a ``timedelta`` or seconds) in its largest readable unit, rounded: "18 days",
    "5 hours", "40 minutes", "less than a minute". "" for None."""
    seconds = as_seconds(value)
    if seconds is None:
        return ""
    seconds = abs(seconds)
    if seconds < MINUTE:
        return gettext("less than a minute")
    if seconds < HOUR:
        count = max(round(seconds / MINUTE), 1)
        if count < 60:
            return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}
    if seconds < MIXED_UP_TO:
        whole, minutes = divmod(round(seconds / MINUTE), 60)
        if minutes:  # "1 hour 30 minutes": a meeting's length is not rounded to hours
            return gettext("%(hours)s %(minutes)s") % {
                "hours": _hours(whole),
                "minutes": ngettext("%(count)d minute", "%(count)d minutes", minutes)
                % {"count": minutes},
            }
        return _hours(whole)
    if seconds < HOURS_UP_TO:
        return _hours(max(round(seconds / HOUR), 1))
    if seconds < DAYS_UP_TO:
        count = round(seconds / DAY)
        return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
    count = round(seconds / MONTH)
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def _hours(count: int) -> str:
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


def hours(value: float | None) -> datetime.timedelta | None:
    """A number of hours (as the reports compute them) as a ``timedelta``."""
    return None if value is None else datetime.timedelta(hours=value)
