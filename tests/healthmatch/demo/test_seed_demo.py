import datetime as dt
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from companies.models import (
    Capability,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from events.meetings.models import Meeting
from events.models import Event, Registration
from events.requests.models import MeetingRequest
from healthmatch.accounts.models import Hub, Membership, Organisation, User
from healthmatch.accounts.roles import COORDINATORS_GROUP
from healthmatch.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from healthmatch.demo.seed import seed_demo
from matching.bids.models import Bid, BidEvent
from needs.models import Need, NeedInvitation, NeedStatusChange

pytestmark = pytest.mark.django_db

ALL_MODELS = [
    Hub,
    Organisation,
    User,
    EmailAddress,
    Membership,
    CompanyProfile,
    ContactPerson,
    Capability,
    Certification,
    CapabilityReference,
    Need,
    NeedStatusChange,
    NeedInvitation,
    Bid,
    BidEvent,
    Event,
    Registration,
    MeetingRequest,
    Meeting,
]


def counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_seed_demo_creates_buyers_across_hubs(seeded):
    hub_names = set(Hub.objects.values_list("name", flat=True))
    for expected in ("Welfare Tech", "Norway Health Tech", "Innovationsjakten", "Copenhagen"):
        assert any(expected in name for name in hub_names), expected
    buyers = Organisation.objects.buyers()
    verified = buyers.verified()
    assert verified.count() >= 8
    assert verified.values("hub").distinct().count() >= 2
    assert 1 <= buyers.filter(verified_at__isnull=True).count() <= 2
    assert {"hospital", "municipality", "region"} <= set(buyers.values_list("kind", flat=True))
    assert buyers.filter(name="Odense University Hospital", kind="hospital").exists()


def test_seed_demo_creates_needs_in_several_languages(seeded):
    assert Need.objects.count() >= 60
    languages = set(Need.objects.values_list("language", flat=True))
    assert {"en", "da", "sv", "nb"} <= languages
    assert len(set(Need.objects.values_list("title", flat=True))) == Need.objects.count()
    statuses = {s: Need.objects.filter(status=s).count() for s in Need.Status.values}
    assert statuses["published"] > Need.objects.count() / 2
    assert statuses["submitted"] and statuses["draft"] and statuses["closed"]
    danish = Need.objects.filter(language="da").first()
    assert any(word in danish.description for word in (" og ", " på ", " til "))


def test_seed_demo_needs_are_complete_and_tagged(seeded):
    for need in Need.objects.prefetch_related("clinical_areas", "technology_types"):
        assert need.summary and need.description and need.care_pathway, need.title
        assert need.affected_groups and need.scale and need.success_criteria, need.title
        assert need.clinical_areas.all() and need.technology_types.all(), need.title
        assert need.region_id is not None, need.title
    assert Need.objects.filter(regulatory_requirements__isnull=False).distinct().count() > 40
    assert Need.objects.exclude(min_trl=None).count() == Need.objects.count()


def test_seed_demo_confidential_needs_invite_companies(seeded):
    confidential = Need.objects.filter(is_confidential=True)
    assert 3 <= confidential.count() <= 4
    for need in confidential:
        invited = need.invitations.select_related("organisation")
        assert 1 <= invited.count() <= 2, need.title
        assert all(inv.organisation.kind == "company" for inv in invited)


def test_seed_demo_status_history_matches_status(seeded):
    today = timezone.localdate()
    for need in Need.objects.select_related("organisation"):
        history = list(need.status_changes.order_by("created_at", "pk"))
        assert history[0].from_status == "" and history[0].to_status == "draft", need.title
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_status == before.to_status, need.title
            assert after.created_at >= before.created_at, need.title
        assert history[-1].to_status == need.status, need.title
        assert history[-1].created_at <= timezone.now()
        assert need.hub_id == need.organisation.hub_id
        assert need.created_at == history[0].created_at
        listed = need.status in ("published", "closed")
        assert (need.published_at is not None) == listed, need.title
        assert (need.closed_at is not None) == (need.status == "closed"), need.title
        if need.status == "submitted":
            assert need.submitted_at is not None
        if listed:
            assert need.organisation.is_verified, need.title
        if need.status == "published":
            assert need.response_deadline > today, need.title
        if need.status == "closed":
            assert need.response_deadline < today, need.title


def test_seed_demo_creates_companies_and_capabilities(seeded):
    companies = Organisation.objects.companies()
    assert companies.count() >= 40
    providers = Organisation.objects.providers()
    assert CompanyProfile.objects.count() == providers.count()
    assert 1 <= companies.filter(verified_at__isnull=True).count() <= 2
    assert CompanyProfile.objects.filter(is_sme=True).count() > companies.count() * 0.9
    assert ContactPerson.objects.values("company").distinct().count() == providers.count()
    assert Capability.objects.count() >= 120
    assert set(Capability.objects.values_list("kind", flat=True)) == set(Capability.Kind.values)
    published = Capability.objects.published()
    assert published.count() > 100
    assert not published.filter(published_at=None).exists()
    today = timezone.localdate()
    assert Certification.objects.filter(valid_until__lt=today).exists()
    assert Certification.objects.filter(
        valid_until__gte=today, valid_until__lt=today + dt.timedelta(days=90)
    ).exists()
    assert CapabilityReference.objects.filter(customer="Odense University Hospital").exists()


def test_seed_demo_creates_research_organisations_with_published_capabilities(seeded):
    research = Organisation.objects.filter(kind=Organisation.Kind.RESEARCH)
    assert {"DTU Health Tech (Technical University of Denmark)", "FORCE Technology"} <= set(
        research.values_list("name", flat=True)
    )
    assert research.count() >= 4 and not research.filter(verified_at=None).exists()
    offered = Capability.objects.published().filter(company__organisation__in=research)
    assert set(offered.values_list("kind", flat=True)) == {
        Capability.Kind.RESEARCH_GROUP,
        Capability.Kind.TEST_BED,
        Capability.Kind.CLINICAL_TRIAL_UNIT,
    }
    assert not CompanyProfile.objects.filter(organisation__in=research, is_sme=True).exists()
    # A university's trial unit goes to a matchmaking day on the company side and asks a buyer.
    registration = Registration.objects.get(organisation__slug="sdu-health-innovation")
    assert registration.kind == Registration.Kind.COMPANY
    assert registration.capabilities.get().kind == Capability.Kind.CLINICAL_TRIAL_UNIT
    assert registration.requests_made.filter(status="pending").exists()


FITTING_PAIRS = [
    (
        "Fall detection and prevention in nursing homes",
        "VigilRadar contact-free fall detection sensor",
    ),
    ("Earlier recognition of sepsis in haematology patients", "Sepsio early warning of sepsis"),
    (
        "Remote follow-up of patients with heart failure",
        "HjerteLink remote follow-up for heart failure",
    ),
    ("AI triage of chest X-rays in the emergency department", "Radiolens chest X-ray triage"),
    ("Digitalt nattilsyn i hjemmetjenesten", "Nattvakt digital night supervision"),
]


def test_seed_demo_needs_have_fitting_capabilities(seeded):
    for need_title, capability_title in FITTING_PAIRS:
        need = Need.objects.get(title=need_title)
        capability = Capability.objects.get(title=capability_title)
        for relation in ("clinical_areas", "care_settings", "technology_types"):
            shared = set(getattr(need, relation).values_list("pk", flat=True)) & set(
                getattr(capability, relation).values_list("pk", flat=True)
            )
            assert shared, (need_title, relation)
        assert capability.trl >= need.min_trl, need_title
        assert capability.status == "published"
        assert capability.company.organisation.is_verified, capability_title


def test_seed_demo_twice_changes_nothing(db):
    first = seed_demo(dt.date(2026, 3, 2))
    before = counts()
    second = seed_demo(dt.date(2026, 3, 2))
    assert first.changes > 0
    assert second.changes == 0, (second.created, second.updated, second.links)
    assert counts() == before


def test_seed_demo_restores_a_changed_need(seeded):
    need = Need.objects.get(title="Fall detection and prevention in nursing homes")
    need.status = Need.Status.CLOSED
    need.save()
    NeedStatusChange.objects.create(need=need, from_status="published", to_status="closed")
    result = seed_demo()
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    assert need.status_changes.order_by("created_at").last().to_status == "published"
    assert result.updated["Need"] == 1
    assert Need.objects.count() == 60


def test_seed_demo_command_prints_summary_and_logins(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Needs:                60" in text
    assert "nothing changed" in text
    for item in DEMO_LOGINS:
        assert item["email"] in text
    assert DEMO_PASSWORD in text


def test_seed_demo_command_quiet_prints_one_line(db):
    out = StringIO()
    call_command("seed_demo", "--quiet", stdout=out)
    assert out.getvalue().count("\n") == 1


def test_demo_logins_can_sign_in(seeded, client):
    for item in DEMO_LOGINS:
        email = item["email"]
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        assert response.url == reverse("dashboard")
        assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
        assert client.get(reverse("dashboard")).status_code == 200
        client.logout()


def test_demo_login_with_wrong_password_fails(seeded, client):
    response = client.post(
        reverse("account_login"),
        {"login": "hospital@demo.healthmatch.local", "password": "not-the-password"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_demo_logins_have_their_roles(seeded):
    for item in DEMO_LOGINS:
        user = User.objects.get(email=item["email"])
        address = EmailAddress.objects.get(user=user)
        assert address.verified and address.primary
    hospital = User.objects.get(email="hospital@demo.healthmatch.local")
    ouh = Membership.objects.get(user=hospital).organisation
    assert ouh.name == "Odense University Hospital"
    assert Membership.objects.get(user=hospital).is_admin
    assert Need.objects.filter(organisation=ouh).values("status").distinct().count() == 4
    municipality = Membership.objects.get(user__email="municipality@demo.healthmatch.local")
    assert municipality.organisation.kind == "municipality" and municipality.is_admin
    company = Membership.objects.get(user__email="company@demo.healthmatch.local")
    assert company.is_admin and company.organisation.is_verified
    assert company.organisation.company_profile.is_sme
    assert company.organisation.company_profile.capabilities.published().count() >= 2
    coordinator = User.objects.get(email="coordinator@demo.healthmatch.local")
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name=COORDINATORS_GROUP).exists()
    assert coordinator.coordinated_hubs.count() == 2
    admin = User.objects.get(email="admin@demo.healthmatch.local")
    assert admin.is_superuser and admin.is_staff


def test_seed_demo_other_people_cannot_log_in(seeded):
    staff = User.objects.exclude(email__in=[item["email"] for item in DEMO_LOGINS])
    assert staff.exists()
    assert not any(user.has_usable_password() for user in staff)
    assert Membership.objects.filter(status="pending").count() == 1


def test_seed_demo_adopts_an_organisation_made_by_hand(db):
    from tests.factories import HubFactory, OrganisationFactory

    hub = HubFactory(name="Welfare Tech / Danish Healthtech", slug="wt")
    ouh = OrganisationFactory(name="odense university hospital", slug="ouh", hub=hub)
    seed_demo()
    ouh.refresh_from_db()
    assert ouh.slug == "ouh" and ouh.name == "Odense University Hospital"
    assert Hub.objects.filter(name__iexact="Welfare Tech / Danish Healthtech").count() == 1
    assert Organisation.objects.filter(name__iexact="Odense University Hospital").count() == 1
    assert Need.objects.filter(organisation=ouh).count() == 9
    assert seed_demo().changes == 0


def test_demo_people_read_the_site_in_different_languages(seeded, client):
    languages = dict(User.objects.values_list("email", "language"))
    assert languages["hospital@demo.healthmatch.local"] == "da"
    assert languages["company@demo.healthmatch.local"] == "en"
    # Staff of a Norwegian and a Swedish hospital, and their hubs' coordinators.
    assert languages["kari.haugen@ous.demo.healthmatch.local"] == "nb"
    assert languages["johan.lindqvist@akademiska.demo.healthmatch.local"] == "sv"
    assert languages["ingrid.solberg@nht.demo.healthmatch.local"] == "nb"
    assert {"da", "sv", "nb", "en"} <= set(languages.values())
    # The Danish login's pages come out in Danish, whatever the browser asks for.
    client.force_login(User.objects.get(email="hospital@demo.healthmatch.local"))
    page = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="da"' in page and "Log ud" in page


def test_the_banner_says_which_language_each_login_reads(db):
    out = StringIO()
    call_command("demo_banner", stdout=out)
    lines = out.getvalue().splitlines()
    hospital = next(i for i, line in enumerate(lines) if "hospital@demo" in line)
    assert "reads the site in Danish" in lines[hospital + 1]
