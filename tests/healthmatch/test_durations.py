"""Durations read the way people read them: the largest sensible unit, rounded, with plurals."""

import datetime

import pytest
from django.template import Context, Template

from healthmatch.durations import hours, humanise_duration


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (datetime.timedelta(hours=437.9), "18 days"),
        (datetime.timedelta(hours=5.2), "5 hours"),
        (datetime.timedelta(minutes=90), "1 hour 30 minutes"),
        (datetime.timedelta(hours=2, minutes=1), "2 hours 1 minute"),
        (datetime.timedelta(hours=2, seconds=10), "2 hours"),
        (datetime.timedelta(hours=1), "1 hour"),
        (datetime.timedelta(hours=36), "36 hours"),
        (datetime.timedelta(days=1, hours=23, minutes=59), "48 hours"),
        (datetime.timedelta(days=2), "2 days"),
        (datetime.timedelta(minutes=40), "40 minutes"),
        (datetime.timedelta(minutes=1), "1 minute"),
        (datetime.timedelta(minutes=59, seconds=50), "1 hour"),
        (datetime.timedelta(seconds=20), "less than a minute"),
        (datetime.timedelta(days=1), "24 hours"),
        (datetime.timedelta(days=200), "7 months"),
        (24 * 60 * 60, "24 hours"),  # seconds
        (None, ""),
    ],
)
def test_humanise_duration_uses_the_largest_readable_unit(value, text):
    assert humanise_duration(value) == text


def test_template_filters_read_timedeltas_seconds_and_hours():
    template = Template(
        "{% load durations %}{{ a|duration }} / {{ b|hours_duration }} / {{ c|minutes_duration }}"
    )
    assert template.render(Context({"a": 2400, "b": 437.9, "c": 90})) == (
        "40 minutes / 18 days / 1 hour 30 minutes"
    )
    assert hours(1.5) == datetime.timedelta(minutes=90)
