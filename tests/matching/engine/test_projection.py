"""Wide embeddings projected onto the capabilities' principal directions (semantic_dims,
matching/engine/semantic.py): the engine and the naive scorer agree, needs and capabilities
share one basis, and a projection that keeps every direction changes no ranking."""

from dataclasses import replace

import numpy as np
import pytest

from healthmatch.bench.naive import NaiveScorer
from matching.engine.api import Matcher
from matching.engine.config import DEFAULT_CONFIG
from matching.engine.semantic import SemanticIndex, principal_basis, project
from matching.engine.types import Weights
from tests.matching.engine.test_feedback import SMALL
from tests.matching.engine.test_oracle import check_need_side, small_world

PROJECTED = replace(DEFAULT_CONFIG, semantic_dims=4)  # the small worlds have 8 dimensions


@pytest.mark.parametrize("config", [PROJECTED, replace(SMALL, semantic_dims=4)])
@pytest.mark.parametrize("seed", [1, 3])
def test_engine_with_projection_equals_naive_scorer(config, seed):
    world = small_world(seed)
    matcher = Matcher(world.needs, world.capabilities, today=world.today, config=config)
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today, config=config)
    semantic = matcher.scorer.factors["semantic"]
    assert (semantic.input_dim, semantic.dim) == (8, 4)
    assert semantic.Ec.shape == (len(world.capabilities), 4)
    check_need_side(matcher, naive, world.needs, Weights(threshold=0.0))


def test_projection_changes_scores_but_the_capability_side_agrees():
    world = small_world(2)
    weights = Weights(threshold=0.0)
    projected = Matcher(world.needs, world.capabilities, today=world.today, config=PROJECTED)
    plain = Matcher(world.needs, world.capabilities, today=world.today)
    need_ids = [n.id for n in world.needs]
    by_need = {
        (p.need_id, p.capability_id): p.score
        for p in projected.for_needs(need_ids, weights_for=lambda n: weights, top_k=50)
    }
    unprojected = {
        (p.need_id, p.capability_id): p.score
        for p in plain.for_needs(need_ids, weights_for=lambda n: weights, top_k=50)
    }
    assert any(abs(by_need[k] - unprojected[k]) > 1e-4 for k in by_need.keys() & unprojected)
    by_cap = projected.for_capabilities(
        [c.id for c in world.capabilities], weights_for=lambda n: weights, top_k=50
    )
    naive = NaiveScorer(world.needs, world.capabilities, today=world.today, config=PROJECTED)
    assert by_cap
    for pair in by_cap:
        expected = naive.score(pair.need_id, pair.capability_id, weights)
        assert pair.score == pytest.approx(expected, abs=2e-6)


def test_a_new_need_is_projected_with_the_capabilities_basis():
    world = small_world(5)
    matcher = Matcher(world.needs[:-1], world.capabilities, today=world.today, config=PROJECTED)
    semantic = matcher.scorer.factors["semantic"]
    basis = semantic.basis.copy()
    new = world.needs[-1]
    matcher.add_needs([new])
    expected = project(np.asarray(new.embedding, np.float32)[None, :], basis)[0]
    row = matcher.need_row[new.id]
    assert np.allclose(semantic.En[row], expected, atol=1e-6)
    assert np.array_equal(semantic.basis, basis)  # adding needs never moves the basis


def test_keeping_every_direction_keeps_every_cosine():
    rng = np.random.default_rng(0)
    caps = rng.normal(size=(50, 6)).astype(np.float32)
    caps /= np.linalg.norm(caps, axis=1, keepdims=True)
    full = SemanticIndex(list(caps), full_z=3.0, dims=None)
    index = SemanticIndex(list(caps), full_z=3.0, dims=5)
    rotated = project(caps, principal_basis(np.cov(caps, rowvar=False, bias=True), 6))
    assert np.allclose(caps @ caps.T, rotated @ rotated.T, atol=1e-5)  # a rotation
    assert index.Ec.shape == (50, 5) and full.Ec.shape == (50, 6)
    assert np.allclose(np.linalg.norm(index.Ec, axis=1), 1.0, atol=1e-6)


def test_the_basis_is_deterministic_and_signed_by_its_largest_component():
    rng = np.random.default_rng(1)
    data = rng.normal(size=(200, 5)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5])
    covariance = np.cov(data, rowvar=False)
    basis = principal_basis(covariance, 3)
    assert np.array_equal(basis, principal_basis(covariance.copy(), 3))
    # the same directions as the eigenvectors, whatever sign the solver gave them
    _, vectors = np.linalg.eigh(covariance)
    top = vectors[:, ::-1][:, :3]
    assert np.allclose(np.abs((top * basis).sum(axis=0)), 1.0, atol=1e-5)
    assert (basis[np.abs(basis).argmax(axis=0), np.arange(3)] > 0).all()
    # largest variance first: the first direction is the first axis
    assert abs(basis[0, 0]) > 0.99


def test_unknown_capabilities_stay_without_a_vector():
    rng = np.random.default_rng(2)
    vectors = [rng.normal(size=8).astype(np.float32) for _ in range(20)] + [None, None]
    index = SemanticIndex(vectors, full_z=3.0, dims=3)
    assert not index.known[-2:].any() and index.known[:-2].all()
    assert np.all(index.Ec[-2:] == 0)


def test_dims_at_or_above_the_width_leave_vectors_as_they_are():
    rng = np.random.default_rng(3)
    vectors = [rng.normal(size=8).astype(np.float32) for _ in range(20)]
    index = SemanticIndex(vectors, full_z=3.0, dims=8)
    assert index.basis is None and index.Ec.shape == (20, 8)


def test_a_corpus_smaller_than_the_kept_directions_is_not_projected():
    """Fewer capabilities than directions: the extra directions would be arbitrary, and there
    is no memory to save."""
    rng = np.random.default_rng(4)
    vectors = [rng.normal(size=8).astype(np.float32) for _ in range(4)]
    index = SemanticIndex(vectors, full_z=3.0, dims=5)
    assert index.basis is None and index.Ec.shape == (4, 8)
    world = small_world(1)
    few = world.capabilities[:4]
    naive = NaiveScorer(world.needs, few, today=world.today, config=PROJECTED)
    assert naive.basis is None
