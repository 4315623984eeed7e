"""The curation queue in a real browser, as a coordinator triaging a full page of matches:

- at 1280 px the 50 queued matches of a page fit in a page of reasonable height, each row short
  (at most 60 px) and the factors readable in full (never cut off in their cell);
- at 390 px each match is a card and nothing scrolls sideways;
- by keyboard only: Tab to two matches' checkboxes, tick them with Space (the focus ring is
  visible), choose "Approve" in the action list above, press Go; both matches are approved.
  Then tick one more, Tab on to the action list below the matches, choose "Close", give the
  reason on the confirm page; the match is closed with it.

Screenshots: var/screenshots/test_curation_queue_*/.
"""

import re

import pytest
from playwright.sync_api import expect

from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests import factories as f
from tests.browser.test_need_journey import log_in, message
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.browser

QUEUE = "/admin/matching/curationqueueitem/"
ALL_FACTORS = {
    "relevance": 0.81,
    "text": 0.72,
    "semantic": 0.64,
    "clinical_area": 1.0,
    "technology": 0.5,
    "constraints": 0.9,
    "care_setting": 0.95,
    "maturity": 0.7,
    "regulatory": 0.33,
    "region": 1.0,
    "language": 1.0,
}
NEED_TITLES = [
    "Fewer night-time falls on the geriatric ward",
    "Remote monitoring of patients with heart failure after discharge",
    "Medication reminders at home",
    "Hand hygiene compliance in intensive care, measured without cameras",
    "Pressure ulcer prevention for bedridden patients",
    "Faster sterilisation turnaround for surgical instruments",
    "Wayfinding for visitors in a large university hospital",
    "Speech recognition for clinical notes in Danish and English",
    "Early sepsis warning from routine vital signs",
    "Cold chain tracking for blood products between sites",
]
COMPANIES = [
    "CareSense ApS",
    "Nordic Rehabilitation Robotics ApS",
    "MediTrack",
    "Scandinavian Digital Health Solutions A/S",
    "Vigil",
]


@pytest.fixture
def queue(hub, buyer_org, coordinator):
    """50 suggested matches of the hub (10 needs x 5 companies), with every factor stored."""
    needs = [published_need(buyer_org, title=title) for title in NEED_TITLES]
    capabilities = []
    for name in COMPANIES:
        org = f.OrganisationFactory(name=name, company=True, hub=hub)
        profile = f.CompanyProfileFactory(organisation=org)
        capabilities.append(published_capability(profile, title=f"{name}: our main product"))
    matches = [
        make_match(
            need,
            capability,
            0.4 + (i * 5 + j) / 100,
            factors=ALL_FACTORS,
            gaps=[["trl_below", 6], ["region", 0]] if j % 2 else [],
        )
        for i, need in enumerate(needs)
        for j, capability in enumerate(capabilities)
    ]
    Match.objects.exclude(pk__in=[m.pk for m in matches]).delete()  # whatever the engine added
    return matches


@pytest.fixture
def coordinator_page(journey, coordinator):
    page = journey.new_page("coordinator")
    page.goto(f"/accounts/login/?next={QUEUE}")
    log_in(page, coordinator.email)
    expect(page).to_have_url(re.compile(re.escape(QUEUE) + "$"))
    page.wait_for_load_state()
    return page


def _rows(page):
    return page.locator("#result_list tbody tr")


def _no_sideways_scroll(page):
    widths = page.evaluate(
        """() => {
            const doc = document.scrollingElement;
            const results = document.querySelector('#changelist-form .results');
            return {page: [doc.scrollWidth, doc.clientWidth],
                    results: [results.scrollWidth, results.clientWidth]};
        }"""
    )
    for what, (scroll, client) in widths.items():
        assert scroll <= client, f"the {what} scroll sideways: {scroll} > {client} px"


def test_curation_queue_is_dense_and_readable_at_1280(journey, queue, coordinator_page):
    page = coordinator_page
    expect(_rows(page)).to_have_count(50)
    journey.shot(page, "queue-1280")

    heights = page.evaluate(
        "[...document.querySelectorAll('#result_list tbody tr')]"
        ".map(r => r.getBoundingClientRect().height)"
    )
    assert max(heights) <= 60, f"rows up to {max(heights)} px tall"
    page_height = page.evaluate("document.scrollingElement.scrollHeight")
    assert page_height <= 50 * 60 + 900, f"the page is {page_height} px long"

    cells = page.evaluate(
        "[...document.querySelectorAll('#result_list td.field-factor_summary')]"
        ".map(c => [c.scrollWidth, c.clientWidth, c.innerText])"
    )
    assert len(cells) == 50
    for scroll, client, text in cells:
        assert scroll <= client, f"{text!r} is cut off: {scroll} > {client} px"
    first = _rows(page).first
    expect(first).to_contain_text("Clinical area 100%")
    expect(first.locator(".field-factor_summary")).to_be_in_viewport()
    _no_sideways_scroll(page)


def test_curation_queue_is_cards_without_sideways_scroll_at_390(journey, queue, coordinator_page):
    page = coordinator_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(_rows(page)).to_have_count(50)
    journey.shot(page, "queue-390")
    _no_sideways_scroll(page)
    first = _rows(page).first
    expect(first).to_contain_text("Score")  # each card names its values
    expect(first).to_contain_text("Clinical area 100%")
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390


def _tab_to(page, selector, key="Tab", limit=250):
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => Boolean(document.activeElement?.matches(s))", selector):
            return
    raise AssertionError(f"{selector} not reached with {key}")


def _choose_and_go(page, action):
    """With the action list focused: pick ``action`` with the arrow keys, Tab to Go, Enter."""
    for _ in range(5):
        if page.evaluate("document.activeElement.value") == action:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == action
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Go"
    page.keyboard.press("Enter")


def test_curation_queue_bulk_approve_and_close_by_keyboard_only(
    journey, queue, coordinator, coordinator_page
):
    page = coordinator_page
    first, second = queue[-1], queue[-2]  # best first
    box = "#result_list tbody tr:nth-child({}) input.action-select"

    _tab_to(page, box.format(1))
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, f"no visible focus ring: {outline}"
    page.keyboard.press("Space")
    _tab_to(page, box.format(2))
    page.keyboard.press("Space")
    expect(page.locator("#result_list tbody tr.selected")).to_have_count(2)
    journey.shot(page, "two-ticked")

    _tab_to(page, "select[name=action]", key="Shift+Tab")  # the action bar above the list
    _choose_and_go(page, "move_to_approved")

    message(page, "2 matches moved to “Approved”.")
    expect(_rows(page)).to_have_count(48)
    journey.shot(page, "approved")
    for match in (first, second):
        match.refresh_from_db()
        assert match.status == Match.Status.APPROVED
        event = MatchEvent.objects.get(match=match)
        assert (event.from_status, event.to_status, event.actor) == (
            "suggested",
            "approved",
            coordinator,
        )

    # Close the best remaining match with a reason, through the action bar below the list.
    third = queue[-3]
    _tab_to(page, box.format(1))
    page.keyboard.press("Space")
    _tab_to(page, "select[name=action]")
    _choose_and_go(page, "close_selected")
    expect(page.get_by_label("Reason for closing")).to_be_visible()
    _tab_to(page, "textarea[name=reason]")
    page.keyboard.type("The hospital already runs a pilot with this company.")
    _tab_to(page, "input[type=submit]")
    journey.shot(page, "close-reason")
    page.keyboard.press("Enter")
    message(page, "1 match moved to “Closed”.")
    expect(_rows(page)).to_have_count(47)
    third.refresh_from_db()
    assert third.status == Match.Status.CLOSED
    assert third.events.get().note == "The hospital already runs a pilot with this company."
