"""The optional semantic signal: cosine similarity of cached, L2-normalised embeddings.

Raw cosines of sentence-embedding models sit in a narrow band that differs from need to need, so
the fit standardises each need's cosine against its own distribution over all capabilities. The
mean and standard deviation of that distribution follow from the capabilities' mean vector and
covariance matrix (``mean = e . mu``, ``var = e' Sigma e``), so they cost O(dim^2) per need, never a
pass over the capabilities, and a pair scores the same from either side.

A wide model's vectors can be projected onto the capabilities' main directions first
(``dims``): the top principal directions of their covariance, one basis for needs and
capabilities, each projected vector normalised again. Ranking by cosine barely changes (mpnet's
768 dimensions projected to 256: NFCorpus dev in docs/benchmarks.md), and every product over
the capabilities then reads a third of the memory.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_SPREAD = 0.02  # floor for the standard deviation (tiny or uniform worlds)
STATS_SLICE = 8192  # capabilities per float64 slice when computing the statistics


def _stack(vectors: Sequence[np.ndarray | None], dim: int) -> tuple[np.ndarray, np.ndarray]:
    matrix = np.zeros((len(vectors), dim), dtype=np.float32)
    has = np.zeros(len(vectors), dtype=bool)
    for row, vector in enumerate(vectors):
        if vector is not None:
            vector = np.asarray(vector, dtype=np.float32).ravel()
            if vector.shape[0] != dim:
                raise ValueError(f"embedding of size {vector.shape[0]}, expected {dim}")
            matrix[row] = vector
            has[row] = True
    return matrix, has


def _moments(matrix: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean vector and covariance matrix of ``matrix[rows]``, in float64 a slice at a time."""
    dim = matrix.shape[1]
    total = np.zeros(dim)
    second = np.zeros((dim, dim))
    for start in range(0, len(rows), STATS_SLICE):
        part = matrix[rows[start : start + STATS_SLICE]].astype(np.float64)
        total += part.sum(axis=0)
        second += part.T @ part
    centre = total / len(rows)
    return centre, second / len(rows) - np.outer(centre, centre)


def principal_basis(covariance: np.ndarray, dims: int) -> np.ndarray:
    """(dim, dims) float32: the ``dims`` principal directions of ``covariance``, largest first,
    each with its largest component positive (so the basis does not depend on the solver)."""
    _, vectors = np.linalg.eigh(covariance)
    basis = vectors[:, ::-1][:, :dims]
    signs = np.sign(basis[np.abs(basis).argmax(axis=0), np.arange(dims)])
    return (basis * np.where(signs == 0, 1, signs)).astype(np.float32)


def project(vectors: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Rows of ``vectors`` in the basis, normalised again (zero rows stay zero)."""
    out = np.empty((len(vectors), basis.shape[1]), dtype=np.float32)
    for start in range(0, len(vectors), STATS_SLICE):
        part = vectors[start : start + STATS_SLICE] @ basis
        norms = np.linalg.norm(part, axis=1, keepdims=True)
        out[start : start + STATS_SLICE] = part / np.where(norms == 0, 1, norms)
    return out


class SemanticIndex:
    def __init__(
        self, cap_vectors: Sequence[np.ndarray | None], *, full_z: float, dims: int | None = None
    ) -> None:
        first = next((v for v in cap_vectors if v is not None), None)
        self.input_dim = int(np.asarray(first).size) if first is not None else 1
        self.Ec, self.known = _stack(cap_vectors, self.input_dim)
        self.enabled = bool(self.known.any())
        self.full_z = np.float32(full_z)
        self.basis: np.ndarray | None = None
        self.centre = np.zeros(self.input_dim)
        self.covariance = np.zeros((self.input_dim, self.input_dim))
        if self.enabled:
            known = np.flatnonzero(self.known)
            self.centre, self.covariance = _moments(self.Ec, known)
            # only where it saves something: more capabilities than directions kept
            if dims is not None and 0 < dims < self.input_dim and len(known) > dims:
                self.basis = principal_basis(self.covariance, dims)
                self.Ec = project(self.Ec, self.basis)
                self.centre, self.covariance = _moments(self.Ec, known)
        self.dim = self.Ec.shape[1]
        self.En = np.zeros((0, self.dim), dtype=np.float32)
        self.applies = np.zeros(0, dtype=bool)
        self.mean = np.zeros(0, dtype=np.float32)
        self.scale = np.zeros(0, dtype=np.float32)

    def _calibration(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        needs = vectors.astype(np.float64)
        mean = needs @ self.centre
        spread = np.sqrt(np.maximum(((needs @ self.covariance) * needs).sum(axis=1), 0))
        scale = 1.0 / (np.maximum(spread, MIN_SPREAD) * self.full_z)
        return mean.astype(np.float32), scale.astype(np.float32)

    def add_needs(self, need_vectors: Sequence[np.ndarray | None]) -> None:
        if not self.enabled:
            need_vectors = [None] * len(need_vectors)
        vectors, has = _stack(need_vectors, self.input_dim)
        if self.basis is not None:
            vectors = project(vectors, self.basis)
        mean, scale = self._calibration(vectors)
        self.En = np.vstack([self.En, vectors])
        self.applies = np.concatenate([self.applies, has])
        self.mean = np.concatenate([self.mean, mean])
        self.scale = np.concatenate([self.scale, scale])

    def replace_need_vectors(self, need_rows: np.ndarray, vectors: np.ndarray) -> None:
        """Give need_rows new (L2-normalised) query vectors, e.g. expanded by feedback."""
        vectors = np.asarray(vectors, dtype=np.float32)
        self.En[need_rows] = vectors
        self.mean[need_rows], self.scale[need_rows] = self._calibration(vectors)

    def cosines(self, need_rows: np.ndarray) -> np.ndarray:
        """Raw cosines of need_rows against every capability (no calibration)."""
        return self.En[need_rows] @ self.Ec.T

    def fit_pairs(self, need_rows: np.ndarray, cosine: np.ndarray) -> np.ndarray:
        """The fit of given cosines of need_rows (one per pair), with the rows' calibration."""
        return self._fit(cosine.astype(np.float32), self.mean[need_rows], self.scale[need_rows])

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        caps = self.Ec if cap_rows is None else self.Ec[cap_rows]
        cosine = self.En[need_rows] @ caps.T
        return self._fit(cosine, self.mean[need_rows][:, None], self.scale[need_rows][:, None])

    def pairs(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        needs, caps = self.En[need_rows], self.Ec[cap_rows]
        cosine = np.matmul(needs[:, None, :], caps[:, :, None]).ravel()
        return self._fit(cosine, self.mean[need_rows], self.scale[need_rows])

    @staticmethod
    def _fit(cosine: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
        cosine -= mean
        cosine *= scale
        np.clip(cosine, 0.0, 1.0, out=cosine)
        return cosine
