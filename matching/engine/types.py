"""Plain data the engine works on. No Django here: the Django layer (matching/runs/loading.py)
turns needs and capabilities into these, and turns ScoredPair back into Match rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class NeedDoc:
    id: int
    title: str
    body: str  # summary + description + care pathway + success criteria ...
    tags: tuple[str, ...] = ()  # taxonomy names, analysed as text with the title's weight
    language: str = "en"  # en, da, sv, nb (others: analysed without stemming)
    clinical_areas: frozenset[int] = frozenset()
    care_settings: frozenset[int] = frozenset()
    technology_types: frozenset[int] = frozenset()
    min_trl: int | None = None
    required_regulatory: frozenset[int] = frozenset()
    regions: frozenset[int] = frozenset()
    hub_id: int | None = None
    embedding: np.ndarray | None = None  # cached, L2-normalised; None: no semantic signal


@dataclass(frozen=True)
class CapabilityDoc:
    id: int
    title: str
    body: str  # summary + description + references
    tags: tuple[str, ...] = ()
    language: str = "en"
    clinical_areas: frozenset[int] = frozenset()
    care_settings: frozenset[int] = frozenset()
    technology_types: frozenset[int] = frozenset()
    trl: int | None = None
    # regulatory item id -> expiry date (None: no expiry)
    regulatory: dict[int, datetime.date | None] = field(default_factory=dict)
    regions: frozenset[int] = frozenset()  # regions the company serves (empty: unknown)
    languages: frozenset[str] = frozenset()  # languages the company works in (empty: unknown)
    company_id: int | None = None
    embedding: np.ndarray | None = None


@dataclass(frozen=True)
class Weights:
    """How much each factor counts, and what is filtered out. Coordinators edit these per hub."""

    text: float = 1.0
    semantic: float = 1.0
    clinical_area: float = 0.15
    care_setting: float = 0.15
    technology: float = 0.1
    maturity: float = 0.1
    regulatory: float = 0.15
    region: float = 0.05
    language: float = 0.05
    threshold: float = 0.2  # matches scoring below this are not kept
    regulatory_hard_filter: bool = False  # True: a missing/expired required item excludes
    maturity_hard_filter: bool = False  # True: TRL below the need's minimum excludes


@dataclass
class ScoredPair:
    need_id: int
    capability_id: int
    score: float  # 0..1
    factors: dict[str, float]  # factor name -> its contribution or fit (see engine docs)
    shared_terms: list[str]  # top terms both texts share, most informative first
    # what stands between the two, as codes the Django layer words: ("regulatory_missing", item_id),
    # ("regulatory_expired", item_id), ("trl_below", need_min_trl), ("care_setting", 0), ...
    gaps: list[tuple[str, int]] = field(default_factory=list)
