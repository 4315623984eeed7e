"""The one presenter of a match's reasons: a summary sentence, the two or three factors that
matter most in plain words, the gaps kept, and only meaningful shared terms."""

import pytest

from matching.explanations import explain
from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.django_db

FACTORS = {
    "relevance": 0.7,
    "text": 0.31,
    "semantic": 0.64,
    "clinical_area": 1.0,
    "technology": 0.1,
    "constraints": 0.8,
    "care_setting": 1.0,
    "maturity": 0.5,
    "region": 1.0,
    "language": 1.0,
    "regulatory": 0.0,
}


@pytest.fixture
def match(buyer_org, company_org):
    dpia = f.RegulatoryItemFactory(name="GDPR DPIA", slug="gdpr-dpia")
    need = published_need(buyer_org)
    capability = published_capability(f.CompanyProfileFactory(organisation=company_org))
    return make_match(
        need,
        capability,
        0.55,
        factors=FACTORS,
        shared_terms=["2", "fall", "kg", "30", "days", "radar", "og", "night", "24h"],
        gaps=[["regulatory_missing", dpia.pk], ["trl_below", 7]],
    )


def test_summary_names_the_strength_and_the_main_reasons(match):
    assert explain(match).summary == (
        "Good match: same clinical area, similar purpose and similar wording."
    )


def test_top_factors_are_the_topical_fits_strongest_first_in_plain_words(match):
    top = explain(match).top_factors
    assert [row.key for row in top] == ["clinical_area", "semantic", "text"]
    assert [row.reason for row in top] == [
        "Same clinical area",
        "Similar purpose",
        "Similar wording",
    ]
    assert [row.percent for row in top] == [100, 64, 31]


def test_requirements_met_fill_up_when_few_topical_fits_count(match):
    match.factors = {**FACTORS, "semantic": 0.1, "text": 0.1}
    top = explain(match).top_factors
    assert [row.key for row in top] == ["clinical_area", "care_setting", "region"]


def test_no_internal_labels_in_the_details(match):
    labels = [row.label for row in explain(match).factors]
    assert "Relevance" not in labels and "Text" not in labels and "Meaning" not in labels
    assert labels[:3] == ["Clinical area", "Kind of technology", "Words in common"]


def test_gaps_are_kept_in_words(match):
    assert explain(match).gaps == ["Missing: GDPR DPIA", "Below the minimum maturity (TRL 7)"]


def test_shared_terms_leave_out_numbers_units_and_stop_words(match):
    assert explain(match).shared_terms == ["fall", "radar", "night"]


def test_a_weak_match_without_strong_factors_still_reads_as_a_sentence(match):
    match.score = 0.2
    match.factors = {"text": 0.1, "relevance": 0.1}
    assert explain(match).summary == (
        "Possible match: the two descriptions are about related things."
    )
    assert explain(match).top_factors == []
