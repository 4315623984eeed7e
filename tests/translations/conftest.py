"""A world written in Danish (and names that are neither English nor a msgid), so that nothing
the test data put in can be taken for an English source string: a hospital with a published
need, a company with a published capability and a bid, a match between them, the hub's
coordinator, and a matchmaking day the buyer is registered for. Everybody speaks ``language``
(the test's parameter) from the start, so the emails the world's making sends are in it too.

The dates fall in May and October, whose names differ in English and in the three languages
(May/maj/mai, Oct/okt): an English month name would show.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from healthmatch.accounts.models import Membership
from matching.bids import services as bids
from tests import factories as f
from tests.conftest import make_coordinator
from tests.matching.notify.conftest import make_match

BID = {
    "summary": "Radarsensorer på hver stue varsler nattevagten, før patienten falder.",
    "solution": "Kontaktfri radarenheder, monteret på en dag, med alarmer på telefonerne.",
    "evidence": "Forsøg i Aarhus: 40 % færre fald på seks måneder.",
    "price_min": None,
    "price_max": None,
    "currency": "DKK",
    "timeline": "Forsøg om tre måneder",
}


def person(email, name, language, organisation=None):
    user = f.UserFactory(email=email, name=name, language=language)
    if organisation is not None:
        f.MembershipFactory(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def world(db, fresh_rate_limits, language):
    year = timezone.now().year + 1
    starts = datetime.datetime(year, 5, 12, 7, 0, tzinfo=datetime.UTC)  # 09:00 in Copenhagen
    hub = f.HubFactory(name="Sundhedsklyngen Syd", slug="sundhedsklyngen-syd")
    area = f.ClinicalAreaFactory(name="Geriatri", slug="geriatri-dk")
    setting = f.CareSettingFactory(name="Sengeafsnit", slug="sengeafsnit-dk")
    technology = f.TechnologyTypeFactory(name="Sensorteknik", slug="sensorteknik-dk")
    hospital = f.OrganisationFactory(name="Sygehus Sønderjylland", slug="sygehus", hub=hub)
    company = f.OrganisationFactory(name="Sensorik ApS", slug="sensorik", company=True, hub=hub)
    buyer = person("birgitte@sygehus.example", "Birgitte Jensen", language, hospital)
    seller = person("soeren@sensorik.example", "Søren Nielsen", language, company)
    coordinator = make_coordinator(hub, email="karin@klyngen.example", name="Karin Holm")
    speaking(language, coordinator)
    profile = f.CompanyProfileFactory(
        organisation=company, tagline="Sensorer med omtanke", languages=["da"]
    )
    f.ContactPersonFactory(
        company=profile, name="Sofie Salg", email="salg@sensorik.example", phone="+45 1234 5678"
    )
    need = f.NeedFactory(
        organisation=hospital,
        created_by=buyer,
        published=True,
        title="Faldforebyggelse om natten",
        summary="Vi søger en løsning, der opdager patienter, som er ved at falde.",
        description="Nattevagterne er få, og sengemåtterne giver falske alarmer.",
        language="da",
        response_deadline=datetime.date(year, 10, 15),
    )
    other_need = f.NeedFactory(
        organisation=hospital,
        created_by=buyer,
        published=True,
        title="Sårpleje i eget hjem",
        summary="Sygeplejersker skal kunne følge sårets heling på afstand.",
        description="Borgerne bor langt fra klinikken.",
        language="da",
    )
    capability = f.CapabilityFactory(
        company=profile,
        published=True,
        title="Radarbaseret faldalarm",
        description="Kontaktfri radar, der registrerer fald og uro på stuen.",
    )
    for item in (need, other_need, capability):
        item.clinical_areas.set([area])
        item.technology_types.set([technology])
    need.care_settings.set([setting])
    match = make_match(need, capability, 0.82, shared_terms=["fald", "radar", "nat"])
    bid = bids.create_bid(
        need=need, company=company, author=seller, data=BID, capabilities=[capability], submit=True
    )
    event = f.EventFactory(
        hub=hub,
        title="Matchmakingdag i Odense",
        description="Hospitaler præsenterer deres behov; virksomheder møder dem en og en.",
        venue="Odense Kongrescenter",
        language="da",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    registration = f.RegistrationFactory(event=event, user=buyer, organisation=hospital)
    registration.pitched_needs.set([need])
    return SimpleNamespace(
        hub=hub,
        hospital=hospital,
        company=company,
        buyer=buyer,
        seller=seller,
        coordinator=coordinator,
        profile=profile,
        need=need,
        other_need=other_need,
        capability=capability,
        match=match,
        bid=bid,
        event=event,
        registration=registration,
        area=area,
    )


def speaking(language, *people):
    """Give each of ``people`` ``language`` as theirs (pages and emails follow it)."""
    for user in people:
        user.language = language
        user.save(update_fields=["language"])
