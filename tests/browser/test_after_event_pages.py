"""After the event in a real browser, by keyboard, at 1280 px and 390 px: the hospital opens
"Feedback on my meetings" from the event's page, answers with two taps and a comment, and sees
its answer; the company answers too, and their match is "meeting held". The organiser reads the
figures and the table plan, which prints one slot per page without the site's header. Nothing
overflows the narrow screen (the organiser's: nothing in the page's content).

Screenshots: var/screenshots/test_feedback_figures_and_table_plan_by_keyboard/.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.meetings.models import Meeting
from events.models import Event
from events.requests.models import MeetingRequest
from matching.models import Match
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in, world  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def _held_yesterday(world):  # noqa: F811 - the fixture
    event = world["event"]
    start = (timezone.now() - datetime.timedelta(days=1)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    Event.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=8)
    )
    event.refresh_from_db()
    session = f.SessionFactory(
        event=event,
        title="Morning",
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2),
    )
    table = f.TableFactory(event=event, number=7)
    request = f.MeetingRequestFactory(
        from_registration=event.registrations.get(user=world["cecilie"]),
        to_registration=event.registrations.get(user=world["hanne"]),
        status=MeetingRequest.Status.ACCEPTED,
        need=world["need"],
        match=Match.objects.get(need=world["need"]),
    )
    slot = session.slots()[0]  # of two: the second stays free
    Meeting.objects.create(
        request=request,
        session=session,
        slot=0,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        table=table,
    )
    return event


def _answer(page, comment=""):
    meeting = page.locator(".feedback-meeting").first
    meeting.get_by_role("group", name="Was the meeting useful?").get_by_label("Yes").check()
    meeting.get_by_role("group", name="Do you want to follow up with them?").get_by_label(
        "Yes"
    ).check()
    if comment:
        meeting.get_by_label("Comment (optional)").fill(comment)
    meeting.get_by_role("button", name="Save my feedback").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Thank you: your feedback is saved.")


def test_feedback_figures_and_table_plan_by_keyboard(journey, world):  # noqa: F811
    event = _held_yesterday(world)
    hospital = journey.new_page("hospital")
    log_in(hospital, world["hanne"], f"/events/{event.pk}/")
    hospital.get_by_role("link", name="Feedback on my meetings").focus()
    hospital.keyboard.press("Enter")
    expect(hospital.get_by_role("heading", name="Feedback on my meetings")).to_be_visible()
    expect(hospital.locator(".feedback-meeting").first).to_contain_text("Cecilie Dahl")
    journey.shot(hospital, "feedback-form")
    _answer(hospital, comment="A good fit for the night shifts.")
    expect(hospital.locator(".feedback-given")).to_contain_text("useful · follow up")
    journey.shot(hospital, "feedback-saved")
    hospital.set_viewport_size({"width": 390, "height": 844})
    hospital.reload()
    no_horizontal_overflow(hospital)
    journey.shot(hospital, "narrow-feedback")

    company = journey.new_page("company")
    log_in(company, world["cecilie"], f"/events/{event.pk}/feedback/")
    _answer(company)
    assert Match.objects.get(need=world["need"]).status == Match.Status.MET

    organiser = journey.new_page("organiser")
    coordinator = f.UserFactory(email="carla@welfaretech.example", is_superuser=True, is_staff=True)
    log_in(organiser, coordinator, f"/events/{event.pk}/")
    organiser.get_by_role("link", name="Figures").focus()
    organiser.keyboard.press("Enter")
    expect(organiser.get_by_role("heading", name="Event figures")).to_be_visible()
    expect(organiser.locator("#fig-meetings")).to_have_text("1")
    expect(organiser.locator("#fig-moved")).to_contain_text("1 (of which 0 new matches)")
    journey.shot(organiser, "figures")
    organiser.get_by_role("link", name="Table plan").focus()
    organiser.keyboard.press("Enter")
    expect(organiser.get_by_role("heading", name="Table plan")).to_be_visible()
    slots = organiser.locator(".plan-slot")
    expect(slots).to_have_count(2)
    expect(slots.first).to_contain_text("Hanne Holm")
    expect(slots.first).to_contain_text("CareSense ApS")
    journey.shot(organiser, "table-plan")

    organiser.emulate_media(media="print")
    expect(organiser.locator(".site-header")).to_be_hidden()
    breaks = organiser.evaluate(
        "[...document.querySelectorAll('.plan-slot')].map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["auto", "page"]
    organiser.emulate_media(media="screen")

    for path in ("figures", "table-plan"):
        organiser.set_viewport_size({"width": 390, "height": 844})
        organiser.goto(f"/events/{event.pk}/{path}/")
        # The page's content; the site header's staff links are the header's own business.
        assert organiser.evaluate("document.querySelector('main').scrollWidth") <= 390
        journey.shot(organiser, f"narrow-{path}")
