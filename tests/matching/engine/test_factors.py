"""Every factor: its fit when both sides have data, and neutral when a side has none."""

import datetime
from dataclasses import replace

import pytest

from matching.engine.api import Matcher
from matching.engine.config import DEFAULT_CONFIG
from matching.engine.structured import regulatory_implications
from matching.engine.types import Weights
from tests.matching.engine.conftest import TEXT_ONLY, unit

ALL = Weights(threshold=0.0)


def pairs_for(need, caps, today, weights=ALL, **kwargs):
    matcher = Matcher([need], caps, today=today, **kwargs)
    found = matcher.for_needs([need.id], weights_for=lambda n: weights, top_k=100)
    return {p.capability_id: p for p in found}


def test_text_fit_ranks_the_capability_that_shares_the_need_words(
    fall_need, radar_cap, payroll_cap, today
):
    found = pairs_for(fall_need, [radar_cap, payroll_cap], today, TEXT_ONLY)
    assert found[101].factors["text"] > 0.5
    assert found[102].factors["text"] == 0.0
    assert found[101].score > found[102].score


def test_title_and_tags_weigh_more_than_body(fall_need, today):
    in_title = replace(radar_cap_like(), id=1, title="bed exit alarm", body="ward product")
    in_body = replace(radar_cap_like(), id=2, title="ward product", body="bed exit alarm")
    need = replace(fall_need, title="bed exit alarm", body="", tags=())
    found = pairs_for(need, [in_title, in_body], today, TEXT_ONLY)
    assert found[1].score > found[2].score


def radar_cap_like():
    from matching.engine.types import CapabilityDoc

    return CapabilityDoc(id=0, title="", body="")


@pytest.mark.parametrize(
    ("need_field", "cap_field", "factor", "cap_values", "expected"),
    [
        ("clinical_areas", "clinical_areas", "clinical_area", {10}, 1.0),
        ("clinical_areas", "clinical_areas", "clinical_area", {11}, 0.0),
        ("technology_types", "technology_types", "technology", {30, 31}, 1.0),
        ("technology_types", "technology_types", "technology", {31}, 0.0),
        ("care_settings", "care_settings", "care_setting", {20, 21}, 1.0),
        ("care_settings", "care_settings", "care_setting", {21}, 0.0),
        ("regions", "regions", "region", {50}, 1.0),
        ("regions", "regions", "region", {51}, 0.0),
    ],
)
def test_set_factor_fit(
    fall_need, radar_cap, today, need_field, cap_field, factor, cap_values, expected
):
    cap = replace(radar_cap, **{cap_field: frozenset(cap_values)})
    found = pairs_for(fall_need, [cap], today)
    assert found[101].factors[factor] == expected


def test_clinical_area_coverage_is_the_share_of_the_need_areas(fall_need, radar_cap, today):
    need = replace(fall_need, clinical_areas=frozenset({10, 11}))
    assert pairs_for(need, [radar_cap], today)[101].factors["clinical_area"] == 0.5


def test_topical_factor_blank_on_capability_drops_out_of_the_mean(fall_need, radar_cap, today):
    blank = replace(radar_cap, clinical_areas=frozenset())
    pair = pairs_for(fall_need, [blank], today)[101]
    assert "clinical_area" not in pair.factors
    assert ("clinical_area_unknown", 0) in pair.gaps


def test_constraint_blank_on_capability_gets_the_neutral_fit(fall_need, radar_cap, today):
    blank = replace(radar_cap, care_settings=frozenset(), trl=None, languages=frozenset())
    pair = pairs_for(fall_need, [blank], today)[101]
    assert pair.factors["care_setting"] == DEFAULT_CONFIG.unknown_fit
    assert pair.factors["maturity"] == DEFAULT_CONFIG.unknown_fit
    assert pair.factors["language"] == DEFAULT_CONFIG.unknown_fit
    assert {("care_setting_unknown", 0), ("trl_unknown", 7), ("language_unknown", 0)} <= set(
        pair.gaps
    )


def test_factor_the_need_says_nothing_about_has_no_effect(fall_need, radar_cap, payroll_cap, today):
    bare = replace(
        fall_need,
        clinical_areas=frozenset(),
        care_settings=frozenset(),
        technology_types=frozenset(),
        min_trl=None,
        required_regulatory=frozenset(),
        regions=frozenset(),
        language="",
    )
    pair = pairs_for(bare, [radar_cap, payroll_cap], today)[101]
    assert set(pair.factors) == {"text", "relevance", "constraints"}
    assert pair.factors["constraints"] == 1.0
    assert pair.score == pytest.approx(pair.factors["text"])
    assert pair.gaps == []


def test_maturity_fit_steps_down_per_trl_level_below_the_minimum(fall_need, radar_cap, today):
    for trl, expected in ((9, 1.0), (7, 1.0), (6, 0.75), (5, 0.5), (2, 0.0)):
        pair = pairs_for(fall_need, [replace(radar_cap, trl=trl)], today)[101]
        assert pair.factors["maturity"] == expected
    assert ("trl_below", 7) in pairs_for(fall_need, [replace(radar_cap, trl=5)], today)[101].gaps


def test_regulatory_fit_counts_items_held_and_not_expired(fall_need, radar_cap, today):
    need = replace(fall_need, required_regulatory=frozenset({40, 41}))
    valid = replace(radar_cap, regulatory={40: None, 41: today})
    expired = replace(radar_cap, id=102, regulatory={40: None, 41: today - datetime.timedelta(1)})
    missing = replace(radar_cap, id=103, regulatory={40: None})
    found = pairs_for(need, [valid, expired, missing], today)
    assert found[101].factors["regulatory"] == 1.0
    assert found[102].factors["regulatory"] == 0.5
    assert ("regulatory_expired", 41) in found[102].gaps
    assert found[103].factors["regulatory"] == 0.5
    assert ("regulatory_missing", 41) in found[103].gaps


def test_higher_mdr_class_meets_a_lower_class_requirement(fall_need, radar_cap, today):
    names = {
        1: "CE marking – MDR class I",
        2: "CE marking – MDR class IIa",
        3: "IVDR certification",
        4: "IVDR class C",
    }
    implies = regulatory_implications(names)
    assert implies[2] == {1}
    assert implies[4] == {3}
    need = replace(fall_need, required_regulatory=frozenset({1}))
    cap = replace(radar_cap, regulatory={2: None})
    assert (
        pairs_for(need, [cap], today, regulatory_implies=implies)[101].factors["regulatory"] == 1.0
    )
    assert pairs_for(need, [cap], today)[101].factors["regulatory"] == 0.0


def test_language_served_is_the_need_language_among_the_company_languages(
    fall_need, radar_cap, today
):
    assert pairs_for(fall_need, [radar_cap], today)[101].factors["language"] == 1.0
    danish = replace(fall_need, language="sv")
    pair = pairs_for(danish, [radar_cap], today)[101]
    assert pair.factors["language"] == 0.0
    assert ("language", 0) in pair.gaps


def test_semantic_signal_counts_only_when_both_sides_have_embeddings(
    fall_need, radar_cap, payroll_cap, today
):
    need = replace(fall_need, embedding=unit(1, 0, 0))
    close = replace(radar_cap, embedding=unit(1, 0.1, 0))
    far = replace(payroll_cap, embedding=unit(0, 0, 1))
    unknown = replace(payroll_cap, id=103)
    found = pairs_for(need, [close, far, unknown], today)
    assert found[101].factors["semantic"] > found[102].factors.get("semantic", 0.0)
    assert "semantic" not in found[103].factors
    without = pairs_for(fall_need, [close, far], today)
    assert "semantic" not in without[101].factors


def test_a_full_constraint_miss_takes_its_weight_off(fall_need, radar_cap, today):
    good = pairs_for(fall_need, [radar_cap], today)[101]
    other_region = pairs_for(fall_need, [replace(radar_cap, regions=frozenset({51}))], today)[101]
    assert other_region.score == pytest.approx(good.score * (1 - ALL.region), rel=1e-5)


def test_score_is_relevance_times_constraints_within_zero_and_one(
    fall_need, radar_cap, payroll_cap, today
):
    for pair in pairs_for(fall_need, [radar_cap, payroll_cap], today).values():
        assert 0.0 <= pair.score <= 1.0
        assert pair.score == pytest.approx(
            pair.factors["relevance"] * pair.factors["constraints"], rel=1e-5
        )
