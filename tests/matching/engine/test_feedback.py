"""Pseudo-relevance feedback on the embeddings (matching/engine/feedback.py): a need's vector
moves towards its best capabilities, the same way in the engine and in the naive scorer, and
only in a corpus large enough for it to help."""

from dataclasses import replace

import numpy as np
import pytest

from healthmatch.bench.naive import NaiveScorer
from matching.engine.api import Matcher
from matching.engine.config import DEFAULT_CONFIG
from matching.engine.types import CapabilityDoc, NeedDoc, Weights
from tests.matching.engine.conftest import TODAY, unit
from tests.matching.engine.test_oracle import check_need_side, small_world

# feedback on in the small worlds of these tests (the default needs 1,000 capabilities)
SMALL = replace(DEFAULT_CONFIG, feedback_min_capabilities=10, feedback_candidates=20)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("dense_share", [0.0, 1.0])
def test_engine_with_feedback_equals_naive_scorer(seed, dense_share):
    world = small_world(seed)
    matcher = Matcher(
        world.needs, world.capabilities, today=world.today, config=SMALL, block_pairs=500
    )
    matcher.dense_share = dense_share
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today, config=SMALL)
    plain = Matcher(world.needs, world.capabilities, today=world.today)
    # feedback did change the vectors the engine scores with
    assert not np.allclose(
        matcher.scorer.factors["semantic"].En, plain.scorer.factors["semantic"].En
    )
    check_need_side(matcher, naive, world.needs, Weights(threshold=0.0))


def test_capability_side_with_feedback_scores_as_need_side():
    world = small_world(4)
    weights = Weights(threshold=0.05)
    matcher = Matcher(world.needs, world.capabilities, today=world.today, config=SMALL)
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today, config=SMALL)
    by_cap = matcher.for_capabilities(
        [c.id for c in world.capabilities], weights_for=lambda n: weights, top_k=3
    )
    assert by_cap
    for pair in by_cap:
        assert pair.score == pytest.approx(
            naive.score(pair.need_id, pair.capability_id, weights), abs=2e-6
        )


def _world(n_distractors=30):
    """A need about bed-exit alarms; one capability says so in words and sits near the need in
    embedding space; a second says the same in other words (no shared term) and sits near the
    first, further from the need; distractors point elsewhere."""
    need = NeedDoc(
        id=1,
        title="Bed exit alarm for night falls",
        body="",
        embedding=unit(1, 0.2, 0, 0, 0, 0),
    )
    worded = CapabilityDoc(
        id=10,
        title="Bed exit alarm",
        body="Night falls prevented",
        embedding=unit(1, 1, 0, 0, 0, 0),
    )
    other_words = CapabilityDoc(
        id=11,
        title="Radar presence sensing",
        body="Detects a patient leaving the mattress",
        embedding=unit(0, 1, 0.6, 0, 0, 0),
    )
    rng = np.random.default_rng(3)
    distractors = [
        CapabilityDoc(
            id=100 + i,
            title=f"Payroll module {i}",
            body="Rostering and holiday requests",
            embedding=unit(*(rng.normal(size=6) * [0.1, 0.1, 1, 1, 1, 1])),
        )
        for i in range(n_distractors)
    ]
    return need, [worded, other_words, *distractors]


def test_feedback_moves_need_vector_towards_its_best_capabilities():
    need, caps = _world()
    config = replace(SMALL, feedback_docs=1, feedback_weight=2.0)
    matcher = Matcher([need], caps, today=TODAY, config=config)
    got = matcher.scorer.factors["semantic"].En[0]
    # the best capability by text + semantic is the one that shares the need's words
    expected = need.embedding.astype(np.float64) + 2.0 * caps[0].embedding
    expected /= np.linalg.norm(expected)
    assert got == pytest.approx(expected, abs=1e-6)


def test_feedback_raises_capability_that_says_it_in_other_words():
    need, caps = _world()
    weights = Weights(threshold=0.0)

    def semantic_fit(config):
        matcher = Matcher([need], caps, today=TODAY, config=config)
        pairs = matcher.for_needs([need.id], weights_for=lambda n: weights, top_k=40)
        return {p.capability_id: p.factors["semantic"] for p in pairs}

    without = semantic_fit(replace(SMALL, feedback_docs=0))
    with_feedback = semantic_fit(SMALL)
    assert with_feedback[11] > without[11]


def test_feedback_off_in_small_corpus_and_without_embeddings():
    need, caps = _world(n_distractors=5)  # 7 capabilities, under the minimum of 10
    matcher = Matcher([need], caps, today=TODAY, config=SMALL)
    assert matcher.scorer.factors["semantic"].En[0] == pytest.approx(need.embedding)
    # a need without an embedding keeps none, in a corpus where feedback applies
    need_b, caps_b = _world()
    bare = replace(need_b, id=2, embedding=None)
    matcher = Matcher([need_b, bare], caps_b, today=TODAY, config=SMALL)
    semantic = matcher.scorer.factors["semantic"]
    assert not semantic.applies[1]
    assert not semantic.En[1].any()
