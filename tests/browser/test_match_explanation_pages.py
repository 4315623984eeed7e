"""The five-second rule in a real browser, at 1280 px and 390 px: a hospital nurse opens her need
and the match page and reads why a company is suggested first (one sentence, then the two or
three main reasons and what is missing), in plain words; every factor waits behind a disclosure
that opens by keyboard. Nothing overflows the narrow screen.

Screenshots: var/screenshots/test_match_explanation_reads_first_at_both_widths/.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from healthmatch.accounts.models import Membership
from matching.models import Match
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_meeting_request_pages import log_in

pytestmark = pytest.mark.browser

SUMMARY = "Good match: same clinical area, similar purpose and similar wording."


@pytest.fixture
def world(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    hospital = f.OrganisationFactory(name="Odense University Hospital", hub=hub)
    company = f.OrganisationFactory(name="CareSense ApS", company=True, hub=hub)
    nurse = f.UserFactory(email="nina@ouh.example", name="Nina Nurse")
    f.MembershipFactory(user=nurse, organisation=hospital, role=Membership.Role.MEMBER)
    need = f.NeedFactory(organisation=hospital, published=True, title="Fewer night-time falls")
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company),
        published=True,
        title="Radar fall sensor",
    )
    dpia = f.RegulatoryItemFactory(name="GDPR DPIA", slug="gdpr-dpia")
    # update_or_create: the engine may have scored the pair on commit already.
    match, _ = Match.objects.update_or_create(
        need=need,
        capability=capability,
        defaults={
            "hub": hub,
            "score": 0.55,
            "factors": {
                "relevance": 0.6,
                "text": 0.42,
                "semantic": 0.7,
                "clinical_area": 1.0,
                "technology": 0.0,
                "constraints": 0.9,
                "region": 1.0,
                "regulatory": 0.0,
            },
            "shared_terms": ["fall", "2", "kg", "radar", "30", "days", "night"],
            "gaps": [["regulatory_missing", dpia.pk]],
        },
    )
    return {"nurse": nurse, "need": need, "match": match}


def _above(page, first, second):
    top = page.get_by_text(first, exact=True).first.bounding_box()["y"]
    return top < page.get_by_text(second, exact=True).first.bounding_box()["y"]


def test_match_explanation_reads_first_at_both_widths(journey, world):
    page = journey.new_page("nurse")
    log_in(page, world["nurse"], world["need"].get_absolute_url())

    card = page.locator(".match-card").first
    expect(card.get_by_text(SUMMARY)).to_be_visible()
    expect(card.get_by_text("55 % match")).to_be_visible()
    reasons = card.locator(".match-top-factors li")
    expect(reasons.first).to_have_text("Same clinical area 100 %")
    assert reasons.count() == 3
    expect(card.get_by_text("Missing: GDPR DPIA")).to_be_visible()
    assert _above(page, SUMMARY, "Missing: GDPR DPIA")
    tags = card.locator(".match-terms .tag").all_inner_texts()
    assert tags == ["fall", "radar", "night"]
    # every factor waits behind the disclosure, which opens by keyboard
    details = card.locator("details.match-details")
    expect(details.locator("meter").first).to_be_hidden()
    assert "Relevance" not in card.inner_text() and "Meaning" not in card.inner_text()
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details.locator("meter").first).to_be_visible()
    expect(details.get_by_text("Words in common")).to_be_visible()
    journey.shot(page, "need-card-1280")

    match_url = reverse("lifecycle:detail", args=[world["match"].pk])
    page.goto(match_url)
    expect(
        page.get_by_role("heading", name="Fewer night-time falls ↔ CareSense ApS")
    ).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    assert _above(page, "Why this match", "The need")
    journey.shot(page, "match-page-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(match_url)
    summary = page.get_by_text(SUMMARY)
    expect(summary).to_be_in_viewport()  # read without scrolling
    expect(page.locator(".match-top-factors li").first).to_be_in_viewport()
    no_horizontal_overflow(page)
    journey.shot(page, "match-page-390")

    page.goto(world["need"].get_absolute_url())
    expect(page.locator(".match-card").first.get_by_text(SUMMARY)).to_be_visible()
    no_horizontal_overflow(page)
    journey.shot(page, "need-card-390")
