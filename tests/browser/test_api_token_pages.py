"""The API tokens page in a real browser, by keyboard, at 1280 px and 390 px: a hospital member
creates a token, copies the value shown once, calls the API with it, sees it listed without its
value after a reload, and revokes it, after which the API refuses it.

Screenshots: var/screenshots/test_api_token_by_keyboard_at_both_widths/.
"""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from healthmatch.api.models import ApiToken
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in

pytestmark = pytest.mark.browser


def call_api(base_url: str, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 (the live server on loopback)
        f"{base_url}/api/v1/organisations/", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_api_token_by_keyboard_at_both_widths(journey, db):
    hospital = f.OrganisationFactory(name="Odense University Hospital")
    hanne = f.UserFactory(email="hanne@ouh.example", name="Hanne Holm")
    f.MembershipFactory(user=hanne, organisation=hospital)

    page = journey.new_page("hospital member")
    log_in(page, hanne, "/account/api-tokens/")
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    expect(page.get_by_text("You have no API tokens yet.")).to_be_visible()
    page.get_by_label("Name").focus()
    page.keyboard.type("Procurement system")
    page.get_by_label("Read and write").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Create token").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Copy it now: it is shown only this once.")).to_be_visible()
    value = page.get_by_label("Token", exact=True).input_value()
    token = ApiToken.objects.get(user=hanne)
    assert token.name == "Procurement system"
    assert token.scope == ApiToken.Scope.READ_WRITE
    assert value.startswith(f"hm_{token.prefix}_")
    assert len(token.secret_hash) == 64 and value not in token.secret_hash  # kept hashed
    journey.shot(page, "created")

    status, body = call_api(journey.base_url, value)
    assert status == 200
    assert [row["name"] for row in body["results"]] == ["Odense University Hospital"]

    page.goto("/account/api-tokens/")  # coming back later: the value is gone
    expect(page.get_by_text("Copy it now")).to_have_count(0)
    expect(page.locator("table")).to_contain_text("Procurement system")
    expect(page.locator("table")).not_to_contain_text("Never")  # the call above used it
    assert value not in page.content()

    page.set_viewport_size({"width": 390, "height": 844})
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-list")
    page.get_by_role("link", name="Revoke").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Revoke API token")).to_be_visible()
    no_horizontal_overflow(page)
    journey.shot(page, "narrow-revoke")
    page.get_by_role("button", name="Revoke token").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The token Procurement system is revoked.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Revoked")
    no_horizontal_overflow(page)

    status, body = call_api(journey.base_url, value)
    assert status == 401
    assert body["detail"]
