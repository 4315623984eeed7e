"""Self-pick in a real browser, by keyboard, at 1280 px and 390 px: the hospital opens the
company's request, picks a free time with the arrow keys and accepts; the meeting is on its
agenda, where it cancels it after confirming. Nothing overflows the narrow screen.

Screenshots: var/screenshots/test_pick_a_time_and_cancel_by_keyboard_at_both_widths/.
"""

import pytest
from playwright.sync_api import expect

from events.meetings.models import Meeting
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def test_pick_a_time_and_cancel_by_keyboard_at_both_widths(journey, world):  # noqa: F811
    event = world["event"]
    event.scheduling = event.Scheduling.SELF_PICK
    event.save()
    f.SessionFactory(event=event, title="Morning")
    f.TableFactory(event=event, number=7)
    asked = f.MeetingRequestFactory(
        from_registration=event.registrations.get(user=world["cecilie"]),
        to_registration=event.registrations.get(user=world["hanne"]),
    )

    page = journey.new_page("hospital")
    log_in(page, world["hanne"], f"/events/{event.pk}/requests/")
    page.get_by_role("link", name="Accept and pick a time").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Accept the meeting with Cecilie Dahl")).to_be_visible()
    first = page.get_by_role("radio").first
    first.focus()
    page.keyboard.press("ArrowDown")  # the second time
    expect(page.get_by_role("radio").nth(1)).to_be_checked()
    journey.shot(page, "pick")
    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-pick")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Accept and book this time").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
    expect(page.locator(".agenda-meeting").first).to_contain_text("Table 7")
    assert Meeting.objects.get(request=asked).slot == 1
    journey.shot(page, "agenda")

    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel the meeting").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("The meeting is cancelled")
    expect(page.get_by_text("No meetings are scheduled for you yet.")).to_be_visible()
    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.CANCELLED
    journey.shot(page, "narrow-cancelled")
