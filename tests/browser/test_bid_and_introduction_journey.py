"""Bids and introductions, clicked through in a real browser by the people they concern:

1. a company member bids on a published need (draft, then submitted); the need's owner finds
   the bid on the need's bids page, cannot decline it without feedback, shortlists and then
   accepts it with feedback; the bidder reads the decision and the feedback; a competing
   company's member who opens the bid's address gets a 404;
2. a suggested match: the need's owner and the company member each say "Interested" on their
   match card, so it becomes mutual; the hub's coordinator approves it in the curation queue,
   edits the drafted introduction and sends it; both sides then see each other's contact
   details on the match page and the company reports "We met".

Emails go through the outbox, whose sender task runs eagerly after each commit in tests; the
file backend writes them where the ``mailbox`` fixture reads them.

Screenshots: var/screenshots/test_bid_journey_from_draft_to_decision/ and
var/screenshots/test_introduction_journey_from_interest_to_meeting/.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from matching.bids.models import Bid
from matching.lifecycle.models import Introduction, MatchEvent
from matching.models import Match
from tests import factories as f
from tests.browser.test_need_journey import log_in, message
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.browser

NEED_TITLE = "Fewer night-time falls on the geriatric ward"
CAPABILITY_TITLE = "Radar fall detection for patient rooms"
BID_SUMMARY = "Radar units in every room warn the night nurse before a patient gets up."
BID_SOLUTION = (
    "Ceiling-mounted radar sensors, installed in a day per ward, send an alert to the ward "
    "phones when a patient sits up at night. No cameras, nothing to wear."
)
DECISION_FEEDBACK = "Convincing evidence. We would like to start with two wards in spring."
INTRO_ADDITION = "Carla adds: Hanne and Sofie, please find a date before the end of the month."


@pytest.fixture
def world(buyer_org, owner, company_org, company_member, coordinator):
    """A published need of the buyer (written by ``owner``), a published capability of the
    company with a contact person, and a competing company in the same hub."""
    buyer_org.website = "https://ouh.example"
    buyer_org.save()
    need = published_need(
        buyer_org,
        created_by=owner,
        title=NEED_TITLE,
        response_deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    profile = f.CompanyProfileFactory(organisation=company_org)
    f.ContactPersonFactory(
        company=profile,
        name="Sales Sofie",
        role="Key account manager",
        email="sofie@caresense.example",
        phone="+45 1234 5678",
    )
    capability = published_capability(profile, title=CAPABILITY_TITLE)
    rival_org = f.OrganisationFactory(name="Rival Sensors A/S", company=True, hub=buyer_org.hub)
    rival = f.UserFactory(email="rita@rival.example", name="Rita Rival")
    f.MembershipFactory(user=rival, organisation=rival_org)
    published_capability(f.CompanyProfileFactory(organisation=rival_org), title="Smart mats")
    return SimpleNamespace(need=need, capability=capability, rival=rival)


def open_as(journey, who, user, path):
    """A new browser for ``who``: log in, then open ``path``."""
    page = journey.new_page(who)
    page.goto(f"/accounts/login/?next={path}")
    log_in(page, user.email)
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    return page


def test_bid_journey_from_draft_to_decision(
    journey, mailbox, world, owner, company_member, company_owner
):
    need = world.need

    # --- 1. The company member bids: a draft first, then submitted ----------------------------
    company = open_as(journey, "company", company_member, need.get_absolute_url())
    expect(company.get_by_role("heading", level=1)).to_have_text(NEED_TITLE)
    journey.shot(company, "need-page")
    company.get_by_role("link", name="Bid on this need").click()
    expect(company.get_by_role("heading", level=1)).to_have_text("Bid on this need")
    company.get_by_label(re.compile(r"^Summary")).fill(BID_SUMMARY)
    company.get_by_label("Proposed solution").fill(BID_SOLUTION)
    company.get_by_role("group", name="Capabilities offered").get_by_label(CAPABILITY_TITLE).check()
    company.get_by_label("Indicative price from").fill("150000")
    company.get_by_label("Indicative price to").fill("400000")
    company.get_by_label("Currency").select_option("DKK")
    company.get_by_label("Timeline").fill("Pilot in 3 months, roll-out in 12")
    journey.shot(company, "bid-form")
    company.get_by_role("button", name="Save draft").click()
    message(company, "Your draft is saved.")
    expect(company.locator(".page-header .bid-state")).to_have_text("Draft")
    expect(company.locator(".bid-summary")).to_have_text(BID_SUMMARY)
    expect(company.locator(".facts")).to_contain_text("DKK\u00a0150,000 – DKK\u00a0400,000")
    expect(company.locator(".facts")).to_contain_text(CAPABILITY_TITLE)
    journey.shot(company, "bid-draft")
    bid = Bid.objects.get(need=need)
    assert bid.state == Bid.State.DRAFT and bid.submitted_at is None
    assert not mailbox.to(owner.email), "a draft is the company's own business"

    company.get_by_role("button", name="Submit the bid").click()
    message(company, "Your bid is submitted.")
    expect(company.locator(".page-header .bid-state")).to_have_text("Submitted")
    journey.shot(company, "bid-submitted")
    bid.refresh_from_db()
    assert bid.state == Bid.State.SUBMITTED and bid.submitted_at is not None
    assert "CareSense ApS" in mailbox.last_to(owner.email)["Subject"]

    # --- 2. The need's owner finds it on the need's bids page --------------------------------
    buyer = open_as(journey, "buyer", owner, need.get_absolute_url())
    expect(buyer.locator(".need-bids")).to_contain_text("CareSense ApS")
    buyer.get_by_role("link", name="All bids on this need").click()
    expect(buyer.get_by_role("heading", level=1)).to_have_text(f"Bids on “{NEED_TITLE}”")
    row = buyer.locator(".bid-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(BID_SUMMARY)
    expect(row.locator(".bid-state")).to_have_text("Submitted")
    journey.shot(buyer, "need-bids")
    row.get_by_role("link", name="CareSense ApS").click()
    expect(buyer.get_by_role("heading", level=1)).to_have_text("Bid by CareSense ApS")
    expect(buyer.locator(".bid-solution")).to_have_text(BID_SOLUTION)

    # Declining without feedback is refused next to the feedback field; nothing changes.
    decision = buyer.locator("section").filter(
        has=buyer.get_by_role("heading", name="Your decision")
    )
    decision.get_by_label("Decline").check()
    decision.get_by_role("button", name="Save the decision and tell the company").click()
    feedback_field = buyer.locator(".field.has-error").filter(has=buyer.locator("#id_feedback"))
    expect(feedback_field.locator(".errorlist")).to_have_text(
        "Tell the company why you decline its bid."
    )
    expect(buyer.locator(".page-header .bid-state")).to_have_text("Submitted")
    journey.shot(buyer, "decline-needs-feedback")
    bid.refresh_from_db()
    assert bid.state == Bid.State.SUBMITTED and bid.feedback == ""

    # Shortlist, then accept with feedback.
    decision.get_by_label("Shortlist").check()
    decision.get_by_role("button", name="Save the decision and tell the company").click()
    message(buyer, "Your decision is saved and 2 people at CareSense ApS are told by email.")
    expect(buyer.locator(".page-header .bid-state")).to_have_text("Shortlisted")
    expect(decision.get_by_label("Shortlist")).to_have_count(0)
    journey.shot(buyer, "bid-shortlisted")
    decision.get_by_label("Accept").check()
    decision.get_by_label("Feedback to the company").fill(DECISION_FEEDBACK)
    decision.get_by_role("button", name="Save the decision and tell the company").click()
    message(buyer, "Your decision is saved and 2 people at CareSense ApS are told by email.")
    expect(buyer.locator(".page-header .bid-state")).to_have_text("Accepted")
    expect(buyer.get_by_role("heading", name="Your decision")).to_have_count(0)
    journey.shot(buyer, "bid-accepted")

    # --- 3. The bidder reads the decision and the feedback -----------------------------------
    company.reload()
    expect(company.locator(".page-header .bid-state")).to_have_text("Accepted")
    expect(company.locator(".bid-decision")).to_contain_text("Accepted")
    expect(company.locator(".bid-feedback")).to_have_text(DECISION_FEEDBACK)
    expect(company.get_by_role("button", name="Submit the bid")).to_have_count(0)
    journey.shot(company, "bidder-sees-decision")
    company.get_by_role("link", name="My bids").first.click()
    expect(company.locator(".bid-table")).to_contain_text(NEED_TITLE)
    expect(company.locator(".bid-table .bid-state")).to_have_text("Accepted")
    journey.shot(company, "my-bids")
    for person in (company_member, company_owner):
        assert DECISION_FEEDBACK in mailbox.text(mailbox.last_to(person.email))

    # --- 4. A competing company's member learns nothing of it --------------------------------
    rival = open_as(journey, "rival", world.rival, need.get_absolute_url())
    expect(rival.get_by_role("link", name="Bid on this need")).to_be_visible()
    expect(rival.locator(".need-bids")).to_have_count(0)
    expect(rival.locator("main")).not_to_contain_text(BID_SUMMARY)
    journey.shot(rival, "rival-need-page")
    response = rival.goto(f"/bids/{bid.pk}/")
    assert response.status == 404
    expect(rival.locator("body")).to_contain_text("Page not found")
    expect(rival.locator("body")).not_to_contain_text(BID_SUMMARY)
    # Chromium reports the 404 on the console: the one error this step expects, and excuses.
    expected = f"[rival] {rival.url}: console error: Failed to load resource: the server "
    expected += "responded with a status of 404 (Not Found)"
    for _ in range(50):  # console messages arrive on their own; give it up to 5 s
        if journey.errors:
            break
        rival.wait_for_timeout(100)
    assert journey.errors == [expected]
    journey.errors.clear()
    journey.shot(rival, "rival-gets-404")

    # --- The rows --------------------------------------------------------------------------
    bid.refresh_from_db()
    assert bid.state == Bid.State.ACCEPTED
    assert bid.feedback == DECISION_FEEDBACK
    assert bid.decided_by == owner and bid.decided_at is not None
    assert bid.author == company_member
    assert list(bid.capabilities.values_list("title", flat=True)) == [CAPABILITY_TITLE]
    assert (bid.price_min, bid.price_max, bid.currency) == (150000, 400000, "DKK")
    assert Bid.objects.count() == 1
    steps = list(bid.events.order_by("created_at", "pk").values_list("from_state", "to_state"))
    assert steps == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "shortlisted"),
        ("shortlisted", "accepted"),
    ]


def test_introduction_journey_from_interest_to_meeting(
    journey, mailbox, world, owner, company_member, company_owner, coordinator
):
    need, capability = world.need, world.capability
    match = make_match(
        need,
        capability,
        0.82,
        status=Match.Status.SUGGESTED,
        shared_terms=["fall", "radar", "night", "geriatric"],
    )
    match_url = f"/matches/{match.pk}/"

    # --- 1. The need's owner is interested in the suggested company --------------------------
    buyer = open_as(journey, "buyer", owner, need.get_absolute_url())
    card = buyer.locator(".match-suggestions .match-card").filter(has_text=CAPABILITY_TITLE)
    expect(card).to_contain_text("82 % match")
    expect(card).to_contain_text("CareSense ApS")
    journey.shot(buyer, "suggested-companies")
    card.get_by_role("button", name="Interested").click()
    message(buyer, "Thank you: your interest is recorded.")
    expect(buyer).to_have_url(re.compile(re.escape(need.get_absolute_url()) + "$"))
    expect(card.locator(".interest-state")).to_have_text("The need side is interested.")
    journey.shot(buyer, "buyer-interested")
    match.refresh_from_db()
    assert (match.status, match.buyer_interest) == (Match.Status.SUGGESTED, "interested")

    # --- 2. The company member is interested too: the match is mutual ------------------------
    company = open_as(journey, "company", company_member, "/dashboard/")
    card = company.locator(".needs-for-you .match-card").filter(has_text=NEED_TITLE)
    expect(card.locator(".interest-state")).to_have_text("The need side is interested.")
    journey.shot(company, "needs-for-you")
    card.get_by_role("button", name="Interested").click()
    message(company, "Thank you: your interest is recorded.")
    expect(company).to_have_url(re.compile(r"/dashboard/$"))
    in_progress = company.locator(".matches-in-progress")
    expect(in_progress).to_contain_text(NEED_TITLE)
    expect(in_progress.locator(".badge")).to_have_text("Mutual interest")
    expect(card).to_have_count(0)  # no longer a suggestion
    journey.shot(company, "match-mutual")
    match.refresh_from_db()
    assert match.status == Match.Status.MUTUAL
    mutual_mail = mailbox.last_to(coordinator.email)
    assert f"Mutual interest: {NEED_TITLE} ↔ CareSense ApS" in mutual_mail["Subject"]

    # Before the introduction, no contact details.
    in_progress.get_by_role("link", name=re.compile(re.escape(NEED_TITLE))).click()
    expect(company).to_have_url(re.compile(re.escape(match_url) + "$"))
    expect(company.locator(".page-header .badge")).to_have_text("Mutual interest")
    expect(company.locator(".contacts")).to_have_count(0)
    expect(company.locator("main")).to_contain_text("Contact details are shared once")
    journey.shot(company, "match-page-before-introduction")

    # --- 3. The coordinator approves in the curation queue and sends the introduction --------
    admin = journey.new_page("coordinator")
    admin.goto("/admin/")
    expect(admin).to_have_url(re.compile(r"/accounts/login/\?next=(/|%2F)admin(/|%2F)$"))
    log_in(admin, coordinator.email)
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    admin.goto("/admin/matching/curationqueueitem/")
    # (The engine may have suggested the rival's capability for the need too: another row.)
    row = (
        admin.locator("#result_list tbody tr")
        .filter(has_text=NEED_TITLE)
        .filter(has_text="CareSense ApS")
    )
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Mutual interest")
    expect(row).to_contain_text("82 % match")
    journey.shot(admin, "curation-queue")
    row.get_by_role("button", name="Approve").click()
    message(admin, "Approved.")
    expect(admin).to_have_url(re.compile(r"/admin/matching/curationqueueitem/$"))
    expect(row).to_have_count(0)  # approved: out of the queue
    journey.shot(admin, "approved")
    match.refresh_from_db()
    assert match.status == Match.Status.APPROVED
    assert Introduction.objects.get(match=match).sent_at is None

    admin.get_by_role("link", name="Edit and send the introduction").click()
    expect(admin).to_have_url(
        re.compile(rf"/admin/matching/match/{match.pk}/lifecycle/introduction/$")
    )
    expect(admin.get_by_label("Subject")).to_have_value(re.compile(re.escape(NEED_TITLE)))
    subject = admin.get_by_label("Subject").input_value()
    body_buyer = admin.get_by_label("Text to the need side")
    drafted = body_buyer.input_value()
    assert drafted.startswith("Dear Odense University Hospital,")
    assert (
        f"introduce you to CareSense ApS, whose capability could meet your need “{NEED_TITLE}”"
        in (drafted)
    )
    body_buyer.fill(f"{drafted}\n\n{INTRO_ADDITION}")
    journey.shot(admin, "introduction-editor")
    recipients = admin.locator("#introduction-recipients")
    expect(recipients).to_contain_text("Odense University Hospital: Olivia Owner")
    expect(recipients).to_contain_text("<ceo@caresense.example>")
    admin.get_by_role("button", name="Send to these recipients").click()
    message(
        admin,
        "The introduction is in the outbox for Odense University Hospital: owner@ouh.example "
        "and for CareSense ApS: dev@caresense.example, ceo@caresense.example.",
    )
    expect(admin).to_have_url(re.compile(rf"/admin/matching/match/{match.pk}/change/$"))
    journey.shot(admin, "introduction-sent")

    # Both sides got it: the need side the edited text and the company's contact person.
    to_buyer = mailbox.text(mailbox.last_to(owner.email))
    assert INTRO_ADDITION in to_buyer
    assert "Sales Sofie, Key account manager <sofie@caresense.example>" in to_buyer
    assert mailbox.last_to(owner.email)["Subject"].strip() == subject
    for person in (company_member, company_owner):
        to_company = mailbox.text(mailbox.last_to(person.email))
        assert INTRO_ADDITION not in to_company
        assert f"<{owner.email}>" in to_company
        assert f"whose need “{NEED_TITLE}” your capability “{CAPABILITY_TITLE}”" in to_company
        assert match_url in to_company

    # --- 4. Both sides see each other's contact details; the company reports "We met" -------
    buyer.goto(match_url)
    expect(buyer.locator(".page-header .badge")).to_have_text("Introduced")
    expect(buyer.locator(".contacts-company")).to_contain_text("Sales Sofie")
    expect(buyer.locator(".contacts-company")).to_contain_text("sofie@caresense.example")
    expect(buyer.locator(".contacts-company")).to_contain_text("+45 1234 5678")
    journey.shot(buyer, "buyer-sees-contacts")

    company.reload()
    expect(company.locator(".page-header .badge")).to_have_text("Introduced")
    expect(company.locator(".contacts-buyer")).to_contain_text(owner.email)
    expect(company.locator(".contacts-buyer")).to_contain_text("https://ouh.example")
    journey.shot(company, "company-sees-contacts")
    company.get_by_label("Note (optional)").fill("Met on the ward on Tuesday; pilot plan next.")
    company.get_by_role("button", name="We met").click()
    message(company, "Thank you: the match is updated.")
    expect(company.locator(".page-header .badge")).to_have_text("Meeting held")
    expect(company.locator(".match-history")).to_contain_text("Met on the ward on Tuesday")
    expect(company.get_by_role("button", name="We met")).to_have_count(0)
    journey.shot(company, "we-met")

    # --- The rows --------------------------------------------------------------------------
    match.refresh_from_db()
    assert match.status == Match.Status.MET
    assert match.introduced_at is not None and match.follow_up_due_at is not None
    assert (match.buyer_interest, match.company_interest) == ("interested", "interested")
    events = list(
        MatchEvent.objects.filter(match=match)
        .order_by("created_at", "pk")
        .values_list("from_status", "to_status", "actor__email")
    )
    assert events == [
        ("suggested", "mutual", company_member.email),
        ("mutual", "approved", coordinator.email),
        ("approved", "introduced", coordinator.email),
        ("introduced", "met", company_member.email),
    ]
    intro = Introduction.objects.get(match=match)
    assert intro.sent_by == coordinator and intro.sent_at is not None
    assert intro.body_buyer.endswith(INTRO_ADDITION)
