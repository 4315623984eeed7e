"""A file over the attachment limit is refused in the browser before it is sent (the server
would stop reading it): the message sits under the field, focus returns to it, nothing is
uploaded; a file within the limit then goes through."""

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.browser.test_meeting_request_pages import log_in

pytestmark = pytest.mark.browser


def test_an_oversized_file_is_refused_before_it_is_sent(journey, db, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    hospital = f.OrganisationFactory(name="Odense University Hospital")
    hanne = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=hanne, organisation=hospital)
    need = f.NeedFactory(organisation=hospital, created_by=hanne, title="Fall sensors")

    page = journey.new_page("hospital member")
    log_in(page, hanne, f"/needs/{need.pk}/")
    expect(page.get_by_role("heading", name="Fall sensors")).to_be_visible()
    page.wait_for_load_state("load")  # uploads.js (deferred) listens from here on
    field = page.get_by_label("Add a file")
    big = {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF" + b"x" * 5000}
    field.set_input_files(big)
    expect(page.get_by_text("The file is larger than the limit of 1000\xa0bytes.")).to_be_visible()
    page.get_by_role("button", name="Upload").click()
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    journey.shot(page, "refused")
    assert page.url.endswith(f"/needs/{need.pk}/")
    assert not need.attachments.exists()

    small = {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 small"}
    field.set_input_files(small)
    expect(page.get_by_text("The file is larger than the limit")).to_have_count(0)
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="plan.pdf")).to_be_visible()
    assert need.attachments.get().original_name == "plan.pdf"
