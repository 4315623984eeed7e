import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from companies.models import Capability
from matching.runs.loading import load_capabilities, load_needs, load_world
from needs.models import Need
from tests import factories as f
from tests.matching.conftest import make_capability, make_need


def test_load_needs_builds_body_tags_and_structured_fields(buyer_org, terms):
    need = make_need(
        buyer_org,
        care_pathway="Night nurses walk rounds every two hours.",
        affected_groups="Older patients with dementia.",
        success_criteria="Half as many falls.",
        language="da",
        min_trl=6,
        region=terms.south,
        m2m={
            "clinical_areas": [terms.geriatrics],
            "care_settings": [terms.ward],
            "technology_types": [terms.sensors],
            "regulatory_requirements": [terms.ce],
        },
    )

    [doc] = load_needs()

    assert doc.id == need.pk
    assert doc.title == need.title
    for part in (need.summary, need.description, "walk rounds", "dementia", "Half as many"):
        assert part in doc.body
    assert set(doc.tags) == {"Geriatrics", "Hospital ward", "Sensors"}
    assert doc.language == "da"
    assert doc.clinical_areas == {terms.geriatrics.pk}
    assert doc.care_settings == {terms.ward.pk}
    assert doc.technology_types == {terms.sensors.pk}
    assert doc.required_regulatory == {terms.ce.pk}
    assert doc.min_trl == 6
    assert doc.regions == {terms.south.pk}
    assert doc.hub_id == need.hub_id
    assert doc.embedding is None


def test_load_needs_matches_published_ones_including_confidential(buyer_org):
    published = make_need(buyer_org)
    confidential = make_need(buyer_org, is_confidential=True)
    make_need(buyer_org, status=Need.Status.DRAFT)
    make_need(buyer_org, status=Need.Status.SUBMITTED)
    make_need(buyer_org, status=Need.Status.CLOSED)

    assert [doc.id for doc in load_needs()] == [published.pk, confidential.pk]


def test_load_capabilities_builds_regulatory_regions_languages_and_references(profile, terms):
    profile.regions_served.set([terms.south])
    capability = make_capability(
        profile,
        summary="Radar in every room.",
        trl=8,
        m2m={"clinical_areas": [terms.geriatrics], "technology_types": [terms.sensors]},
        certifications=[terms.ce],
    )
    expiry = datetime.date(2030, 1, 31)
    f.CertificationFactory(capability=capability, item=terms.iso, valid_until=expiry)
    f.CapabilityReferenceFactory(
        capability=capability, customer="Aarhus University Hospital", description="Pilot."
    )

    [doc] = load_capabilities()

    assert doc.id == capability.pk
    assert "Radar in every room." in doc.body
    assert capability.description in doc.body
    assert "Aarhus University Hospital: Pilot." in doc.body
    assert set(doc.tags) == {"Geriatrics", "Sensors"}
    assert doc.trl == 8
    assert set(doc.regulatory) == {terms.ce.pk, terms.iso.pk}
    assert doc.regulatory[terms.iso.pk] == expiry
    assert doc.regions == {terms.south.pk}
    assert doc.languages == {"en", "da"}
    assert doc.language == "en"
    assert doc.company_id == profile.pk


def test_load_capabilities_only_published_of_verified_companies(profile, hub):
    published = make_capability(profile)
    make_capability(profile, status=Capability.Status.DRAFT)
    make_capability(profile, status=Capability.Status.ARCHIVED)
    unverified = f.CompanyProfileFactory(
        organisation=f.OrganisationFactory(company=True, unverified=True, hub=hub)
    )
    make_capability(unverified)

    assert [doc.id for doc in load_capabilities()] == [published.pk]


def test_load_world_query_count_does_not_grow_with_rows(buyer_org, profile, terms):
    m2m = {"clinical_areas": [terms.geriatrics], "care_settings": [terms.ward]}
    make_need(buyer_org, m2m=m2m)
    make_capability(profile, m2m=m2m, certifications=[terms.ce])
    with CaptureQueriesContext(connection) as one:
        load_world(semantic=False)
    for _ in range(6):
        make_need(buyer_org, m2m=m2m)
        capability = make_capability(profile, m2m=m2m, certifications=[terms.ce])
        f.CapabilityReferenceFactory(capability=capability)
    with CaptureQueriesContext(connection) as many:
        needs, capabilities = load_world(semantic=False)

    assert (len(needs), len(capabilities)) == (7, 7)
    assert len(many) == len(one)


@pytest.mark.parametrize("semantic", [False])
def test_load_world_without_semantic_has_no_embeddings(world, semantic):
    needs, capabilities = load_world(semantic=semantic)
    assert all(doc.embedding is None for doc in [*needs, *capabilities])
