"""A small world for match emails: a published need of the buyer (``owner``, ``member``), two
published capabilities of the company (``company_owner``, ``company_member``), and a helper that
writes Match rows with a chosen score, as the engine would. The real SMTP fixtures come from the
integration tests."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from companies.models import Capability
from matching.models import Match
from matching.runs.models import MatchingConfig
from needs.models import Need
from tests import factories as f

FACTORS = {
    "relevance": 0.8,
    "text": 0.72,
    "semantic": 0.0,
    "clinical_area": 1.0,
    "technology": 0.5,
    "constraints": 0.9,
    "care_setting": 0.95,
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def published_need(organisation, **fields):
    values = {
        "status": Need.Status.PUBLISHED,
        "published_at": timezone.now(),
        "title": "Fall detection at night on the geriatric ward",
    }
    values.update(fields)
    return f.NeedFactory(organisation=organisation, **values)


def published_capability(profile, **fields):
    values = {
        "status": Capability.Status.PUBLISHED,
        "published_at": timezone.now(),
        "title": "Radar fall detection for patient rooms",
    }
    values.update(fields)
    return f.CapabilityFactory(company=profile, **values)


def make_match(need, capability, score=0.8, **fields):
    values = {
        "hub": need.hub,
        "score": score,
        "factors": FACTORS,
        "shared_terms": ["fall", "radar", "night"],
        "gaps": [],
    }
    values.update(fields)
    # update_or_create: in transactional tests the engine has scored the pair on commit already.
    match, _ = Match.objects.update_or_create(need=need, capability=capability, defaults=values)
    return match


@pytest.fixture
def profile(company_org):
    return f.CompanyProfileFactory(organisation=company_org)


@pytest.fixture
def world(buyer_org, profile, owner, member, company_owner, company_member):
    MatchingConfig.objects.update_or_create(hub=None, defaults={"notify_threshold": 0.5})
    need = published_need(buyer_org)
    radar = published_capability(profile)
    mats = published_capability(profile, title="Sensor mats that warn before a fall")
    return SimpleNamespace(need=need, radar=radar, mats=mats, profile=profile)
