"""Amounts of money as the reader's language writes them: 1.250.000 kr. in Danish, 1 250 000 kr
in Swedish, 1 250 000 kr in Norwegian, DKK 1,250,000 in English.

A krone sign is used only for the reader's own currency (a Swede reading "kr" thinks of SEK):
other currencies keep their ISO code, except the euro, which everyone writes €."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language

# The currency each language's readers mean by their own krone sign, and how they write it.
HOME_CURRENCY = {"da": ("DKK", "kr."), "sv": ("SEK", "kr"), "nb": ("NOK", "kr")}
EURO = "EUR"
NBSP = "\xa0"


def _number(amount) -> str:
    amount = Decimal(str(amount))
    places = 0 if amount == amount.to_integral_value() else 2
    return formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_money(amount, currency: str) -> str:
    """``amount`` of ``currency`` (an ISO code) in the active language; "" for None."""
    if amount is None or amount == "":
        return ""
    currency = (currency or "").upper()
    number = _number(amount)
    language = (get_language() or "en").split("-")[0]
    if language not in HOME_CURRENCY:
        sign = "€" if currency == EURO else f"{currency}{NBSP}"
        return f"{sign}{number}"
    home, sign = HOME_CURRENCY[language]
    if currency == home:
        return f"{number}{NBSP}{sign}"
    return f"{number}{NBSP}{'€' if currency == EURO else currency}"


def format_price_range(low, high, currency: str) -> str:
    """ "1.000 kr. – 5.000 kr.", or one end ("fra"/"til" are left to the label around it)."""
    ends = [format_money(value, currency) if value is not None else "…" for value in (low, high)]
    if low is not None and low == high:
        return ends[0]
    return f"{ends[0]} – {ends[1]}"
