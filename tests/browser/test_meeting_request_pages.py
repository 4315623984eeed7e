"""Meeting requests in a real browser, by keyboard, at 1280 px and 390 px: a company finds the
hospital first in the participant list (a must-meet, with its "why meet"), requests a meeting
about the pitched need, and the hospital accepts it under "My meeting requests". Nothing
overflows the narrow screen.

Screenshots: var/screenshots/test_meeting_request_by_keyboard_at_both_widths/.
"""

import pytest
from playwright.sync_api import expect

from events.requests.models import MeetingRequest
from matching.models import Match
from tests import factories as f
from tests.browser.test_event_pages import PASSWORD, no_horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture
def world(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    event = f.EventFactory(hub=hub, title="Welfare Tech Matchmaking Day")
    hospital = f.OrganisationFactory(name="Odense University Hospital", hub=hub)
    company = f.OrganisationFactory(name="CareSense ApS", company=True, hub=hub)
    other = f.OrganisationFactory(name="Beta Health", company=True, hub=hub)
    hanne = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    cecilie = f.UserFactory(email="cecilie@caresense.example", name="Cecilie Dahl")
    need = f.NeedFactory(organisation=hospital, published=True, title="Fewer night-time falls")
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company),
        published=True,
        title="Radar fall sensor",
    )
    buyer = f.RegistrationFactory(event=event, user=hanne, organisation=hospital)
    buyer.pitched_needs.set([need])
    seller = f.RegistrationFactory(event=event, user=cecilie, organisation=company)
    seller.capabilities.set([capability])
    f.RegistrationFactory(event=event, organisation=other)
    f.MatchFactory(need=need, capability=capability, score=0.8, status=Match.Status.MUTUAL)
    return {"event": event, "hanne": hanne, "cecilie": cecilie, "need": need}


def log_in(page, user, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_meeting_request_by_keyboard_at_both_widths(journey, world):
    event = world["event"]
    company = journey.new_page("company")
    log_in(company, world["cecilie"], f"/events/{event.pk}/")
    company.get_by_role("link", name="Participants and meetings").click()
    expect(company.get_by_role("heading", name="Participants")).to_be_visible()
    first = company.locator(".participant").first
    expect(first).to_contain_text("Hanne Holm")
    expect(first).to_contain_text("Must meet")
    expect(first).to_contain_text("Why meet:")
    journey.shot(company, "directory")

    first.get_by_role("link", name="Request a meeting").focus()
    company.keyboard.press("Enter")
    expect(company.get_by_role("heading", name="Request a meeting with Hanne Holm")).to_be_visible()
    company.get_by_label("Message").fill("Our radar pilot in Aarhus may fit your night shifts.")
    company.get_by_label("About the need").select_option(label="Fewer night-time falls")
    company.get_by_role("button", name="Send the request").focus()
    company.keyboard.press("Enter")
    expect(company.locator(".messages")).to_contain_text("Your request to Hanne Holm is sent.")
    journey.shot(company, "sent")

    hospital = journey.new_page("hospital")
    log_in(hospital, world["hanne"], f"/events/{event.pk}/requests/")
    expect(hospital.get_by_role("heading", name="Asked of you")).to_be_visible()
    hospital.get_by_role("button", name="Accept Cecilie Dahl").focus()
    hospital.keyboard.press("Enter")
    expect(hospital.locator(".messages")).to_contain_text("You accepted the meeting.")
    journey.shot(hospital, "accepted")

    request = MeetingRequest.objects.get()
    assert request.status == "accepted" and request.need == world["need"]
    assert request.must_meet

    for page in (company, hospital):
        page.set_viewport_size({"width": 390, "height": 844})
        for path in (f"/events/{event.pk}/participants/", f"/events/{event.pk}/requests/"):
            page.goto(path)
            no_horizontal_overflow(page)
            journey.shot(page, "narrow" + path.replace("/", "-").rstrip("-"))
