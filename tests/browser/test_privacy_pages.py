"""Privacy in a real browser, by keyboard, at 1280 px and 390 px: a hospital member follows the
footer link to "Your data", asks for an archive, gets the email, downloads the ZIP through the
emailed link, reads /privacy/, then deletes the account (a wrong password first) and is signed
out with the account pseudonymised.

Screenshots: var/screenshots/test_privacy_export_and_delete_by_keyboard_at_both_widths/.
"""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from healthmatch.privacy import erasure
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import PASSWORD, log_in

pytestmark = pytest.mark.browser


def test_privacy_export_and_delete_by_keyboard_at_both_widths(journey, mailbox, settings, db):
    settings.SITE_URL = journey.base_url  # our emails' links are built on SITE_URL
    hospital = f.OrganisationFactory(name="Odense University Hospital")
    hanne = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=hanne, organisation=hospital)

    page = journey.new_page("hospital member")
    log_in(page, hanne, "/needs/")
    page.get_by_role("link", name="Your data: download or delete").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    page.get_by_role("button", name="Prepare my archive").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your archive is being prepared.")).to_be_visible()
    journey.shot(page, "requested")

    link = mailbox.link_to("hanne@ouh.example", "/account/privacy/export/")
    assert link.startswith(journey.base_url)
    page.reload()
    download = page.get_by_role("link", name="Download", exact=True)
    assert link.endswith(download.get_attribute("href"))
    download.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    assert json.loads(archive.read("profile.json"))["name"] == "Hanne Holm"

    page.goto("/account/privacy/")
    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-your-data")
    page.get_by_role("link", name="What we keep and for how long").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Privacy", exact=True)).to_be_visible()
    expect(page.get_by_text("Emails we sent (the outbox)")).to_be_visible()
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-privacy")

    page.goto("/account/privacy/delete/")
    no_horizontal_overflow(page)
    page.get_by_label("Your password").focus()
    page.keyboard.type("not my password")
    page.get_by_role("button", name="Delete my account").focus()
    page.keyboard.press("Enter")
    # The error next to the field, and the page's error summary (focused) linking to it.
    expect(page.get_by_text("This is not your password.", exact=True)).to_be_visible()
    expect(
        page.get_by_role("link", name="Your password: This is not your password.")
    ).to_be_visible()
    journey.shot(page, "narrow-wrong-password")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your account is deleted. Goodbye.")).to_be_visible()
    page.get_by_role("button", name="Menu").click()  # 390 px: the header's links are in its menu
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    journey.shot(page, "narrow-deleted")
    hanne.refresh_from_db()
    assert erasure.is_erased(hanne) and hanne.name == f"Former user #{hanne.pk}"
