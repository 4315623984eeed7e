"""A need's life in Danish, clicked through in a real browser whose language is Danish (locale
da-DK, so Accept-Language: da):

1. a hospital employee signs up on the Danish sign-up page, confirms the address from the Danish
   confirmation email, and is stored as a Danish speaker (``User.language == "da"``);
2. registers the hospital through the onboarding pages;
3. drafts a need written in Danish and submits it once a coordinator has verified the hospital;
   the coordinator's part (verify, publish) goes through the services here: test_need_journey
   clicks it through the coordination admin already;
4. publishing scores the need (the receiver queues ``matching.tasks.rescore_need``, run eagerly
   in tests) against a Danish company's published capability; the employee reads the match
   card and why, in Danish;
5. the daily digest (``matching.tasks.send_daily_match_digests``) writes the match emails to the
   outbox, which sends them: both people get theirs in Danish, subject, text and HTML. The
   company's owner then signs in from an English browser and reads the match in Danish too.

Every Danish text asserted is read from the catalogues at test time (locale/da and allauth's,
in Django's order), so a missing or fuzzy translation fails here by its English msgid.

Screenshots of every step at 1280 px and 390 px:
var/screenshots/test_danish_journey_from_signup_to_match_emails/.
"""

import re
from functools import cache
from pathlib import Path

import allauth
import polib
import pytest
from django.contrib.auth.models import Group
from django.utils.text import capfirst
from playwright.sync_api import expect

from companies import services as company_services
from companies.models import Capability
from healthmatch.accounts import services as account_services
from healthmatch.accounts.models import Membership, Organisation, User
from healthmatch.accounts.roles import COORDINATORS_GROUP
from healthmatch.mail.models import OutboxMessage
from matching import tasks
from matching.explanations import GOOD, STRONG
from matching.models import Match
from needs import services as need_services
from needs.models import Need
from tests import factories as f
from tests.browser.test_event_pages import no_horizontal_overflow

pytestmark = pytest.mark.browser

# Django's order: the project's catalogue (LOCALE_PATHS) first, then allauth's.
CATALOGUES = (
    Path(__file__).resolve().parents[2] / "locale" / "da" / "LC_MESSAGES" / "django.po",
    Path(allauth.__file__).parent / "locale" / "da" / "LC_MESSAGES" / "django.po",
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

PASSWORD = "correct-horse-42"  # tests.factories.UserFactory's
NEW_PASSWORD = "Velvet-Harbour-Lantern-58"
HOSPITAL_EMAIL = "hanne.holm@regionsjaelland.example"
HOSPITAL_NAME = "Sjællands Universitetshospital"
COMPANY_EMAIL = "cecilie@omsorgsradar.example"
COMPANY_NAME = "Omsorgsradar ApS"
NEED_TITLE = "Færre fald om natten på det geriatriske sengeafsnit"
NEED_SUMMARY = "Vi vil se, at en patient er ved at rejse sig fra sengen, før et fald sker."
NEED_DESCRIPTION = (
    "Om natten har to sygeplejersker ansvaret for 28 senge. Trykmåtter giver mange falske "
    "alarmer, så personalet holder op med at stole på dem. Vi vil vide, at en patient er ved at "
    "rejse sig fra sengen, før faldet sker."
)
CAPABILITY_TITLE = "Kontaktfri radar, der forebygger fald om natten"
ORGANISATION_CREATED = (
    "%(name)s is created. A coordinator will verify it; until then you can prepare drafts."
)


@cache
def _catalogues() -> tuple[polib.POFile, ...]:
    return tuple(polib.pofile(str(path)) for path in CATALOGUES)


def da(msgid: str, plural: str | None = None, n: int = 1, **values) -> str:
    """The Danish of ``msgid`` as Django finds it (no context; ``plural``: the form for ``n``),
    with ``values`` filled in; fails when no catalogue translates it."""
    for po in _catalogues():
        entry = po.find(msgid, msgctxt=None)
        if entry is None or not entry.translated() or entry.msgid_plural != (plural or ""):
            continue
        text = entry.msgstr_plural[0 if n == 1 else 1] if plural else entry.msgstr
        return text % values if values else text
    pytest.fail(f"no Danish translation of {msgid!r} in locale/da or allauth's catalogue")


def label(msgid: str) -> str:
    """A form label made from a model field's verbose name: its Danish, capitalised."""
    return capfirst(da(msgid))


def field(scope, text: str):
    """The input labelled ``text`` exactly, with or without the required mark (*)."""
    return scope.get_by_label(re.compile(rf"^{re.escape(text)}(\s*\*)?$"))


def message(page, text):
    expect(page.locator(".messages").first).to_contain_text(text)


def shots(journey, page, name):
    """The step at 1280 px and at 390 px, neither scrolling sideways; back to 1280 px after.
    A page of the site must be in Danish (an email shown with set_content has no address)."""
    if page.url.startswith(journey.base_url):
        expect(page.locator("html")).to_have_attribute("lang", "da")
    no_horizontal_overflow(page)
    journey.shot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    no_horizontal_overflow(page)
    journey.shot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def subject(message) -> str:
    # Django folds a long non-ASCII subject onto the next line: unfolded it starts with a space.
    return message["Subject"].strip()


def parts(message) -> tuple[str, str]:
    """The plain text and the HTML of an email."""
    return (
        message.get_body(preferencelist=("plain",)).get_content(),
        message.get_body(preferencelist=("html",)).get_content(),
    )


def digest_to(mailbox, address):
    prefix = da("Daily digest:")
    digests = [m for m in mailbox.to(address) if subject(m).startswith(prefix)]
    assert len(digests) == 1, [subject(m) for m in mailbox.to(address)]
    return digests[0]


@pytest.fixture
def cast(db):
    """Everyone but the hospital employee, who signs up in the browser: the coordinator, the
    taxonomy, and a Danish company with a published capability about falls at night."""
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    terms = {
        "geriatrics": f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics"),
        "ward": f.CareSettingFactory(name="Hospital ward", slug="hospital-ward"),
        "sensors": f.TechnologyTypeFactory(
            name="IoT / wearables and sensors", slug="iot-wearables-and-sensors"
        ),
    }
    coordinator = f.UserFactory(email="carla@welfaretech.example", name="Carla Koordinator")
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    hub.coordinators.add(coordinator)
    company = f.OrganisationFactory(name=COMPANY_NAME, slug="omsorgsradar", company=True, hub=hub)
    profile = f.CompanyProfileFactory(organisation=company, languages=["da"])
    company_user = f.UserFactory(email=COMPANY_EMAIL, name="Cecilie Dahl", language="da")
    f.MembershipFactory(user=company_user, organisation=company, role=Membership.Role.ADMIN)
    capability = company_services.create_capability(
        profile,
        actor=company_user,
        data={
            "kind": Capability.Kind.PRODUCT,
            "title": CAPABILITY_TITLE,
            "summary": "Radarsensorer, der ser, at en patient er ved at rejse sig fra sengen.",
            "description": (
                "En radar i loftet opdager uro og fald på sengeafsnittet uden kameraer eller "
                "sensorer på kroppen. Personalet får besked, før patienten falder, og færre "
                "falske alarmer om natten."
            ),
            "trl": 7,
        },
        m2m={
            "clinical_areas": [terms["geriatrics"]],
            "care_settings": [terms["ward"]],
            "technology_types": [terms["sensors"]],
        },
    )
    company_services.publish_capability(capability, actor=company_user)
    return {"hub": hub, "terms": terms, "coordinator": coordinator, "company_user": company_user}


def test_danish_journey_from_signup_to_match_emails(journey, mailbox, cast):
    terms = cast["terms"]

    # --- 1. Sign-up in Danish, and the Danish confirmation email --------------------------------
    hospital = journey.new_page("hospital", locale="da-DK")
    hospital.goto("/")
    shots(journey, hospital, "home")
    hospital.get_by_role("link", name=da("Sign up"), exact=True).first.click()
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Sign Up"))
    field(hospital, da("Email")).fill(HOSPITAL_EMAIL)
    field(hospital, da("Full name")).fill("Hanne Holm")
    field(hospital, da("Job title")).fill("Oversygeplejerske, geriatri")
    hospital.locator("#id_password1").fill(NEW_PASSWORD)
    hospital.locator("#id_password2").fill(NEW_PASSWORD)
    shots(journey, hospital, "signup")
    hospital.get_by_role("button", name=da("Sign Up")).click()
    expect(hospital).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Verify Your Email Address"))
    shots(journey, hospital, "check-your-email")

    person = User.objects.get(email=HOSPITAL_EMAIL)
    assert person.language == "da"
    confirmation = mailbox.last_to(HOSPITAL_EMAIL)
    assert subject(confirmation) == f"[HealthMatch] {da('Please Confirm Your Email Address')}"
    text, html = parts(confirmation)
    assert da("Hello from %(site_name)s!", site_name="HealthMatch") in text
    assert da("To confirm this is correct, go to %(activate_url)s", activate_url="") in text
    assert "To confirm this is correct" not in text
    assert da("Confirm your email address") in html
    assert da("If you did not sign up, ignore this email.") in html
    assert "If you did not sign up" not in html

    link = mailbox.link_to(HOSPITAL_EMAIL, "/accounts/confirm-email/")
    hospital.goto(link)
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Confirm Email Address"))
    shots(journey, hospital, "confirm-address")
    hospital.get_by_role("button", name=da("Confirm"), exact=True).click()
    expect(hospital).to_have_url(re.compile(r"/welcome/$"))
    message(hospital, da("You have confirmed %(email)s.", email=HOSPITAL_EMAIL))
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Your organisations"))
    shots(journey, hospital, "onboarding")
    person.refresh_from_db()
    assert person.language == "da"

    # --- 2. ... registers the hospital ----------------------------------------------------------
    hospital.get_by_role("link", name=da("Register an organisation")).click()
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Register an organisation"))
    field(hospital, label("name")).fill(HOSPITAL_NAME)
    field(hospital, label("kind")).select_option(label=da("Hospital"))
    field(hospital, da("Cluster / hub")).select_option(label="Welfare Tech")
    field(hospital, da("Country")).select_option(label=da("Denmark"))
    field(hospital, label("description")).fill("Universitetshospital, geriatrisk afdeling.")
    shots(journey, hospital, "register-organisation")
    hospital.get_by_role("button", name=da("Register"), exact=True).click()
    message(hospital, da(ORGANISATION_CREATED, name=HOSPITAL_NAME))
    shots(journey, hospital, "dashboard-unverified")
    org = Organisation.objects.get(name=HOSPITAL_NAME)
    assert org.kind == Organisation.Kind.HOSPITAL and org.hub == cast["hub"]
    assert Membership.objects.get(organisation=org).user == person

    # --- 3. The coordinator verifies the hospital (through the service) ----------------------
    assert account_services.verify_organisation(org, actor=cast["coordinator"])
    verified = mailbox.last_to(HOSPITAL_EMAIL)
    assert subject(verified) == da("%(org)s is verified on HealthMatch", org=HOSPITAL_NAME)

    # ... the employee drafts a need in Danish and submits it
    hospital.reload()
    hospital.get_by_role("navigation", name=da("Main")).get_by_role(
        "link", name=da("Needs"), exact=True
    ).click()
    hospital.get_by_role("link", name=da("Describe a new need")).click()
    expect(hospital.get_by_role("heading", level=1)).to_have_text(da("Describe a new need"))
    form = hospital.locator("form.need-form")
    field(form, label("title")).fill(NEED_TITLE)
    field(form, label("public summary")).fill(NEED_SUMMARY)
    field(form, label("problem description")).fill(NEED_DESCRIPTION)
    field(form, label("expected volume / scale")).fill("4 sengeafsnit, 1.200 patienter")
    field(form, label("success criteria")).fill("30 % færre fald på seks måneder.")
    # Term names may be translated any day: the boxes are ticked by their value.
    for name, term in (
        ("clinical_areas", terms["geriatrics"]),
        ("care_settings", terms["ward"]),
        ("technology_types", terms["sensors"]),
    ):
        form.locator(f"input[name={name}][value='{term.pk}']").check()
    field(form, label("language")).select_option(label=da("Danish"))
    shots(journey, hospital, "need-form")
    form.get_by_role("button", name=da("Save draft")).click()
    message(hospital, da("Your draft is saved. Submit it for review when it is ready."))
    expect(hospital.get_by_role("heading", level=1)).to_have_text(NEED_TITLE)
    shots(journey, hospital, "need-draft")
    need = Need.objects.get(title=NEED_TITLE)
    assert (need.status, need.organisation, need.language) == (Need.Status.DRAFT, org, "da")

    hospital.get_by_role("button", name=da("Submit for review")).click()
    message(
        hospital, da("Submitted. A coordinator will check it and publish it, or get back to you.")
    )
    expect(hospital.locator(".page-header .badge")).to_have_text(da("Awaiting review"))
    shots(journey, hospital, "need-submitted")
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED

    # ... and the coordinator publishes it (through the service). The need_published event's
    # receiver queues matching.tasks.rescore_need after commit: the scoring, run eagerly here.
    need_services.publish_need(need, actor=cast["coordinator"])
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    published = mailbox.last_to(HOSPITAL_EMAIL)
    assert subject(published) == da("Your need is published: %(title)s", title=NEED_TITLE)

    # --- 4. The match, explained in Danish on the need's page -------------------------------
    match = Match.objects.get(need=need, capability__title=CAPABILITY_TITLE)
    assert match.factors["clinical_area"] == 1.0
    assert match.factors["text"] >= 0.25  # "similar wording" is a reason from 0.25
    strength = "Strong match" if match.score >= STRONG else "Good match"
    assert match.score >= GOOD

    hospital.reload()
    card = hospital.locator(".match-card").filter(has_text=CAPABILITY_TITLE)
    expect(hospital.get_by_role("heading", name=da("Suggested companies"))).to_be_visible()
    expect(card.locator(".match-why-summary")).to_contain_text(f"{da(strength)}: ")
    reasons = card.locator(".match-top-factors li")
    expect(reasons.first).to_have_text(f"{da('Same clinical area')} 100 %")
    expect(reasons.filter(has_text=da("Similar wording"))).to_have_count(1)
    expect(card.get_by_text(da("Words both texts use:"))).to_be_visible()
    card.locator("details.match-details summary").click()
    expect(card.get_by_text(da("Every factor of the score"))).to_be_visible()
    expect(card.locator(".factor-label").first).to_have_text(da("Clinical area"))
    shots(journey, hospital, "need-match-card")

    # --- 5. The match emails, through the outbox, in Danish --------------------------------
    tasks.send_daily_match_digests.delay()

    rows = OutboxMessage.objects.filter(category="matches")
    assert {(r.to_email, r.language, r.state) for r in rows} == {
        (HOSPITAL_EMAIL, "da", OutboxMessage.State.SENT),
        (COMPANY_EMAIL, "da", OutboxMessage.State.SENT),
    }
    reason = da("Same clinical area")
    reason = reason[:1].lower() + reason[1:]  # it follows a colon in the summary
    summary_start = f"{da(strength)}: {reason}"

    to_hospital = digest_to(mailbox, HOSPITAL_EMAIL)
    assert subject(to_hospital) == " ".join(
        (
            da("Daily digest:"),
            da(
                "%(counter)s company could meet your need “%(title)s”",
                "%(counter)s companies could meet your need “%(title)s”",
                counter=1,
                title=NEED_TITLE,
            ),
        )
    )
    text, html = parts(to_hospital)
    for part in (text, html):
        assert da("Hello %(name)s,", name="Hanne") in part
        assert da("Your daily digest of new matches on HealthMatch.") in part
        assert CAPABILITY_TITLE in part and COMPANY_NAME in part
        assert summary_start in part
        assert da("Words both texts use:") in part
        assert "Your daily digest" not in part and "Words both texts use" not in part
    assert da("Unsubscribe from match emails:") in text
    assert da("See the suggested companies") in html

    to_company = digest_to(mailbox, COMPANY_EMAIL)
    assert subject(to_company) == " ".join(
        (
            da("Daily digest:"),
            da(
                "%(counter)s new need matches your capabilities",
                "%(counter)s new needs match your capabilities",
                counter=1,
            ),
        )
    )
    text, html = parts(to_company)
    for part in (text, html):
        assert da("Hello %(name)s,", name="Cecilie") in part
        assert da("Your daily digest of new matches on HealthMatch.") in part
        assert NEED_TITLE in part and HOSPITAL_NAME in part
        assert summary_start in part
        assert "Your daily digest" not in part
    assert da("See the needs for you") in html

    # The emails as they read, at both widths.
    reader = journey.new_page("mail reader", locale="da-DK")
    for name, received in (("email-hospital", to_hospital), ("email-company", to_company)):
        reader.set_content(parts(received)[1])
        expect(
            reader.get_by_text(da("Your daily digest of new matches on HealthMatch."))
        ).to_be_visible()
        shots(journey, reader, name)

    # --- ... the company's owner signs in from an English browser and reads it in Danish ---
    company = journey.new_page("company")
    company.goto("/accounts/login/")
    company.get_by_label("Email").fill(COMPANY_EMAIL)
    company.get_by_label("Password").fill(PASSWORD)
    company.get_by_role("button", name="Sign In").click()
    expect(company).to_have_url(re.compile(r"/dashboard/$"))
    card = company.locator(".match-card").filter(has_text=NEED_TITLE)
    # Signed in from an English browser: the message too is in the person's language.
    message(company, da("Successfully signed in as %(name)s.", name="Cecilie Dahl"))
    expect(card.locator(".match-why-summary")).to_contain_text(summary_start)
    expect(card.locator(".match-top-factors li").first).to_have_text(
        f"{da('Same clinical area')} 100 %"
    )
    shots(journey, company, "company-dashboard")
