"""The site header's menu on a 390 px phone, by keyboard: a real button with aria-expanded and
aria-controls opens the menu, Escape closes it and gives focus back to the button; without
JavaScript the menu's links stay visible. At 1280 px the whole menu shows, without the button.

Screenshots: var/screenshots/test_header_menu_*/.
"""

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.test_page_tour import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def person(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    company = f.OrganisationFactory(name="CareSense ApS", company=True, hub=hub)
    user = f.UserFactory(email="cecilie@caresense.example", name="Cecilie Dahl")
    f.MembershipFactory(user=user, organisation=company)
    return user


def test_header_menu_by_keyboard_at_390_px(journey, person):
    page = journey.new_page("company")
    log_in(journey, page, person)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/needs/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-menu")
    expect(page.get_by_role("link", name="My bids")).to_be_hidden()
    journey.shot(page, "closed")

    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="My bids")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Needs", exact=True)).to_be_focused()
    journey.shot(page, "open")

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.get_by_role("link", name="My bids")).to_be_hidden()

    # The account menu inside the open menu: its own disclosure; Escape closes it first, then
    # the menu.
    page.keyboard.press("Enter")
    summary = page.locator(".account-menu summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Email preferences")).to_be_visible()
    journey.shot(page, "account-open")
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Email preferences")).to_be_hidden()
    expect(summary).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_header_menu_at_1280_px_shows_every_link(journey, person):
    page = journey.new_page("company")
    log_in(journey, page, person)
    page.goto("/needs/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ("Needs", "Events", "Companies", "Dashboard", "My bids"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    journey.shot(page, "wide")


def test_header_menu_without_javascript_keeps_links_visible(journey, browser, person):
    context = browser.new_context(
        base_url=journey.base_url, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    journey.contexts.append(context)
    page = context.new_page()
    log_in(journey, page, person)
    page.goto("/needs/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="My bids")).to_be_visible()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    journey.shot(page, "no-js")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
