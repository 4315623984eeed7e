"""Embeddings for benchmarks, cached on disk by a hash of the embedder's name and the text.

In production the Django layer caches an item's embedding and recomputes it only when the item's
text changes; the benchmarks do the same here so reruns are fast. The model is optional:
``get_embedder`` (matching/engine/embedders.py) returns None when none is installed or it is
"off", and the engine then runs on text and structure alone.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching.engine.embedders import Embedder, get_embedder

DEFAULT_CACHE = Path("var/bench-cache")

__all__ = ["DEFAULT_CACHE", "EmbeddingCache", "get_embedder", "text_key"]


def text_key(model: str, kind: str, text: str) -> str:
    return hashlib.sha1(f"{model}\0{kind}\0{text}".encode(), usedforsecurity=False).hexdigest()


class EmbeddingCache:
    """One ``.npz`` per model and kind ("query"/"passage"): keys (text hashes), float32 rows."""

    def __init__(self, embedder: Embedder, directory: Path | str = DEFAULT_CACHE) -> None:
        self.embedder = embedder
        self.directory = Path(directory)
        self._rows: dict[str, dict[str, np.ndarray]] = {}

    def _path(self, kind: str) -> Path:
        return self.directory / f"embeddings-{self.embedder.name}-{kind}.npz"

    def _load(self, kind: str) -> dict[str, np.ndarray]:
        if kind not in self._rows:
            rows: dict[str, np.ndarray] = {}
            path = self._path(kind)
            if path.exists():
                with np.load(path) as data:
                    for key, vector in zip(data["keys"], data["vectors"], strict=True):
                        rows[str(key)] = vector
            self._rows[kind] = rows
        return self._rows[kind]

    def _save(self, kind: str) -> None:
        rows = self._rows[kind]
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(rows), dtype="U40")
        dim = self.embedder.dim
        vectors = np.stack(list(rows.values())).astype(np.float32) if rows else np.zeros((0, dim))
        tmp = self._path(kind).with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self._path(kind))

    def embed(
        self, texts: Sequence[str], kind: str, *, batch: int = 64, progress: bool = False
    ) -> np.ndarray:
        """(len(texts), dim) L2-normalised float32; computes only the texts not cached yet."""
        rows = self._load(kind)
        model = self.embedder.name
        keys = [text_key(model, kind, t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in rows}.items())
        if kind == "query":
            encode = self.embedder.encode_queries
        else:
            encode = self.embedder.encode_passages
        started = time.perf_counter()
        for start in range(0, len(missing), batch):
            part = missing[start : start + batch]
            vectors = encode([t for _, t in part])
            for (key, _), vector in zip(part, vectors, strict=True):
                rows[key] = np.asarray(vector, dtype=np.float32)
            self._save(kind)
            if progress:
                done = start + len(part)
                rate = done / (time.perf_counter() - started)
                print(f"  embedded {done}/{len(missing)} {kind}s ({rate:.1f}/s)", file=sys.stderr)
        if not keys:
            return np.zeros((0, self.embedder.dim), np.float32)
        return np.stack([rows[k] for k in keys])
