"""The whole life of a need, clicked through in a real browser by the three people it takes:

1. a hospital employee signs up, confirms the address from the email, registers the hospital,
   drafts a need, which cannot be submitted while the hospital is not verified;
2. a cluster coordinator logs in to the coordination admin and verifies the hospital; the
   employee submits; the coordinator publishes the need with the bulk action;
3. a company employee publishes a capability, finds the need through search and filters and
   reads its full description.

Screenshots of every step: var/screenshots/test_need_journey_from_signup_to_company/.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from companies.models import Capability
from healthmatch.accounts.models import Membership, Organisation
from healthmatch.accounts.roles import COORDINATORS_GROUP
from needs.models import Need
from tests import factories as f

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"  # tests.factories.UserFactory's
NEW_PASSWORD = "Velvet-Harbour-Lantern-58"
HOSPITAL_EMAIL = "hanne.holm@rigshospital.example"
HOSPITAL_NAME = "Rigshospitalet Test Clinic"
NEED_TITLE = "Fewer night-time falls on the geriatric ward"
NEED_DESCRIPTION = (
    "Night shifts have two nurses for 28 beds. Pressure mats give many false alarms, so staff "
    "stop trusting them; we want to know a patient is about to get up before it happens."
)
CAPABILITY_TITLE = "Contact-free radar fall prevention"


@pytest.fixture
def cast(db):
    """Everyone but the hospital employee, who signs up in the browser."""
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    terms = {
        "geriatrics": f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics"),
        "cardiology": f.ClinicalAreaFactory(name="Cardiology", slug="cardiology"),
        "ward": f.CareSettingFactory(name="Hospital ward", slug="hospital-ward"),
        "sensors": f.TechnologyTypeFactory(
            name="IoT / wearables and sensors", slug="iot-wearables-and-sensors"
        ),
        "ce": f.RegulatoryItemFactory(
            name="CE marking – MDR class IIa", slug="ce-marking-mdr-class-iia"
        ),
    }
    coordinator = f.UserFactory(email="carla@welfaretech.example", name="Carla Coordinator")
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    hub.coordinators.add(coordinator)
    company = f.OrganisationFactory(name="CareSense ApS", slug="caresense", company=True, hub=hub)
    f.CompanyProfileFactory(organisation=company)
    company_user = f.UserFactory(email="cecilie@caresense.example", name="Cecilie CEO")
    f.MembershipFactory(user=company_user, organisation=company, role=Membership.Role.ADMIN)
    return {"hub": hub, "terms": terms, "coordinator": coordinator, "company_user": company_user}


def log_in(page, email, password=PASSWORD):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def message(page, text):
    expect(page.locator(".messages, .messagelist").first).to_contain_text(text)


def run_admin_action(page, row_name, action):
    """Tick the changelist row linking to ``row_name``, choose ``action``, press Go."""
    row = page.locator("#result_list tbody tr").filter(has=page.get_by_role("link", name=row_name))
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_need_journey_from_signup_to_company(journey, mailbox, cast):
    deadline = timezone.localdate() + datetime.timedelta(days=45)

    # --- 1. The hospital employee signs up and confirms the address ---------------------------
    hospital = journey.new_page("hospital")
    hospital.goto("/")
    journey.shot(hospital, "home")
    hospital.get_by_role("link", name="Sign up").first.click()
    hospital.get_by_label("Email").fill(HOSPITAL_EMAIL)
    hospital.get_by_label("Full name").fill("Hanne Holm")
    hospital.get_by_label("Job title").fill("Head nurse, geriatrics")
    hospital.locator("#id_password1").fill(NEW_PASSWORD)
    hospital.locator("#id_password2").fill(NEW_PASSWORD)
    journey.shot(hospital, "signup")
    hospital.get_by_role("button", name="Sign Up").click()
    expect(hospital).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    journey.shot(hospital, "check-your-email")

    link = mailbox.link_to(HOSPITAL_EMAIL, "/accounts/confirm-email/")
    assert link.startswith(journey.base_url)
    hospital.goto(link)
    journey.shot(hospital, "confirm-address")
    hospital.get_by_role("button", name="Confirm").click()
    expect(hospital).to_have_url(re.compile(r"/welcome/$"))
    message(hospital, f"You have confirmed {HOSPITAL_EMAIL}")
    journey.shot(hospital, "onboarding")

    # --- ... registers the hospital -----------------------------------------------------------
    hospital.get_by_role("link", name="Register an organisation").click()
    hospital.get_by_label("Name").fill(HOSPITAL_NAME)
    hospital.get_by_label("Kind").select_option(label="Hospital")
    hospital.get_by_label("Cluster / hub").select_option(label="Welfare Tech")
    hospital.get_by_label("Country").select_option(label="Denmark")
    hospital.get_by_label("Description").fill("University hospital, geriatric department.")
    journey.shot(hospital, "register-organisation")
    hospital.get_by_role("button", name="Register").click()
    message(hospital, f"{HOSPITAL_NAME} is created")
    journey.shot(hospital, "dashboard-unverified")
    org = Organisation.objects.get(name=HOSPITAL_NAME)
    assert org.kind == Organisation.Kind.HOSPITAL and org.hub == cast["hub"]
    assert not org.is_verified
    created_mail = mailbox.last_to(cast["coordinator"].email)
    assert HOSPITAL_NAME in created_mail["Subject"]

    # --- ... drafts a need --------------------------------------------------------------------
    hospital.get_by_role("navigation", name="Main").get_by_role("link", name="Needs").click()
    hospital.get_by_role("link", name="Describe a new need").click()
    expect(hospital.locator(".notice").first).to_contain_text("is not verified yet")
    hospital.get_by_label("Title").fill(NEED_TITLE)
    hospital.get_by_label("Public summary").fill(
        "We look for a way to see that a patient is about to fall before it happens."
    )
    hospital.get_by_label("Problem description").fill(NEED_DESCRIPTION)
    hospital.get_by_label("Expected volume / scale").fill("4 wards, 1,200 patients a year")
    hospital.get_by_label("Success criteria").fill("30% fewer falls in six months.")
    hospital.get_by_role("group", name="Clinical areas").get_by_label("Geriatrics").check()
    hospital.get_by_role("group", name="Care settings").get_by_label("Hospital ward").check()
    hospital.get_by_role("group", name="Technology types").get_by_label(
        "IoT / wearables and sensors"
    ).check()
    hospital.get_by_label("Budget band").select_option(label="€50,000 – €250,000")
    hospital.get_by_label("Intended route").select_option(label="Pilot / test")
    hospital.get_by_label("Deadline for responses").fill(deadline.isoformat())
    journey.shot(hospital, "need-form")
    hospital.get_by_role("button", name="Save draft").click()
    message(hospital, "Your draft is saved")
    expect(hospital.get_by_role("heading", level=1)).to_have_text(NEED_TITLE)
    journey.shot(hospital, "need-draft")
    need = Need.objects.get(title=NEED_TITLE)
    assert need.status == Need.Status.DRAFT and need.organisation == org
    assert list(need.clinical_areas.values_list("slug", flat=True)) == ["geriatrics"]
    assert need.response_deadline == deadline

    # The hospital is not verified: no submit button, the page says why.
    expect(hospital.get_by_role("button", name="Submit for review")).to_have_count(0)
    expect(hospital.locator(".notice").first).to_contain_text("must verify the organisation")
    journey.shot(hospital, "submit-unavailable-unverified")
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT

    # --- 2. The coordinator verifies the hospital in the coordination admin -------------------
    coordinator = journey.new_page("coordinator")
    coordinator.goto("/admin/")
    expect(coordinator).to_have_url(re.compile(r"/accounts/login/\?next=(/|%2F)admin(/|%2F)$"))
    journey.shot(coordinator, "admin-login")
    log_in(coordinator, cast["coordinator"].email)
    expect(coordinator).to_have_url(re.compile(r"/admin/$"))
    journey.shot(coordinator, "admin-index")
    coordinator.goto("/admin/accounts/organisation/")
    run_admin_action(coordinator, HOSPITAL_NAME, "Verify selected organisations")
    message(coordinator, "1 organisation verified")
    journey.shot(coordinator, "admin-organisation-verified")
    org.refresh_from_db()
    assert org.is_verified and org.verified_by == cast["coordinator"]
    assert HOSPITAL_NAME in mailbox.last_to(HOSPITAL_EMAIL)["Subject"]

    # The employee submits again, now accepted.
    hospital.reload()
    hospital.get_by_role("button", name="Submit for review").click()
    message(hospital, "Submitted")
    expect(hospital.locator(".page-header .badge")).to_have_text("Awaiting review")
    journey.shot(hospital, "need-submitted")
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED

    # The coordinator publishes it with the bulk action.
    coordinator.goto("/admin/needs/need/")
    journey.shot(coordinator, "admin-needs")
    run_admin_action(coordinator, NEED_TITLE, "Publish selected needs")
    message(coordinator, "1 need published")
    journey.shot(coordinator, "admin-need-published")
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED and need.published_at is not None

    # --- 3. The company publishes a capability ------------------------------------------------
    company = journey.new_page("company")
    company.goto("/accounts/login/")
    log_in(company, cast["company_user"].email)
    expect(company).to_have_url(re.compile(r"/dashboard/$"))
    journey.shot(company, "company-dashboard")
    company.goto("/companies/capabilities/new/")
    company.get_by_label("Kind").select_option(label="Product")
    company.get_by_label("Title").fill(CAPABILITY_TITLE)
    company.get_by_label("Summary").fill("Radar sensors that see a patient getting up.")
    company.get_by_label("Description").fill(
        "A ceiling-mounted radar detects restlessness and falls without cameras or wearables."
    )
    company.get_by_role("group", name="Technology types").get_by_label(
        "IoT / wearables and sensors"
    ).check()
    company.get_by_role("group", name="Clinical areas").get_by_label("Geriatrics").check()
    company.get_by_label("Technology readiness").select_option(value="7")
    certification = company.locator("#certifications-formset .formset-row").first
    certification.get_by_label("Regulatory item").select_option(label="CE marking – MDR class IIa")
    certification.get_by_label("Certificate number / notified body").fill("CE 0123-IIa")
    journey.shot(company, "capability-form")
    company.get_by_role("button", name="Save draft").click()
    message(company, "The draft is saved")
    expect(company.get_by_role("heading", level=1)).to_have_text(CAPABILITY_TITLE)
    company.get_by_role("button", name="Publish").click()
    expect(company.locator(".page-header .badge")).to_have_text("Published")
    expect(company.get_by_role("cell", name="CE marking – MDR class IIa")).to_be_visible()
    journey.shot(company, "capability-published")
    capability = Capability.objects.get(title=CAPABILITY_TITLE)
    assert capability.status == Capability.Status.PUBLISHED
    assert capability.trl == 7
    assert capability.certifications.get().reference == "CE 0123-IIa"

    # --- ... and finds the need through search and filters ------------------------------------
    company.get_by_role("navigation", name="Main").get_by_role("link", name="Needs").click()
    filters = company.get_by_role("search")
    filters.get_by_label("Search").fill("night-time falls")
    filters.get_by_label("Clinical area").select_option(label="Geriatrics")
    filters.get_by_role("button", name="Show needs").click()
    expect(company).to_have_url(re.compile(r"clinical_area="))
    expect(company.locator(".result-count")).to_have_text("1 need found")
    journey.shot(company, "needs-search")

    # A filter that does not fit hides it.
    filters.get_by_label("Clinical area").select_option(label="Cardiology")
    filters.get_by_role("button", name="Show needs").click()
    expect(company.locator(".result-count")).to_have_text("0 needs found")
    journey.shot(company, "needs-search-other-area")
    filters.get_by_label("Clinical area").select_option(label="Geriatrics")
    filters.get_by_role("button", name="Show needs").click()

    company.get_by_role("link", name=NEED_TITLE).click()
    expect(company.get_by_role("heading", level=1)).to_have_text(NEED_TITLE)
    expect(company.locator(".need-description")).to_have_text(NEED_DESCRIPTION)
    expect(company.locator(".facts")).to_contain_text("€50,000 – €250,000")
    journey.shot(company, "need-detail-full")
