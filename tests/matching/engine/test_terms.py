"""Which shared terms a person is shown: no numbers, units or stop words of any language."""

import pytest

from matching.engine.terms import is_meaningful, meaningful_terms


@pytest.mark.parametrize(
    "term",
    ["2", "30", "1.5", "2,5", "24/7", "2nd", "10mg", "24h"],
)
def test_numbers_and_quantities_are_not_meaningful(term):
    assert not is_meaningful(term)


@pytest.mark.parametrize(
    "term",
    ["kg", "days", "ml", "mmhg", "dage", "timmar", "uker", "måneder", "minutes", "år"],
)
def test_units_in_every_language_are_not_meaningful(term):
    assert not is_meaningful(term)


@pytest.mark.parametrize(
    "term",
    ["the", "with", "og", "ikke", "och", "inte", "ikkje", "hvordan", "där", "x", "get", "three"],
)
def test_stop_words_of_every_language_and_generic_words_are_not_meaningful(term):
    assert not is_meaningful(term)


@pytest.mark.parametrize("term", ["fall", "radar", "telemedicin", "3d", "5g", "dpia", "iso"])
def test_words_that_say_what_it_is_about_are_kept(term):
    assert is_meaningful(term)


def test_meaningful_terms_keep_order_drop_duplicates_and_stop_at_the_limit():
    terms = ["2", "fall", "kg", "radar", "30", "days", "Fall", "og", "night", "sensor"]
    assert meaningful_terms(terms) == ["fall", "radar", "night", "sensor"]
    assert meaningful_terms(terms, limit=2) == ["fall", "radar"]
    assert meaningful_terms(None) == []
