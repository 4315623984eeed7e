"""Engine settings that are not per hub: BM25 parameters, field weights and the calibration that
turns raw text and embedding similarities into fits between 0 and 1.

Coordinators edit ``Weights`` (per hub); these are the engine's own constants, tuned on the
NFCorpus dev split (see docs/benchmarks.md) and the same in production and in benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineConfig:
    # BM25F over the capability's fields (title, tags, body)
    k1: float = 1.2
    b: float = 0.75
    title_weight: float = 2.0
    tags_weight: float = 2.0
    body_weight: float = 1.0
    tag_language: str = "en"  # tags are taxonomy names: analysed in the taxonomy's language
    # the need's side (the query): how much each field's terms count
    query_title_weight: float = 2.0
    query_tags_weight: float = 2.0
    query_body_weight: float = 1.0
    # in a corpus of at least max_df_corpus capabilities, query terms found in more than max_df
    # of them are ignored (corpus stop words: they cost most of the sparse product, tell little)
    max_df: float = 0.3
    max_df_corpus: int = 1000
    # a need's query keeps its query_terms terms of highest weight x idf (None: all of them)
    query_terms: int | None = 48
    # query term frequency saturation (None: linear, as in Lucene's BM25)
    query_k3: float | None = 2.0
    # text fit = x / (x + text_half) * (1 + text_half) with x = bm25 / the need's best possible
    text_half: float = 1.0
    # semantic fit: how many standard deviations above the need's mean similarity over all
    # capabilities count as a full fit (z <= 0 is no fit)
    semantic_full_z: float = 3.0
    # embeddings wider than this are projected onto the capabilities' semantic_dims principal
    # directions before anything else (None: kept as they are); see semantic.py
    semantic_dims: int | None = None
    # pseudo-relevance feedback on the embeddings (feedback.py): a need's vector moves towards
    # the mean of its feedback_docs best capabilities among the feedback_candidates nearest,
    # ranked by text fit + feedback_semantic * semantic fit; 0 docs turns it off. Only in a
    # corpus of at least feedback_min_capabilities capabilities with embeddings.
    feedback_docs: int = 2
    feedback_candidates: int = 100
    feedback_weight: float = 2.0
    feedback_semantic: float = 0.5
    feedback_min_capabilities: int = 1000
    # fit given to a structured factor the need asks about but the capability leaves blank
    unknown_fit: float = 0.5
    # maturity: each TRL level below the need's minimum takes this much off the fit
    trl_step: float = 0.25
    # explanations
    shared_terms: int = 8


DEFAULT_CONFIG = EngineConfig()
