"""Claiming a listed company, clicked through in a real browser: the hub's coordinator opens
the company profile in the admin and invites its contact person; the contact opens the emailed
link on a phone (390 px), creates an account, confirms the address, lands back on the
invitation and joins the company as its administrator. Every page at 390 px and 1280 px
without sideways scrolling.

Screenshots: var/screenshots/test_contact_claims_a_listed_company/.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from healthmatch.accounts.models import Membership
from healthmatch.accounts.roles import COORDINATORS_GROUP
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow
from tests.browser.test_need_journey import log_in, message

pytestmark = pytest.mark.browser
CONTACT = "sigrid@quiet.example"
PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def cast(db):
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    coordinator = f.UserFactory(email="carla@welfaretech.example", name="Carla Coordinator")
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    hub.coordinators.add(coordinator)
    org = f.OrganisationFactory(name="Quiet Sensors ApS", slug="quiet", company=True, hub=hub)
    profile = f.CompanyProfileFactory(organisation=org)
    f.ContactPersonFactory(company=profile, name="Sigrid Sales", email=CONTACT)
    return {"coordinator": coordinator, "org": org, "profile": profile}


def test_contact_claims_a_listed_company(journey, mailbox, cast):
    org = cast["org"]

    # --- 1. The coordinator invites the contact person from the company profile -------------
    admin = journey.new_page("coordinator")
    admin.goto(
        f"/accounts/login/?next=/admin/companies/companyprofile/{cast['profile'].pk}/change/"
    )
    log_in(admin, cast["coordinator"].email)
    admin.get_by_role("link", name="Invite to claim…").click()
    expect(admin.get_by_label("Email address")).to_have_value(CONTACT)
    expect(admin.get_by_label("Name")).to_have_value("Sigrid Sales")
    journey.shot(admin, "invite-form")
    admin.get_by_role("button", name="Send the invitation").click()
    message(admin, f"An invitation to claim Quiet Sensors ApS is in the outbox for {CONTACT}")
    expect(admin.locator("body")).to_contain_text("open until")
    journey.shot(admin, "invited")

    # --- 2. The contact opens the link on a phone and creates an account --------------------
    link = mailbox.link_to(CONTACT, "/invitations/")
    path = re.sub(r"^https?://[^/]+", "", link)
    phone = journey.new_page("contact")
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Claim Quiet Sensors ApS")
    no_horizontal_overflow(phone)
    journey.shot(phone, "invitation-390")
    phone.set_viewport_size({"width": 1280, "height": 900})
    no_horizontal_overflow(phone)
    journey.shot(phone, "invitation-1280")
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.get_by_role("link", name="Create an account").click()
    phone.get_by_label("Email").fill(CONTACT)
    phone.get_by_label("Full name").fill("Sigrid Sales")
    phone.locator("#id_password1").fill(PASSWORD)
    phone.locator("#id_password2").fill(PASSWORD)
    phone.get_by_role("button", name="Sign Up").click()
    expect(phone).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    phone.goto(mailbox.link_to(CONTACT, "/accounts/confirm-email/"))
    phone.get_by_role("button", name="Confirm").click()

    # --- 3. Back on the invitation, the contact joins as administrator ----------------------
    expect(phone).to_have_url(re.compile(re.escape(path) + "$"))
    join = phone.get_by_role("button", name="Join Quiet Sensors ApS as its administrator")
    no_horizontal_overflow(phone)
    journey.shot(phone, "confirm-claim-390")
    join.focus()
    phone.keyboard.press("Enter")
    message(phone, "You are now an administrator of Quiet Sensors ApS.")
    expect(phone).to_have_url(re.compile(r"/organisations/quiet/members/$"))
    journey.shot(phone, "members")

    membership = Membership.objects.get(organisation=org)
    assert (membership.user.email, membership.role, membership.status) == (
        CONTACT,
        Membership.Role.ADMIN,
        Membership.Status.ACTIVE,
    )

    # --- 4. The link is used up -------------------------------------------------------------
    response = phone.goto(path)
    assert response.status == 410
    expect(phone.get_by_role("heading", level=1)).to_have_text("This invitation no longer works")
    no_horizontal_overflow(phone)
    # Chromium reports the 410 on the console: the one error this step expects, and excuses.
    for _ in range(50):  # console messages arrive on their own; give it up to 5 s
        if journey.errors:
            break
        phone.wait_for_timeout(100)
    assert [e for e in journey.errors if "410 (Gone)" not in e] == []
    journey.errors.clear()
    journey.shot(phone, "used-link-390")
