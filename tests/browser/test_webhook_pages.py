"""The webhook pages in a real browser, by keyboard, at 1280 px and 390 px: an organisation's
administrator opens Webhooks from the members page, adds an endpoint (a real receiver on
loopback), reads its secret, sends a test event, and sees the delivery; nothing overflows the
narrow screen.

Screenshots: var/screenshots/test_webhook_endpoint_by_keyboard_at_both_widths/.
"""

import pytest
from playwright.sync_api import expect

from healthmatch.accounts.models import Membership
from healthmatch.webhooks.models import Endpoint
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in
from tests.healthmatch.webhooks.conftest import Receiver

pytestmark = pytest.mark.browser


@pytest.fixture
def receiver():
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


def test_webhook_endpoint_by_keyboard_at_both_widths(journey, db, settings, receiver):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    hospital = f.OrganisationFactory(name="Odense University Hospital", hub=hub)
    hanne = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=hanne, organisation=hospital, role=Membership.Role.ADMIN)

    page = journey.new_page("hospital admin")
    log_in(page, hanne, f"/organisations/{hospital.slug}/members/")
    page.get_by_role("link", name="Webhooks").focus()
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Webhooks of Odense University Hospital")
    ).to_be_visible()
    page.get_by_role("link", name="Add an endpoint").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Endpoint URL").fill(receiver.url("/erp"))
    page.get_by_label("Description").fill("Our ERP")
    page.get_by_label("need.published", exact=False).focus()
    page.keyboard.press("Space")
    journey.shot(page, "add-endpoint")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("The endpoint is saved.")).to_be_visible()
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["need.published"]
    receiver.secrets = [endpoint.secret]
    page.get_by_text("Show the signing secret").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text(endpoint.secret)).to_be_visible()
    page.get_by_role("button", name="Send a test event").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("A test event is on its way.")).to_be_visible()
    page.reload()
    expect(page.locator("table")).to_contain_text("ping")
    expect(page.locator("table")).to_contain_text("succeeded")
    journey.shot(page, "endpoint")
    assert receiver.posts("/erp")[0]["verified"]

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (
        f"/organisations/{hospital.slug}/webhooks/",
        f"/organisations/{hospital.slug}/webhooks/{endpoint.pk}/",
        f"/organisations/{hospital.slug}/webhooks/{endpoint.pk}/deliveries/"
        f"{endpoint.deliveries.get().pk}/",
        f"/organisations/{hospital.slug}/webhooks/{endpoint.pk}/edit/",
    ):
        page.goto(path)
        no_horizontal_overflow(page)
        journey.shot(page, "narrow")
