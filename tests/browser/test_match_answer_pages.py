"""A company employee answers "Interested" on the match page with the keyboard alone: the page
comes back with the answer in the history and its radio checked; the hospital's employee sees
the answer too, and on the need page when and how match emails come. At 1280 px and 390 px.

Screenshots: var/screenshots/test_match_answer_by_keyboard_at_both_widths/.
"""

import pytest
from playwright.sync_api import expect

from healthmatch.accounts.models import Membership
from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"  # tests.factories.UserFactory's


@pytest.fixture
def world(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    hospital = f.OrganisationFactory(name="Odense University Hospital", hub=hub)
    company = f.OrganisationFactory(name="CareSense ApS", company=True, hub=hub)
    nurse = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=nurse, organisation=hospital, role=Membership.Role.ADMIN)
    seller = f.UserFactory(email="sofie@caresense.example", name="Sofie Sales")
    f.MembershipFactory(user=seller, organisation=company, role=Membership.Role.ADMIN)
    need = published_need(hospital, title="Fewer night-time falls")
    capability = published_capability(f.CompanyProfileFactory(organisation=company))
    return {"nurse": nurse, "seller": seller, "need": need, "match": make_match(need, capability)}


def log_in(page, user, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_match_answer_by_keyboard_at_both_widths(journey, world):
    match_path = f"/matches/{world['match'].pk}/"
    page = journey.new_page("company")
    log_in(page, world["seller"], match_path)
    expect(page.locator(".match-history")).to_have_count(0)
    expect(page.get_by_text("Nothing has happened yet.")).to_be_visible()
    journey.shot(page, "match-before")

    page.get_by_label("Interested", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send answer").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("your interest is recorded")
    expect(page.locator(".match-history")).to_contain_text(
        "CareSense ApS: Answered “Interested” · Sofie Sales"
    )
    expect(page.get_by_label("Interested", exact=True)).to_be_checked()
    journey.shot(page, "match-answered")
    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    journey.shot(page, "match-answered-narrow")

    hospital = journey.new_page("hospital")
    log_in(hospital, world["nurse"], match_path)
    expect(hospital.locator(".match-history")).to_contain_text("CareSense ApS: Answered")
    expect(hospital.get_by_label("Interested", exact=True)).not_to_be_checked()
    hospital.goto(world["need"].get_absolute_url())
    notice = hospital.locator(".match-emails")
    expect(notice).to_contain_text("You'll get a daily email at 07:00 with new matches.")
    journey.shot(hospital, "need-page")
    notice.get_by_role("link", name="Change how you hear about matches").click()
    expect(hospital).to_have_url(f"{journey.base_url}/notifications/preferences/")
    hospital.set_viewport_size({"width": 390, "height": 844})
    hospital.goto(world["need"].get_absolute_url())
    no_horizontal_overflow(hospital)
    journey.shot(hospital, "need-page-narrow")
