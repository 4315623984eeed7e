"""A small matching world for the leftovers of the matching issue: a published need of the
buyer (``owner``'s organisation) and two published capabilities of the company
(``company_owner``'s), built with the helpers of tests/matching."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from matching.runs.models import MatchingConfig
from tests import factories as f
from tests.matching.conftest import make_capability, make_need


@pytest.fixture(autouse=True)
def _fresh_state():
    """No cached Matcher or rate-limit counters from an earlier test."""
    from matching.runs import matchers

    cache.clear()
    matchers.clear()
    yield
    matchers.clear()
    cache.clear()


@pytest.fixture
def terms(db):
    return SimpleNamespace(
        geriatrics=f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics"),
        cardiology=f.ClinicalAreaFactory(name="Cardiology", slug="cardiology"),
        ward=f.CareSettingFactory(name="Hospital ward", slug="hospital-ward"),
        sensors=f.TechnologyTypeFactory(name="Sensors", slug="sensors"),
        ce=f.RegulatoryItemFactory(name="CE marking - MDR class IIa", slug="ce-mdr-iia"),
        south=f.RegionFactory(name="Region of Southern Denmark", slug="region-south"),
    )


@pytest.fixture
def profile(company_org):
    return f.CompanyProfileFactory(organisation=company_org, languages=["en", "da"])


@pytest.fixture
def world(buyer_org, profile, terms):
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
def rival_company(hub):
    org = f.OrganisationFactory(name="Nordic Radar AB", company=True, hub=hub)
    return f.CompanyProfileFactory(organisation=org, languages=["sv", "en"])
