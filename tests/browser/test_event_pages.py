"""The event pages in a real browser, at 1280 px and 390 px wide: a hospital employee finds
the event from the header, registers with the keyboard alone, says which session they can
attend and which need they pitch. Nothing overflows the narrow screen.

Screenshots: var/screenshots/test_event_registration_by_keyboard_at_both_widths/.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Registration
from healthmatch.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"  # tests.factories.UserFactory's


@pytest.fixture
def world(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    hospital = f.OrganisationFactory(name="Odense University Hospital", hub=hub)
    person = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=person, organisation=hospital, role=Membership.Role.ADMIN)
    need = f.NeedFactory(organisation=hospital, published=True, title="Fewer night-time falls")
    starts = (timezone.now() + datetime.timedelta(days=20)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = f.EventFactory(
        hub=hub,
        title="Welfare Tech Matchmaking Day",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        capacity=60,
        description="Hospitals pitch their needs; companies meet them one to one.",
    )
    f.SessionFactory(event=event, title="Morning meetings")
    return {"person": person, "event": event, "need": need}


def no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def test_event_registration_by_keyboard_at_both_widths(journey, world):
    page = journey.new_page("hospital")
    page.goto("/accounts/login/?next=/events/")
    page.get_by_label("Email").fill(world["person"].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("heading", name="Events and matchmaking days")).to_be_visible()
    journey.shot(page, "event-list")
    page.get_by_role("link", name="Welfare Tech Matchmaking Day").click()
    expect(page.get_by_role("heading", name="Welfare Tech Matchmaking Day")).to_be_visible()
    journey.shot(page, "event-detail")

    # Register with the keyboard: focus the button, press Enter.
    page.get_by_role("button", name="Register").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your registration")).to_be_visible()
    journey.shot(page, "registration-form")

    page.get_by_label("Morning meetings").focus()
    page.keyboard.press("Space")
    page.get_by_label("Fewer night-time falls").focus()
    page.keyboard.press("Space")
    page.get_by_label("Meetings at most").fill("6")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your registration is saved.")
    expect(page.locator(".registration-state")).to_contain_text(
        "You are registered for Odense University Hospital."
    )
    journey.shot(page, "registered")

    registration = Registration.objects.get(user=world["person"])
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.pitched_needs.all()) == [world["need"]]
    assert registration.max_meetings == 6

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        "/events/",
        f"/events/{world['event'].pk}/",
        f"/events/{world['event'].pk}/registration/",
    ):
        page.goto(path)
        no_horizontal_overflow(page)
        journey.shot(page, "narrow" + path.replace("/", "-").rstrip("-"))
