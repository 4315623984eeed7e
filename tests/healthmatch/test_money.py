"""Amounts of money in the reader's language (healthmatch/money.py) and on a bid's page."""

from decimal import Decimal

import pytest
from django.utils import translation

from healthmatch.money import format_money, format_price_range

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "currency", "written"),
    [
        ("da", "DKK", "1.250.000 kr."),
        ("sv", "SEK", "1 250 000 kr"),
        ("nb", "NOK", "1 250 000 kr"),
        ("en", "DKK", "DKK 1,250,000"),
        ("en", "EUR", "€1,250,000"),
        ("da", "EUR", "1.250.000 €"),
        # Another country's krone keeps its code: "kr" would read as the reader's own.
        ("sv", "DKK", "1 250 000 DKK"),
        ("nb", "SEK", "1 250 000 SEK"),
    ],
)
def test_amounts_follow_the_readers_language(language, currency, written):
    with translation.override(language):
        shown = format_money(Decimal("1250000"), currency)

    assert shown.replace(NBSP, " ") == written


def test_cents_are_shown_only_when_there_are_some():
    with translation.override("da"):
        assert format_money(Decimal("1250.50"), "DKK").replace(NBSP, " ") == "1.250,50 kr."
        assert format_money(None, "DKK") == ""


def test_a_range_with_one_end_open():
    with translation.override("da"):
        assert format_price_range(Decimal(100000), None, "DKK").replace(NBSP, " ") == (
            "100.000 kr. – …"
        )
        assert format_price_range(5, 5, "DKK").replace(NBSP, " ") == "5 kr."
