"""The Matcher contract: hard filters, threshold, top-K both ways, dismissals, explanations."""

from dataclasses import replace

import pytest

from matching.engine.api import Matcher
from matching.engine.types import Weights
from tests.matching.engine.conftest import TEXT_ONLY

EVERYTHING = Weights(threshold=0.0)


def world(fall_need, radar_cap, payroll_cap):
    needs = [fall_need, replace(fall_need, id=2, title="Payroll for care staff", body="rostering")]
    caps = [radar_cap, payroll_cap, replace(radar_cap, id=103, title="Radar bed sensor")]
    return needs, caps


def ids(pairs):
    return [(p.need_id, p.capability_id) for p in pairs]


def test_regulatory_hard_filter_drops_a_missing_certificate(fall_need, radar_cap, today):
    missing = replace(radar_cap, id=102, regulatory={})
    matcher = Matcher([fall_need], [radar_cap, missing], today=today)
    soft = matcher.for_needs([1], weights_for=lambda n: EVERYTHING)
    hard = matcher.for_needs(
        [1], weights_for=lambda n: replace(EVERYTHING, regulatory_hard_filter=True)
    )
    assert {p.capability_id for p in soft} == {101, 102}
    assert {p.capability_id for p in hard} == {101}


def test_maturity_hard_filter_drops_a_trl_below_the_minimum(fall_need, radar_cap, today):
    young = replace(radar_cap, id=102, trl=4)
    unknown = replace(radar_cap, id=103, trl=None)
    matcher = Matcher([fall_need], [radar_cap, young, unknown], today=today)
    hard = matcher.for_needs(
        [1], weights_for=lambda n: replace(EVERYTHING, maturity_hard_filter=True)
    )
    assert {p.capability_id for p in hard} == {101, 103}


def test_threshold_drops_pairs_scoring_under_it(fall_need, radar_cap, payroll_cap, today):
    matcher = Matcher([fall_need], [radar_cap, payroll_cap], today=today)
    everything = matcher.for_needs([1], weights_for=lambda n: EVERYTHING)
    cut = sorted(p.score for p in everything)[0] + 1e-6
    kept = matcher.for_needs([1], weights_for=lambda n: replace(EVERYTHING, threshold=cut))
    assert len(kept) == len(everything) - 1
    assert all(p.score >= cut for p in kept)


def test_top_k_per_need_keeps_the_best_first(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)
    top = matcher.for_needs([1], weights_for=lambda n: TEXT_ONLY, top_k=2)
    everything = matcher.for_needs([1], weights_for=lambda n: TEXT_ONLY, top_k=10)
    assert ids(top) == ids(everything)[:2]
    assert [p.score for p in everything] == sorted((p.score for p in everything), reverse=True)


def test_top_k_per_capability_gives_the_same_scores(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)
    by_need = {
        (p.need_id, p.capability_id): p.score
        for p in matcher.for_needs([1, 2], weights_for=lambda n: EVERYTHING, top_k=10)
    }
    by_cap = matcher.for_capabilities([101, 102, 103], weights_for=lambda n: EVERYTHING, top_k=1)
    assert len(by_cap) == 3
    for pair in by_cap:
        assert pair.score == by_need[(pair.need_id, pair.capability_id)]
        best = max(s for (n, c), s in by_need.items() if c == pair.capability_id)
        assert pair.score == best


def test_dismissed_pairs_are_never_returned(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)
    dismissed = {(1, 101)}
    for found in (
        matcher.for_needs([1, 2], weights_for=lambda n: EVERYTHING, exclude=dismissed),
        matcher.for_capabilities([101], weights_for=lambda n: EVERYTHING, exclude=dismissed),
        [
            p
            for chunk in matcher.all_pairs(weights_for=lambda n: EVERYTHING, exclude=dismissed)
            for p in chunk
        ],
    ):
        assert (1, 101) not in ids(found)
    assert (1, 101) in ids(matcher.for_needs([1], weights_for=lambda n: EVERYTHING))


def test_weights_are_looked_up_per_need(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)

    def per_hub(need):
        return replace(EVERYTHING, threshold=2.0) if need.id == 2 else EVERYTHING

    found = matcher.for_needs([1, 2], weights_for=per_hub)
    assert {p.need_id for p in found} == {1}


def test_all_pairs_yields_need_chunks_then_the_capability_side(
    fall_need, radar_cap, payroll_cap, today
):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)
    chunks = list(matcher.all_pairs(weights_for=lambda n: EVERYTHING, top_k=1, chunk_size=1))
    assert len(chunks) == 3
    assert [{p.need_id for p in chunk} for chunk in chunks[:2]] == [{1}, {2}]
    kept = {pair for chunk in chunks for pair in ids(chunk)}
    per_cap = matcher.for_capabilities([101, 102, 103], weights_for=lambda n: EVERYTHING, top_k=1)
    assert set(ids(per_cap)) <= kept
    assert len(kept) == sum(len(chunk) for chunk in chunks)  # nothing yielded twice


def test_all_pairs_slice_of_needs(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    matcher = Matcher(needs, caps, today=today)
    chunks = list(matcher.all_pairs(weights_for=lambda n: EVERYTHING, need_ids=[2]))
    assert {p.need_id for chunk in chunks for p in chunk} == {2}


def test_explanation_shows_readable_shared_words_most_informative_first(
    fall_need, radar_cap, payroll_cap, today
):
    pair = Matcher([fall_need], [radar_cap, payroll_cap], today=today).for_needs(
        [1], weights_for=lambda n: EVERYTHING
    )[0]
    assert pair.capability_id == 101
    assert {"nurses", "night", "bed"} <= set(pair.shared_terms)
    assert "nurs" not in pair.shared_terms  # surface words, not stems
    assert len(pair.shared_terms) <= 8
    assert set(pair.factors) >= {"text", "clinical_area", "care_setting", "maturity", "regulatory"}


def test_add_needs_scores_a_new_need_like_a_fresh_matcher(fall_need, radar_cap, payroll_cap, today):
    needs, caps = world(fall_need, radar_cap, payroll_cap)
    kept = Matcher(needs[:1], caps, today=today)
    kept.add_needs(needs[1:])
    fresh = Matcher(needs, caps, today=today)
    a = kept.for_needs([2], weights_for=lambda n: EVERYTHING)
    b = fresh.for_needs([2], weights_for=lambda n: EVERYTHING)
    assert [(p.capability_id, pytest.approx(p.score)) for p in a] == [
        (p.capability_id, p.score) for p in b
    ]


def test_unknown_ids_and_empty_worlds_give_nothing(fall_need, today):
    assert (
        Matcher([fall_need], [], today=today).for_needs([1], weights_for=lambda n: EVERYTHING) == []
    )
    assert (
        Matcher([], [], today=today).for_capabilities([5], weights_for=lambda n: EVERYTHING) == []
    )
    assert list(Matcher([], [], today=today).all_pairs(weights_for=lambda n: EVERYTHING)) == []
