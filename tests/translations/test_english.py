"""The English finder itself (tests/translations/english.py): it finds what it must, in the
places people see, and leaves alone the words the languages share and what is not the page's."""

import pytest

from tests.translations.english import LANGUAGES, english_in_page, english_strings, find_english


def page(body, language="da"):
    return f'<html lang="{language}"><head><title>Behov</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_gives_english_to_look_for(language):
    strings = english_strings(language)

    assert len(strings) > 1500
    assert "Email preferences" in strings  # ours
    assert "Please correct the error below" in strings  # Django's admin
    for shared in ("HealthMatch", "ISO 13485", "E-mail", "TRL", "API"):
        assert shared not in strings


@pytest.mark.parametrize(
    "body",
    [
        "<p>Behov og <a>Email preferences</a></p>",
        '<button type="submit">Save draft</button>',
        '<input type="submit" value="Save draft">',
        '<a title="Email preferences" href="/">?</a>',
        '<input type="search" placeholder="Email preferences">',
        '<nav aria-label="Email preferences"></nav>',
        '<img alt="Email preferences" src="/a.png">',
        "<select><option>Save draft</option></select>",
    ],
)
def test_a_source_string_shown_anywhere_people_see_it_is_found(body):
    assert english_in_page(page(body), "da") != []


@pytest.mark.parametrize(
    "text",
    ["Please check the form below.", "Svar senest 12 May 2027", "Oct 15, 2027"],
)
def test_unmarked_english_and_english_dates_are_found(text):
    assert find_english([text], "da") != []


@pytest.mark.parametrize(
    "body",
    [
        '<p lang="en">Email preferences</p>',
        '<script>const label = "Email preferences";</script>',
        '<select id="lang-select"><option>English</option><option>Dansk</option></select>',
        "<textarea>Please write the email preferences here.</textarea>",
        '<input type="text" value="Email preferences">',
        "<p>Se https://example.org/your-email-preferences/ eller skriv til the@example.org</p>",
        "<p>E-mailindstillinger · HealthMatch · ISO 13485 · 12 maj 2027 · 15 okt. 2027</p>",
    ],
)
def test_what_is_not_the_pages_own_english_is_left_alone(body):
    assert english_in_page(page(body), "da") == []
