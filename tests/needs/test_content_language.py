"""Content keeps its own language: a need written in Danish is marked lang="da" wherever its
words are shown, while the page around it follows the viewer; a new need starts in the language
its author reads the site in."""

import pytest
from django.urls import reverse

from needs.services import content_language
from tests import factories as f
from tests.bidi import places

pytestmark = pytest.mark.django_db


@pytest.fixture
def danish_need(buyer_org):
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        language="da",
        title="Færre fald om natten",
        summary="Vi leder efter en måde at opdage fald på, før de sker.",
        description="Nattevagterne er få, og sengealarmerne giver mange falske alarmer.",
        success_criteria="Halvt så mange fald på et år.",
    )


def langs_of(html, text):
    """The lang attributes around the first place ``text`` shows, innermost first."""
    found = places(html, text)
    assert found, text
    element = found[0]
    return [e.attrs["lang"] for e in [element, *element.ancestors()] if e.attrs.get("lang")]


def test_a_danish_need_is_marked_danish_in_an_english_page(client, company_member, danish_need):
    company_member.language = "en"
    company_member.save()
    client.force_login(company_member)

    detail = client.get(danish_need.get_absolute_url()).content.decode()

    assert '<html lang="en"' in detail
    for text in (danish_need.title, "Vi leder efter", "Nattevagterne", "Halvt så mange"):
        assert langs_of(detail, text)[0] == "da", text
    listing = client.get(reverse("needs:list")).content.decode()
    assert langs_of(listing, danish_need.title)[0] == "da"
    assert langs_of(listing, "Vi leder efter")[0] == "da"


def test_the_words_around_it_follow_the_viewer(client, company_member, danish_need):
    company_member.language = "sv"
    company_member.save()
    client.force_login(company_member)

    detail = client.get(danish_need.get_absolute_url()).content.decode()

    assert '<html lang="sv"' in detail
    # The page's own headings carry no lang of the need's.
    assert langs_of(detail, "Hur ett lyckat resultat ser ut") == ["sv"]


@pytest.mark.parametrize(
    ("code", "expected"), [("da", "da"), ("nb-no", "nb"), ("sv", "sv"), ("pt", "en"), ("", "en")]
)
def test_a_new_need_starts_in_the_authors_language(code, expected):
    assert content_language(code) == expected


def test_the_need_form_offers_the_authors_language_first(client, owner):
    owner.language = "nb"
    owner.save()
    client.force_login(owner)

    form = client.get(reverse("needs:create")).context["form"]

    assert form["language"].value() == "nb"
