"""The fast engine against the naive pairwise scorer on small random worlds: the same scores
and the same rankings, on both of the engine's paths (dense blocks, and candidate pairs)."""

from dataclasses import replace

import pytest

from healthmatch.bench.naive import NaiveScorer
from healthmatch.bench.synthetic import generate_world
from matching.engine.api import Matcher
from matching.engine.types import Weights

SETTINGS = [
    Weights(),
    Weights(threshold=0.0, regulatory_hard_filter=True, maturity_hard_filter=True),
    Weights(text=2.0, semantic=0.0, clinical_area=0.5, region=0.4, threshold=0.1),
]


def small_world(seed, embeddings=True):
    return generate_world(
        25,
        90,
        seed=seed,
        dim=8,
        topics=6,
        body_words=(8, 30),
        vocabulary=(150, 300),
        embeddings=embeddings,
    )


def check_need_side(matcher, naive, needs, weights, top_k=7, exclude=frozenset()):
    found = matcher.for_needs(
        [n.id for n in needs], weights_for=lambda n: weights, top_k=top_k, exclude=exclude
    )
    by_need = {}
    for pair in found:
        by_need.setdefault(pair.need_id, []).append(pair)
        assert pair.score == pytest.approx(
            naive.score(pair.need_id, pair.capability_id, weights), abs=2e-6
        )
    for need in needs:
        expected = naive.top_for_need(need.id, weights, top_k, exclude)
        got = by_need.get(need.id, [])
        assert [s for _, s in expected] == pytest.approx([p.score for p in got], abs=2e-6)
        distinct = {c for c, s in expected if sum(abs(s - t) < 1e-5 for _, t in expected) == 1}
        assert distinct <= {p.capability_id for p in got} | {c for c, _ in expected[-1:]}
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("dense_share", [0.0, 1.0])
@pytest.mark.parametrize("weights", SETTINGS)
def test_fast_engine_equals_naive_scorer(seed, dense_share, weights):
    world = small_world(seed, embeddings=seed != 3)
    matcher = Matcher(world.needs, world.capabilities, today=world.today, block_pairs=500)
    matcher.dense_share = dense_share
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today)
    check_need_side(matcher, naive, world.needs, weights)


def test_capability_side_and_full_run_equal_naive_scorer():
    world = small_world(4)
    weights = Weights(threshold=0.05)
    matcher = Matcher(world.needs, world.capabilities, today=world.today, block_pairs=300)
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today)
    exclude = {(world.needs[0].id, c.id) for c in world.capabilities[:30]}
    by_cap = matcher.for_capabilities(
        [c.id for c in world.capabilities], weights_for=lambda n: weights, top_k=3, exclude=exclude
    )
    for pair in by_cap:
        assert (pair.need_id, pair.capability_id) not in exclude
        assert pair.score == pytest.approx(
            naive.score(pair.need_id, pair.capability_id, weights), abs=2e-6
        )
    for cap in world.capabilities:
        scores = sorted(
            (
                s
                for n in world.needs
                if (n.id, cap.id) not in exclude
                for s in [naive.score(n.id, cap.id, weights)]
                if s is not None
            ),
            reverse=True,
        )[:3]
        got = sorted((p.score for p in by_cap if p.capability_id == cap.id), reverse=True)
        assert got == pytest.approx(scores, abs=2e-6)
    full = {
        (p.need_id, p.capability_id): p.score
        for chunk in matcher.all_pairs(
            weights_for=lambda n: weights, top_k=3, exclude=exclude, chunk_size=4
        )
        for p in chunk
    }
    assert {(p.need_id, p.capability_id) for p in by_cap} <= set(full)
    for (need, cap), score in full.items():
        assert score == pytest.approx(naive.score(need, cap, weights), abs=2e-6)


def test_structured_blanks_and_unknown_languages_equal_naive_scorer():
    world = small_world(5)
    needs = [replace(n, language="fi") if n.id % 3 == 0 else n for n in world.needs]
    caps = [
        replace(c, clinical_areas=frozenset(), trl=None, languages=frozenset(), regulatory={})
        if c.id % 4 == 0
        else c
        for c in world.capabilities
    ]
    matcher = Matcher(needs, caps, today=world.today)
    naive = NaiveScorer(needs, caps, today=world.today)
    check_need_side(matcher, naive, needs, Weights(threshold=0.0), top_k=90)
