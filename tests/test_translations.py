"""The catalogues in locale/ (the source of every translation): complete, not fuzzy, with the
English placeholders and the language's plural forms."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "locale"
LANGUAGES = ("da", "sv", "nb")
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdfi]|%[sdfi]|\{[A-Za-z_][A-Za-z0-9_]*\}")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)

    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 1000


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language):
    wrong = []
    for entry in catalogue(language).translated_entries():
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            # The singular form may say "one" instead of showing the count.
            expected = [placeholders(entry.msgid), placeholders(entry.msgid_plural)]
            got = [placeholders(forms[0]), placeholders(forms[-1])]
            if got[1] != expected[1] or not set(got[0]) <= set(expected[1]):
                wrong.append(entry.msgid)
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_the_languages_two_forms(language):
    po = catalogue(language)

    assert po.metadata["Plural-Forms"] == PLURAL_FORMS
    assert all(len(entry.msgstr_plural) == 2 for entry in po if entry.msgid_plural)


@pytest.mark.parametrize(("language", "word"), [("da", "Behov"), ("sv", "Behov"), ("nb", "Behov")])
def test_the_compiled_catalogue_is_what_django_uses(language, word):
    # make install compiled the .po files; Django reads the .mo.
    with translation.override(language):
        assert translation.gettext("Needs") == word


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "needs", "sign_in"),
    [("da", "Behov", "Log ind"), ("sv", "Behov", "Logga in"), ("nb", "Behov", "Logg inn")],
)
def test_the_needs_list_is_shown_in_the_browsers_language(client, language, needs, sign_in):
    response = client.get("/needs/", HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert f">{needs}<" in html and sign_in in html
    assert ">Needs<" not in html
