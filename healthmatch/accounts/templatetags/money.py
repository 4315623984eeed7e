"""``{{ amount|money:currency }}`` and ``{% price_range low high currency %}`` for amounts of
money in the reader's language (healthmatch/money.py). Registered as a builtin."""

from django import template

from healthmatch.money import format_money, format_price_range

register = template.Library()


@register.filter
def money(amount, currency):
    return format_money(amount, currency)


@register.simple_tag
def price_range(low, high, currency):
    return format_price_range(low, high, currency)
