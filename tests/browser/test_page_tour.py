"""Every main page, for every role, at 390 px and at 1280 px wide, in one browser.

For each role (anonymous, a hospital member, a company member, a coordinator) the tour opens
each page the role can reach at both widths and fails when a page scrolls sideways
(``document.documentElement.scrollWidth > clientWidth``) or when the site header takes more than
one row. Every problem of the role is listed in one failure, so a layout change shows all the
pages it breaks at once.

Screenshots of every page at both widths: ``BROWSER_SCREENSHOTS=<dir>`` puts them in
``<dir>/<role>/<width>-<page>.png``; without it they land in var/screenshots/<test name>/.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from events.requests.models import MeetingRequest
from healthmatch.accounts.models import Membership
from healthmatch.accounts.roles import COORDINATORS_GROUP
from healthmatch.webhooks.models import Delivery, Endpoint
from matching.bids.models import Bid
from tests import factories as f

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
HEIGHT = 900

# The rows of the header: every visible control in it, by its box. Two controls are on different
# rows when one starts below the other's bottom.
HEADER_ROWS = """
(selector) => {
  const header = document.querySelector(selector);
  if (!header) { return null; }
  const controls = "a, button, select, input:not([type=hidden]), .user-name";
  const boxes = [...header.querySelectorAll(controls)]
    .filter((el) => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }))
    .map((el) => el.getBoundingClientRect())
    .filter((box) => box.width > 0 && box.height > 0);
  const rows = [];
  for (const box of boxes.sort((a, b) => a.top - b.top)) {
    const row = rows.find((r) => box.top < r.bottom && box.bottom > r.top);
    if (row) {
      row.top = Math.min(row.top, box.top);
      row.bottom = Math.max(row.bottom, box.bottom);
    } else {
      rows.push({ top: box.top, bottom: box.bottom });
    }
  }
  return rows.length;
}
"""
# The site's header at both widths; at 1280 px also the coordination admin's (the report pages).
# Django's admin header wraps on a phone by its own design; its pages must still not overflow.
HEADER_SELECTOR = {1280: ".site-header, #header", 390: ".site-header"}
NOT_FOUND_CONSOLE = re.compile(r"/no-such-page/: console error: .* status of 404")
OVERFLOW = """
() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) { return null; }
  // Name the widest culprits: elements whose right edge passes the viewport.
  const passes = (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5;
  const name = (el) => {
    const classes = typeof el.className === "string" ? el.className.trim() : "";
    return el.tagName.toLowerCase() + (classes ? "." + classes.replace(/\\s+/g, ".") : "");
  };
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => passes(el) && !(el.parentElement && passes(el.parentElement)))
    .slice(0, 3)
    .map(name);
  return { scroll: root.scrollWidth, client: root.clientWidth, culprits: wide };
}
"""


@pytest.fixture
def world(db):
    """One of everything a page shows: a hospital with a public and a confidential need, a
    company with a published capability, a match and bids, an event with registrations and a
    meeting request, a webhook endpoint with a delivery."""
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    hospital = f.OrganisationFactory(
        name="Odense University Hospital", slug="odense-university-hospital", hub=hub
    )
    company = f.OrganisationFactory(
        name="CareSense Scandinavia ApS", slug="caresense", company=True, hub=hub
    )
    profile = f.CompanyProfileFactory(organisation=company)
    hanne = f.UserFactory(email="hanne.holm@ouh.example", name="Hanne Holm-Kristensen")
    f.MembershipFactory(user=hanne, organisation=hospital, role=Membership.Role.ADMIN)
    cecilie = f.UserFactory(email="cecilie.dahl@caresense.example", name="Cecilie Dahl-Jensen")
    f.MembershipFactory(user=cecilie, organisation=company, role=Membership.Role.ADMIN)
    carla = f.UserFactory(email="carla@welfaretech.example", name="Carla Coordinator")
    carla.is_staff = True
    carla.save()
    carla.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    hub.coordinators.add(carla)

    area = f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics")
    need = f.NeedFactory(
        organisation=hospital,
        published=True,
        title="Fewer night-time falls on the geriatric ward without more false alarms",
    )
    need.clinical_areas.set([area])
    open_need = f.NeedFactory(
        organisation=hospital, published=True, title="Remote monitoring after hip surgery"
    )
    draft = f.NeedFactory(organisation=hospital, title="Draft: quieter dementia nights")
    confidential = f.NeedFactory(
        organisation=hospital,
        published=True,
        is_confidential=True,
        title="Confidential: medication robots for the central pharmacy",
    )
    f.NeedInvitationFactory(need=confidential, organisation=company)
    capability = f.CapabilityFactory(
        company=profile, published=True, title="Contact-free radar fall prevention"
    )
    match = f.MatchFactory(need=need, capability=capability, score=0.82)
    f.MatchFactory(need=confidential, capability=capability, score=0.61)
    bid = Bid.objects.create(
        need=need,
        company=company,
        author=cecilie,
        summary="A radar sensor per room, alerts to the nurses' phones.",
        solution="Pilot on two wards for six months.",
        price_min=120000,
        price_max=180000,
        state=Bid.State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    draft_bid = Bid.objects.create(
        need=confidential,
        company=company,
        author=cecilie,
        summary="Robot arms that pick and pack.",
        solution="A first robot in the night shift.",
        state=Bid.State.DRAFT,
    )

    event = f.EventFactory(hub=hub, title="Welfare Tech Matchmaking Day", capacity=60)
    f.SessionFactory(event=event, title="Morning meetings")
    f.TableFactory(event=event)
    buyer = f.RegistrationFactory(event=event, user=hanne, organisation=hospital)
    buyer.pitched_needs.set([need])
    seller = f.RegistrationFactory(event=event, user=cecilie, organisation=company)
    seller.capabilities.set([capability])
    f.MeetingRequestFactory(
        from_registration=seller, to_registration=buyer, status=MeetingRequest.Status.PENDING
    )

    endpoint = Endpoint.objects.create(
        organisation=hospital,
        url="https://erp.ouh.example/hooks/healthmatch/incoming/need-events",
        description="Our ERP",
        secret="whsec_" + "a" * 40,
        events=["need.published"],
        created_by=hanne,
    )
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        webhook_id="msg_tour_1",
        event_type="need.published",
        payload={"type": "need.published", "data": {"id": need.pk, "title": need.title}},
        state=Delivery.State.SUCCEEDED,
        attempts=1,
        last_status_code=200,
        delivered_at=timezone.now(),
    )
    return {
        "hub": hub,
        "hospital": hospital,
        "company": company,
        "users": {"hospital": hanne, "company": cecilie, "coordinator": carla},
        "need": need,
        "open_need": open_need,
        "draft": draft,
        "confidential": confidential,
        "capability": capability,
        "match": match,
        "bid": bid,
        "draft_bid": draft_bid,
        "event": event,
        "endpoint": endpoint,
        "delivery": delivery,
    }


def pages_of(role, w):
    """(name, path) of every main page the role can open."""
    need, event, hospital, company = w["need"], w["event"], w["hospital"], w["company"]
    common = [
        ("home", "/"),
        ("needs", "/needs/"),
        ("need", f"/needs/{need.pk}/"),
        ("events", "/events/"),
        ("event", f"/events/{event.pk}/"),
    ]
    account = [
        ("dashboard", "/dashboard/"),
        ("companies", "/companies/"),
        ("company-profile", f"/companies/{company.slug}/"),
        ("capability", f"/companies/capabilities/{w['capability'].pk}/"),
        ("match", f"/matches/{w['match'].pk}/"),
        ("notification-preferences", "/notifications/preferences/"),
        ("api-tokens", "/account/api-tokens/"),
        ("account-email", "/accounts/email/"),
        ("account-password", "/accounts/password/change/"),
        ("welcome", "/welcome/"),
        ("organisation-new", "/organisations/new/"),
        ("organisation-join", "/organisations/join/"),
    ]
    if role == "anonymous":
        return [
            *common,
            ("log-in", "/accounts/login/"),
            ("sign-up", "/accounts/signup/"),
            ("password-reset", "/accounts/password/reset/"),
        ]
    if role == "hospital":
        hooks = f"/organisations/{hospital.slug}/webhooks"
        return [
            *common,
            *account,
            ("need-form", "/needs/new/"),
            ("need-draft", f"/needs/{w['draft'].pk}/"),
            ("need-edit", f"/needs/{w['draft'].pk}/edit/"),
            ("need-confidential", f"/needs/{w['confidential'].pk}/"),
            ("need-invitations", f"/needs/{w['confidential'].pk}/invitations/"),
            ("need-bids", f"/bids/need/{need.pk}/"),
            ("bid", f"/bids/{w['bid'].pk}/"),
            ("event-registration", f"/events/{event.pk}/registration/"),
            ("event-participants", f"/events/{event.pk}/participants/"),
            ("event-requests", f"/events/{event.pk}/requests/"),
            ("event-agenda", f"/events/{event.pk}/agenda/"),
            ("organisation-members", f"/organisations/{hospital.slug}/members/"),
            ("webhooks", f"{hooks}/"),
            ("webhook-new", f"{hooks}/new/"),
            ("webhook", f"{hooks}/{w['endpoint'].pk}/"),
            ("webhook-delivery", f"{hooks}/{w['endpoint'].pk}/deliveries/{w['delivery'].pk}/"),
        ]
    if role == "company":
        return [
            *common,
            *account,
            ("need-confidential", f"/needs/{w['confidential'].pk}/"),
            ("my-bids", "/bids/"),
            ("bid-form", f"/bids/need/{w['open_need'].pk}/new/"),
            ("bid", f"/bids/{w['bid'].pk}/"),
            ("bid-edit", f"/bids/{w['draft_bid'].pk}/edit/"),
            ("capability-form", "/companies/capabilities/new/"),
            ("capability-edit", f"/companies/capabilities/{w['capability'].pk}/edit/"),
            ("company-profile-edit", f"/companies/{company.slug}/edit/"),
            ("event-registration", f"/events/{event.pk}/registration/"),
            ("event-participants", f"/events/{event.pk}/participants/"),
            ("event-requests", f"/events/{event.pk}/requests/"),
            ("organisation-members", f"/organisations/{company.slug}/members/"),
            ("webhooks", f"/organisations/{company.slug}/webhooks/"),
        ]
    return [
        *common,
        *account,
        ("need-confidential", f"/needs/{w['confidential'].pk}/"),
        ("need-bids", f"/bids/need/{need.pk}/"),
        ("funnel", "/admin/reports/funnel/"),
        ("audit", "/admin/reports/audit/"),
        ("event-figures", f"/events/{event.pk}/figures/"),
        ("event-table-plan", f"/events/{event.pk}/table-plan/"),
        ("event-participants", f"/events/{event.pk}/participants/"),
    ]


def screenshot_folder(journey, role) -> Path:
    chosen = os.environ.get("BROWSER_SCREENSHOTS")
    folder = Path(chosen) / role if chosen else journey.folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(journey, page, user):
    """Sign the browser in with a session made on the server (the log-in form has its own
    journeys)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": journey.base_url}])


def tour(journey, page, pages, folder):
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        for name, path in [*pages, ("not-found", "/no-such-page/")]:
            response = page.goto(path)
            expected = 404 if name == "not-found" else 200
            if response.status != expected or not page.url.endswith(path):
                problems.append(f"{width}px {path}: {response.status} at {page.url}")
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                problems.append(
                    f"{width}px {path}: scrolls sideways, {overflow['scroll']}px content in "
                    f"{overflow['client']}px ({', '.join(overflow['culprits'])})"
                )
            rows = page.evaluate(HEADER_ROWS, HEADER_SELECTOR[width])
            if rows is not None and rows != 1:
                problems.append(f"{width}px {path}: the header takes {rows} rows")
            page.screenshot(path=folder / f"{width}-{name}.png", full_page=True)
    # The browser reports the 404 page's status on the console; nothing else is excused.
    journey.errors = [e for e in journey.errors if not NOT_FOUND_CONSOLE.search(e)]
    return problems + journey.errors


ROLES = ("anonymous", "hospital", "company", "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_both_widths(journey, world, role):
    page = journey.new_page(role)
    if role != "anonymous":
        log_in(journey, page, world["users"][role])
    problems = tour(journey, page, pages_of(role, world), screenshot_folder(journey, role))
    assert not problems, f"{len(problems)} layout problems for {role}:\n" + "\n".join(problems)
