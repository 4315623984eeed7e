"""A matchmaking day, clicked through in a real browser by the people it concerns:

1. a company member finds the published event under Events, registers on its page and says
   which session they can attend and which capability they bring;
2. in the participant list they find the hospital's registered person, who pitches a need, and
   request a meeting about it;
3. the hospital person accepts it under "My meeting requests";
4. the hub's coordinator runs the meeting scheduler from the admin's event list (the action
   "Run the meeting scheduler");
5. both open "My agenda" from the event's page and find the same slot and the same table, at
   1280 px and at 390 px;
6. both download their agenda and the meeting as calendar files (ICS), which parse back with
   the meeting's start and end in the event's time zone, the table, and one UID for both.

Emails go through the outbox (the sender task runs eagerly after each commit in tests).
Screenshots: var/screenshots/test_event_meeting_journey_from_registration_to_agenda/.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from events import services
from events.meetings.models import Meeting
from events.models import Registration
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.browser.test_bid_and_introduction_journey import open_as
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_need_journey import message, run_admin_action

pytestmark = pytest.mark.browser

EVENT_TITLE = "Welfare Tech Matchmaking Day"
NEED_TITLE = "Fewer night-time falls on the geriatric ward"
CAPABILITY_TITLE = "Radar fall detection for patient rooms"
REQUEST_MESSAGE = "Our radar pilot in Aarhus may fit your night shifts."


@pytest.fixture
def event(hub, buyer_org, owner, company_org, coordinator):
    """A published matchmaking day of the coordinator's hub, one session of four 20-minute
    slots at table 4; the hospital's person is registered and pitches a published need; the
    company has a published capability."""
    starts = (timezone.now() + datetime.timedelta(days=20)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    event = f.EventFactory(
        hub=hub, title=EVENT_TITLE, starts_at=starts, ends_at=starts + datetime.timedelta(hours=6)
    )
    f.SessionFactory(event=event, title="Morning meetings")
    f.TableFactory(event=event, number=4)
    need = f.NeedFactory(organisation=buyer_org, published=True, title=NEED_TITLE)
    registration = services.register(event, owner, buyer_org)
    services.set_pitch(registration, actor=owner, needs=[need])
    f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org),
        published=True,
        title=CAPABILITY_TITLE,
    )
    return event


def agenda_slot(page) -> str:
    """The one meeting's "time · place" heading on an agenda page."""
    meeting = page.locator(".agenda-meeting")
    expect(meeting).to_have_count(1)
    return meeting.locator("h3").inner_text()


def test_event_meeting_journey_from_registration_to_agenda(
    journey, mailbox, event, owner, company_member, coordinator
):
    detail = f"/events/{event.pk}/"

    # --- 1. The company member registers on the event's page ---------------------------------
    company = open_as(journey, "company", company_member, "/events/")
    expect(company.get_by_role("heading", name="Events and matchmaking days")).to_be_visible()
    journey.shot(company, "event-list")
    company.get_by_role("link", name=EVENT_TITLE).click()
    expect(company.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    journey.shot(company, "event-page")
    company.get_by_role("button", name="Register").click()
    message(company, "You are registered. Tell us which sessions you can attend.")
    expect(company.get_by_role("heading", name="Your registration")).to_be_visible()
    company.get_by_label("Morning meetings").check()
    company.get_by_label(CAPABILITY_TITLE).check()
    journey.shot(company, "registration-form")
    company.get_by_role("button", name="Save").click()
    message(company, "Your registration is saved.")
    expect(company.locator(".registration-state")).to_contain_text(
        "You are registered for CareSense ApS."
    )
    journey.shot(company, "registered")
    seller = Registration.objects.get(event=event, user=company_member)
    assert seller.status == Registration.Status.CONFIRMED
    assert [c.title for c in seller.capabilities.all()] == [CAPABILITY_TITLE]

    # --- 2. They request a meeting with the hospital's person, about the pitched need --------
    company.get_by_role("link", name="Participants and meetings").click()
    expect(company.get_by_role("heading", name="Participants")).to_be_visible()
    person = company.locator(".participant").filter(has_text=owner.name)
    expect(person).to_contain_text("Odense University Hospital")
    journey.shot(company, "participants")
    person.get_by_role("link", name="Request a meeting").click()
    expect(company.get_by_role("heading", level=1)).to_have_text(
        f"Request a meeting with {owner.name}"
    )
    company.get_by_label("Message").fill(REQUEST_MESSAGE)
    company.get_by_label("About the need").select_option(label=NEED_TITLE)
    company.get_by_label("About the capability").select_option(label=CAPABILITY_TITLE)
    journey.shot(company, "request-form")
    company.get_by_role("button", name="Send the request").click()
    message(company, f"Your request to {owner.name} is sent.")
    journey.shot(company, "request-sent")
    assert REQUEST_MESSAGE in mailbox.text(mailbox.last_to(owner.email))

    # --- 3. The hospital's person accepts it under "My meeting requests" ---------------------
    hospital = open_as(journey, "hospital", owner, detail)
    hospital.get_by_role("link", name="My meeting requests").click()
    expect(hospital.get_by_role("heading", name="Asked of you")).to_be_visible()
    incoming = hospital.locator(".meeting-request").filter(has_text=company_member.name)
    expect(incoming).to_contain_text(REQUEST_MESSAGE)
    expect(incoming).to_contain_text(NEED_TITLE)
    journey.shot(hospital, "requests-to-answer")
    hospital.get_by_role("button", name=f"Accept {company_member.name}").click()
    message(hospital, "You accepted the meeting.")
    expect(incoming.locator(".badge.accepted")).to_have_text("Accepted")
    journey.shot(hospital, "request-accepted")
    meeting_request = MeetingRequest.objects.get(event=event)
    assert meeting_request.status == MeetingRequest.Status.ACCEPTED
    assert meeting_request.answered_by == owner

    # --- 4. The coordinator runs the scheduler from the admin's event list -------------------
    admin = open_as(journey, "coordinator", coordinator, "/admin/events/event/")
    journey.shot(admin, "admin-events")
    run_admin_action(admin, EVENT_TITLE, "Run the meeting scheduler")
    message(admin, f"{EVENT_TITLE}: 1 meeting scheduled")
    journey.shot(admin, "scheduler-run")
    meeting = Meeting.objects.select_related("table").get(request=meeting_request)
    assert meeting.table.number == 4

    # --- 5. Both find the same slot and table on their agendas -------------------------------
    slots = []
    for who, page in (("hospital", hospital), ("company", company)):
        page.goto(detail)
        page.get_by_role("link", name="My agenda").click()
        expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
        expect(page.locator(".agenda-meeting")).to_contain_text(NEED_TITLE)
        slots.append(agenda_slot(page))
        journey.shot(page, f"{who}-agenda")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        no_horizontal_overflow(page)
        assert agenda_slot(page) == slots[-1]
        journey.shot(page, f"{who}-agenda-narrow")
        page.set_viewport_size({"width": 1280, "height": 900})
    local = timezone.localtime(meeting.starts_at, event.zone)
    expected = f"{local:%-d %B, %H:%M}–{timezone.localtime(meeting.ends_at, event.zone):%H:%M}"
    assert slots[0] == slots[1] == f"{expected} · Table 4"
    expect(company.locator(".agenda-meeting")).to_contain_text(owner.name)
    expect(hospital.locator(".agenda-meeting")).to_contain_text(company_member.name)

    # --- 6. Both download their agenda and the meeting as calendar files ---------------------
    uids = []
    for page in (hospital, company):
        for link in ("Download the agenda for your calendar (.ics)", "Add to calendar (.ics)"):
            with page.expect_download() as download:
                page.get_by_role("link", name=link).click()
            calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
            assert download.value.suggested_filename.endswith(".ics")
            (vevent,) = calendar.walk("VEVENT")
            assert vevent.decoded("dtstart") == meeting.starts_at
            assert vevent.decoded("dtend") == meeting.ends_at
            assert vevent["dtstart"].params["TZID"] == event.time_zone
            assert "Table 4" in str(vevent["location"])
            uids.append(str(vevent["uid"]))
    assert len(set(uids)) == 1  # one entry in both calendars, replaced when it moves
