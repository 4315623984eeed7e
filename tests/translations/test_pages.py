"""The main pages of each role, in Danish, Swedish and Norwegian, show no English: neither a
source string of the catalogues (an unmarked or untranslated string, a choice label, a message
built in Python without gettext) nor an English sentence nobody marked at all. Signed-in people
get their own language (User.language); visitors the one of their cookie and browser.

The world's content is Danish (tests/translations/conftest.py), so the checks read everything
the page shows except what a person typed into a form field."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import reverse

from matching.lifecycle import services as lifecycle
from tests.once import once
from tests.translations.english import LANGUAGES, english_in_page


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # visitor, buyer, company or coordinator
    url: Callable
    post: Callable | None = None  # (world, client): form data with errors, to see them shown
    prepare: Callable | None = None  # (world): what must happen before the page is asked for


def _approve(world):
    lifecycle.approve(world.match, by=world.coordinator)


PAGES = [
    # Anyone
    Page("home", "visitor", lambda w: reverse("home")),
    Page("needs list, filtered", "visitor", lambda w: reverse("needs:list") + "?status=all&q=fald"),
    Page("need detail", "visitor", lambda w: w.need.get_absolute_url()),
    Page("events list", "visitor", lambda w: reverse("events:list")),
    Page("event detail", "visitor", lambda w: reverse("events:detail", args=[w.event.pk])),
    Page("privacy notice", "visitor", lambda w: reverse("privacy:notice")),
    Page("sign up", "visitor", lambda w: reverse("account_signup")),
    Page(
        "sign up with errors",
        "visitor",
        lambda w: reverse("account_signup"),
        post=lambda w, c: {"email": "ikke-en-adresse", "password1": "kort", "password2": "anden"},
    ),
    Page("log in", "visitor", lambda w: reverse("account_login")),
    Page(
        "log in with errors",
        "visitor",
        lambda w: reverse("account_login"),
        post=lambda w, c: {"login": "birgitte@sygehus.example", "password": "forkert-kodeord"},
    ),
    Page("password reset", "visitor", lambda w: reverse("account_reset_password")),
    # The hospital (buyer)
    Page("home", "buyer", lambda w: reverse("home")),
    Page("dashboard", "buyer", lambda w: reverse("dashboard")),
    Page(
        "needs list, filtered",
        "buyer",
        lambda w: reverse("needs:list") + f"?clinical_area={w.area.pk}&language=da&trl=5",
    ),
    Page("need detail", "buyer", lambda w: w.need.get_absolute_url()),
    Page("need form", "buyer", lambda w: reverse("needs:create")),
    Page(
        "need form with errors",
        "buyer",
        lambda w: reverse("needs:create"),
        post=lambda w, c: once(c, {"title": "", "min_trl": "12", "response_deadline": "i går"}),
    ),
    Page("match detail", "buyer", lambda w: reverse("lifecycle:detail", args=[w.match.pk])),
    Page("bids on the need", "buyer", lambda w: reverse("bids:need_bids", args=[w.need.pk])),
    Page("bid detail", "buyer", lambda w: reverse("bids:detail", args=[w.bid.pk])),
    Page("events list", "buyer", lambda w: reverse("events:list")),
    Page("event detail", "buyer", lambda w: reverse("events:detail", args=[w.event.pk])),
    Page("account privacy", "buyer", lambda w: reverse("privacy:account")),
    Page("email preferences", "buyer", lambda w: reverse("notifications:preferences")),
    # The company
    Page("home", "company", lambda w: reverse("home")),
    Page("dashboard (needs for you)", "company", lambda w: reverse("dashboard")),
    Page("companies directory", "company", lambda w: reverse("companies:directory")),
    Page("company profile", "company", lambda w: reverse("companies:profile", args=["sensorik"])),
    Page("capability form", "company", lambda w: reverse("companies:capability_create")),
    Page(
        "capability form with errors",
        "company",
        lambda w: reverse("companies:capability_create"),
        post=lambda w, c: once(c, {"title": "", "trl": "15", "kind": "noget"}),
    ),
    Page(
        "capability detail",
        "company",
        lambda w: reverse("companies:capability_detail", args=[w.capability.pk]),
    ),
    Page("match detail", "company", lambda w: reverse("lifecycle:detail", args=[w.match.pk])),
    Page("bid form", "company", lambda w: reverse("bids:create", args=[w.other_need.pk])),
    Page(
        "bid form with errors",
        "company",
        lambda w: reverse("bids:create", args=[w.other_need.pk]),
        post=lambda w, c: once(c, {"summary": "", "price_min": "900", "price_max": "100"}),
    ),
    Page("bid detail", "company", lambda w: reverse("bids:detail", args=[w.bid.pk])),
    Page("my bids", "company", lambda w: reverse("bids:mine")),
    Page("need detail", "company", lambda w: w.need.get_absolute_url()),
    # The hub's coordinator
    Page(
        "curation queue",
        "coordinator",
        lambda w: reverse("admin:matching_curationqueueitem_changelist"),
    ),
    Page(
        "introduction",
        "coordinator",
        lambda w: reverse("admin:matching_match_lifecycle_introduction", args=[w.match.pk]),
        prepare=_approve,
    ),
    Page("dashboard", "coordinator", lambda w: reverse("dashboard")),
    Page("admin home", "coordinator", lambda w: reverse("admin:index")),
    Page(
        "need in the admin",
        "coordinator",
        lambda w: reverse("admin:needs_need_change", args=[w.need.pk]),
    ),
]


def _sign_in(client, world, page, language):
    if page.role == "visitor":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return {"HTTP_ACCEPT_LANGUAGE": language}
    user = {"buyer": world.buyer, "company": world.seller, "coordinator": world.coordinator}
    client.force_login(user[page.role])  # they speak ``language`` (the world's making)
    # The browser asks for English: the person's own language wins.
    return {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.role}: {p.name}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_shows_no_english(client, world, language, page):
    headers = _sign_in(client, world, page, language)
    if page.prepare:
        page.prepare(world)
    url = page.url(world)

    if page.post:
        response = client.post(url, page.post(world, client), **headers)
    else:
        response = client.get(url, **headers)

    assert response.status_code == 200, response.get("Location")
    if page.post:
        assert b"data-error-summary" in response.content  # the errors are shown

    english = english_in_page(response.content.decode(), language)
    assert not english, "English on the page:\n" + "\n".join(english)
