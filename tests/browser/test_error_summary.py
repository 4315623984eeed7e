"""After a failed submit, focus lands on the error summary on top of the form, which lists each
error with a link to its field; following a link moves focus to that field. By keyboard, at
1280 px and 390 px.

Screenshots: var/screenshots/test_error_summary_*/.
"""

import pytest
from playwright.sync_api import expect

from healthmatch.accounts.models import Membership
from needs.models import Need
from tests import factories as f
from tests.browser.test_page_tour import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def hanne(db):
    hospital = f.OrganisationFactory(name="Odense University Hospital")
    user = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=user, organisation=hospital, role=Membership.Role.ADMIN)
    return user


def focused_is(page, selector):
    return page.evaluate(f"document.activeElement.matches({selector!r})")


@pytest.mark.parametrize("width", [1280, 390])
def test_error_summary_takes_focus_and_links_to_the_fields(journey, hanne, width):
    page = journey.new_page("hospital")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(journey, page, hanne)
    page.goto("/needs/new/")
    page.get_by_label("Summary").fill("A teaser without a title.")
    page.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.bounding_box()["y"] < page.locator("#id_title").bounding_box()["y"]
    link = summary.get_by_role("link", name="Title: This field is required.")
    expect(link).to_be_visible()
    journey.shot(page, "summary")

    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_title")).to_be_focused()
    assert focused_is(page, "#id_title")
    journey.shot(page, "title-field")
    page.keyboard.type("Fewer night-time falls")
    assert not Need.objects.exists()


def test_error_summary_shows_the_forms_own_errors(journey, hanne):
    """A non-field error (a wrong password) has no field to link to: it is a line of text."""
    page = journey.new_page("visitor")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(hanne.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("not correct")
    expect(summary.get_by_role("link")).to_have_count(0)
    journey.shot(page, "login")
