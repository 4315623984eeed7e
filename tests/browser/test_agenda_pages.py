"""The agenda in a real browser, by keyboard, at 1280 px and 390 px: the organiser's run has
placed the hospital's accepted meeting; the hospital opens "My agenda" from the event's page
and finds the time, the table, the company and the "why meet". Printed, the page drops the
site's header and navigation. Nothing overflows the narrow screen.

Screenshots: var/screenshots/test_agenda_by_keyboard_at_both_widths/.
"""

import pytest
from playwright.sync_api import expect

from events.meetings import services
from events.requests.models import MeetingRequest
from matching.models import Match
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def test_agenda_by_keyboard_at_both_widths(journey, world):  # noqa: F811 - the fixture
    event = world["event"]
    f.SessionFactory(event=event, title="Morning")
    f.TableFactory(event=event, number=7)
    buyer = event.registrations.get(user=world["hanne"])
    seller = event.registrations.get(user=world["cecilie"])
    f.MeetingRequestFactory(
        from_registration=seller,
        to_registration=buyer,
        status=MeetingRequest.Status.ACCEPTED,
        need=world["need"],
        match=Match.objects.get(need=world["need"]),
        score=0.8,
    )
    coordinator = f.UserFactory(is_superuser=True, is_staff=True)
    services.run_scheduler(event, actor=coordinator)

    page = journey.new_page("hospital")
    log_in(page, world["hanne"], f"/events/{event.pk}/")
    page.get_by_role("link", name="My agenda").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
    meeting = page.locator(".agenda-meeting").first
    expect(meeting).to_contain_text("Table 7")
    expect(meeting).to_contain_text("Cecilie Dahl")
    expect(meeting).to_contain_text("Fewer night-time falls")
    expect(meeting).to_contain_text("Why meet:")
    journey.shot(page, "agenda")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".agenda-meeting").first).to_be_visible()
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/events/{event.pk}/agenda/")
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-agenda")
