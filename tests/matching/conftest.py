"""A small matching world: a published need of the buyer (fixture ``owner``'s organisation),
two relevant capabilities of the company (``company_member``'s), one of a rival company and an
unrelated one; plus helpers to build more."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from companies.models import Capability
from matching.runs.models import MatchingConfig
from needs.models import Need
from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # allauth's rate limits and anything else cached between tests
    yield
    cache.clear()


@pytest.fixture
def terms(db):
    return SimpleNamespace(
        geriatrics=f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics"),
        cardiology=f.ClinicalAreaFactory(name="Cardiology", slug="cardiology"),
        ward=f.CareSettingFactory(name="Hospital ward", slug="hospital-ward"),
        home=f.CareSettingFactory(name="Home care", slug="home-care"),
        sensors=f.TechnologyTypeFactory(name="Sensors", slug="sensors"),
        robotics=f.TechnologyTypeFactory(name="Robotics", slug="robotics"),
        ce=f.RegulatoryItemFactory(name="CE marking - MDR class IIa", slug="ce-mdr-iia"),
        iso=f.RegulatoryItemFactory(name="ISO 13485", slug="iso-13485"),
        south=f.RegionFactory(name="Region of Southern Denmark", slug="region-south"),
    )


def make_need(organisation, *, terms=None, m2m=None, **fields):
    values = {
        "title": "Fall detection at night on the geriatric ward",
        "summary": "We look for a way to detect patients about to fall before it happens.",
        "description": "Night shifts are thin; patients fall when they get out of bed alone. "
        "We want sensors that warn the staff before a fall.",
        "status": Need.Status.PUBLISHED,
    }
    values.update(fields)
    if values["status"] == Need.Status.PUBLISHED:
        values.setdefault("published_at", timezone.now())
    need = f.NeedFactory(organisation=organisation, **values)
    for name, items in (m2m or {}).items():
        getattr(need, name).set(items)
    return need


def make_capability(profile, *, m2m=None, certifications=(), **fields):
    values = {
        "title": "Radar fall detection for patient rooms",
        "description": "A contact-free radar sensor detects falls and restlessness at night "
        "and warns the staff.",
        "status": Capability.Status.PUBLISHED,
    }
    values.update(fields)
    if values["status"] == Capability.Status.PUBLISHED:
        values.setdefault("published_at", timezone.now())
    capability = f.CapabilityFactory(company=profile, **values)
    for name, items in (m2m or {}).items():
        getattr(capability, name).set(items)
    for item in certifications:
        f.CertificationFactory(capability=capability, item=item)
    return capability


def small_world(buyer_org, profile, terms) -> SimpleNamespace:
    """One published need of the buyer and two published capabilities of the company (``radar``
    shares the technology, ``mats`` the clinical area), with a low threshold: for tests that want
    fewer rows than ``world``."""
    MatchingConfig.objects.update_or_create(hub=None, defaults={"threshold": 0.01})
    need = make_need(
        buyer_org,
        m2m={"clinical_areas": [terms.geriatrics], "technology_types": [terms.sensors]},
    )
    radar = make_capability(
        profile,
        m2m={"clinical_areas": [terms.cardiology], "technology_types": [terms.sensors]},
    )
    mats = make_capability(
        profile,
        title="Sensor mats that warn before a fall",
        description="Pressure-sensitive floor mats raise an alarm at night when a patient at "
        "risk of falling gets out of bed.",
        m2m={"clinical_areas": [terms.geriatrics]},
    )
    return SimpleNamespace(need=need, radar=radar, mats=mats)


@pytest.fixture
def profile(company_org):
    return f.CompanyProfileFactory(organisation=company_org, languages=["en", "da"])


@pytest.fixture
def rival_profile(hub):
    org = f.OrganisationFactory(name="Nordic Radar AB", company=True, hub=hub)
    return f.CompanyProfileFactory(organisation=org, languages=["sv", "en"])


@pytest.fixture
def world(buyer_org, profile, rival_profile, terms):
    need = make_need(
        buyer_org,
        m2m={
            "clinical_areas": [terms.geriatrics],
            "care_settings": [terms.ward],
            "technology_types": [terms.sensors],
        },
    )
    radar = make_capability(
        profile,
        m2m={
            "clinical_areas": [terms.geriatrics],
            "care_settings": [terms.ward],
            "technology_types": [terms.sensors],
        },
    )
    mats = make_capability(
        profile,
        title="Sensor mats that warn before a fall",
        description="Pressure-sensitive floor mats raise an alarm at night when a patient at "
        "risk of falling gets out of bed.",
        m2m={"clinical_areas": [terms.geriatrics], "technology_types": [terms.sensors]},
    )
    rival = make_capability(
        rival_profile,
        title="Fall detection wristband for patients at night",
        description="A wristband that detects falls of patients at night on the ward and "
        "warns the staff.",
        m2m={"clinical_areas": [terms.geriatrics]},
    )
    billing = make_capability(
        rival_profile,
        title="Invoice automation for clinics",
        description="Automates invoices, payroll and accounting exports.",
    )
    return SimpleNamespace(need=need, radar=radar, mats=mats, rival=rival, billing=billing)


@pytest.fixture
def low_threshold(db):
    """Keep every pair with any fit, so tests about counts do not hang on the calibration."""
    MatchingConfig.objects.update_or_create(hub=None, defaults={"threshold": 0.01})


@pytest.fixture
def top_k():
    """Set the default configuration's K (per need and per capability)."""

    def set_k(k):
        MatchingConfig.objects.update_or_create(hub=None, defaults={"top_k": k})

    return set_k


@pytest.fixture(autouse=True)
def _fresh_matcher():
    """Each test starts without the per-process Matcher of item rescores."""
    from matching.runs import matchers

    matchers.clear()
    yield
    matchers.clear()
