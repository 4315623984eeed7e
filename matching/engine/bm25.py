"""BM25F text relevance as sparse matrices.

Capabilities are the documents, a need is the query. ``D`` (capabilities x vocabulary) holds each
term's BM25F weight in a capability: idf * tf~ (k1 + 1) / (k1 + tf~), where tf~ adds up the field
term frequencies, each weighted (title and tags above body) and length-normalised per field. ``Q``
(needs x vocabulary) holds the need's weighted (and gently saturated) term frequencies.

The raw score of a pair is ``Q[need] . D[capability]``, so one need against every capability,
one capability against every need and a chunk of needs against everything are the same product
sliced differently. The text fit divides by the need's best possible score (every query term at
saturation) and calibrates into 0..1 (see ``EngineConfig.text_half``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from matching.engine.config import EngineConfig
from matching.engine.text import Analyzer

FIELDS = ("title", "tags", "body")


def field_texts(docs: Sequence, field: str) -> list[str]:
    if field == "tags":
        return [" . ".join(doc.tags) for doc in docs]
    return [getattr(doc, field) or "" for doc in docs]


def field_languages(docs: Sequence, field: str, config: EngineConfig) -> list[str]:
    """Tags are taxonomy names, written in the taxonomy's language whatever the item's."""
    if field == "tags":
        return [config.tag_language] * len(docs)
    return [doc.language or "" for doc in docs]


def _analyse_fields(
    analyzer: Analyzer, docs: Sequence, config: EngineConfig
) -> dict[str, tuple[np.ndarray, ...]]:
    return {
        field: analyzer.analyse(field_texts(docs, field), field_languages(docs, field, config))
        for field in FIELDS
    }


def _tf(rows: np.ndarray, terms: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    ones = np.ones(len(rows), dtype=np.float32)
    matrix = sp.csr_matrix((ones, (rows, terms)), shape=shape, dtype=np.float32)
    matrix.sum_duplicates()
    return matrix


def _scale_rows(matrix: sp.csr_matrix, factors: np.ndarray) -> sp.csr_matrix:
    scaled = matrix.copy()
    scaled.data *= np.repeat(factors.astype(np.float32), np.diff(matrix.indptr))
    return scaled


def _most_informative(query: sp.csr_matrix, idf: np.ndarray, limit: int | None) -> sp.csr_matrix:
    """Keep each need's ``limit`` terms of highest weight x idf (a long need's rarest, most
    telling words; its commonest add little to any score but cost the most to compute)."""
    counts = np.diff(query.indptr)
    if limit is None or not len(counts) or counts.max() <= limit:
        return query
    rows = np.repeat(np.arange(query.shape[0]), counts)
    order = np.lexsort((query.indices, -(query.data * idf[query.indices]), rows))
    rank = np.arange(len(order)) - np.repeat(query.indptr[:-1], counts)
    keep = np.zeros(len(order), dtype=bool)
    keep[order[rank < limit]] = True
    query = query.copy()
    query.data[~keep] = 0.0
    query.eliminate_zeros()
    return query


class TextIndex:
    def __init__(self, analyzer: Analyzer, capabilities: Sequence, config: EngineConfig) -> None:
        self.analyzer = analyzer
        self.config = config
        cap_fields = _analyse_fields(analyzer, capabilities, config)
        vocabulary = max(len(analyzer.terms), 1)
        n_caps = len(capabilities)
        k1, b = config.k1, config.b
        weights = {"title": config.title_weight, "tags": config.tags_weight}
        weights["body"] = config.body_weight
        combined = sp.csr_matrix((n_caps, vocabulary), dtype=np.float32)
        for field in FIELDS:
            rows, terms = cap_fields[field]
            if weights[field] <= 0 or not len(rows):
                continue
            lengths = np.bincount(rows, minlength=n_caps).astype(np.float32)
            average = lengths[lengths > 0].mean()
            norm = 1.0 - b + b * lengths / average
            tf = _tf(rows, terms, (n_caps, vocabulary))
            combined = combined + _scale_rows(tf, weights[field] / norm)
        combined = combined.tocsr()
        combined.sum_duplicates()
        combined.sort_indices()
        self.df = np.bincount(combined.indices, minlength=vocabulary)
        idf = np.log1p((n_caps - self.df + 0.5) / (self.df + 0.5)).astype(np.float32)
        idf[self.df == 0] = 0.0
        self.idf = idf
        # terms no capability has score nothing; in a large corpus, terms in more than max_df
        # of the capabilities are too common to tell them apart (corpus stop words)
        self.usable = self.df > 0
        if n_caps >= config.max_df_corpus:
            self.usable &= self.df <= config.max_df * n_caps
        tf = combined.data
        combined.data = (idf[combined.indices] * tf * (k1 + 1) / (k1 + tf)).astype(np.float32)
        self.D = combined  # capabilities x vocabulary
        self.Q = sp.csr_matrix((0, vocabulary), dtype=np.float32)
        self.best = np.zeros(0, dtype=np.float32)
        self._tiles: dict[tuple[int, int], sp.csr_matrix] = {}
        self._tile_lock = threading.Lock()

    def _tile(self, start: int, stop: int) -> sp.csr_matrix:
        """D transposed (vocabulary x capabilities) for capabilities start..stop, built once and
        kept: a tile is scored against one block of needs after another."""
        with self._tile_lock:
            tile = self._tiles.get((start, stop))
            if tile is None:
                tile = self._tiles[(start, stop)] = self.D[start:stop].T.tocsr()
                tile.sort_indices()
        return tile

    def add_needs(self, needs: Sequence) -> None:
        """The need side: weighted, gently saturated query term frequencies."""
        config, vocabulary = self.config, self.D.shape[1]
        need_fields = _analyse_fields(self.analyzer, needs, config)
        qweights = {"title": config.query_title_weight, "tags": config.query_tags_weight}
        qweights["body"] = config.query_body_weight
        query = sp.csr_matrix((len(needs), vocabulary), dtype=np.float32)
        for field in FIELDS:
            rows, terms = need_fields[field]
            inside = terms < vocabulary  # words no capability uses are not in D at all
            rows, terms = rows[inside], terms[inside]
            if qweights[field] <= 0 or not len(rows):
                continue
            query = query + qweights[field] * _tf(rows, terms, (len(needs), vocabulary))
        query = query.tocsr()
        query.sum_duplicates()
        if config.query_k3 is not None:
            k3 = config.query_k3
            query.data = (query.data * (k3 + 1) / (k3 + query.data)).astype(np.float32)
        query.data[~self.usable[query.indices]] = 0.0
        query.eliminate_zeros()
        query = _most_informative(query, self.idf, config.query_terms)
        query.sort_indices()
        query = query.astype(np.float32)
        best = np.asarray(query @ (self.idf * (self.config.k1 + 1)), dtype=np.float32).ravel()
        self.Q = sp.vstack([self.Q, query], format="csr", dtype=np.float32)
        self.Q.sort_indices()
        self.best = np.concatenate([self.best, best])

    # -- fits ---------------------------------------------------------------------------------

    def fit(self, raw: np.ndarray, need_rows: np.ndarray) -> np.ndarray:
        """Raw BM25 scores (a block, or a vector of pairs) -> text fit in 0..1, in place."""
        best = self.best[need_rows]
        scale = np.divide(1.0, best, out=np.zeros_like(best), where=best > 0)
        if raw.ndim == 2:
            raw *= scale[:, None]
        else:
            raw *= scale
        half = np.float32(self.config.text_half)
        denominator = raw + half
        raw *= np.float32(1.0 + half)
        raw /= denominator
        return raw

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None = None) -> np.ndarray:
        """Text fits of need_rows x cap_rows (None: all capabilities), dense float32."""
        if cap_rows is None:
            raw = (self.Q[need_rows] @ self._tile(0, self.D.shape[0])).toarray()
        elif isinstance(cap_rows, slice):
            raw = (self.Q[need_rows] @ self._tile(cap_rows.start, cap_rows.stop)).toarray()
        else:
            raw = (self.Q[need_rows] @ self.D[cap_rows].T).toarray()
        return self.fit(raw.astype(np.float32, copy=False), need_rows)

    def pair_fits(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        """Text fits of the given pairs, without the shared terms (see ``pairs``)."""
        product = self.Q[need_rows].multiply(self.D[cap_rows]).tocsr()
        raw = np.asarray(product.sum(axis=1), dtype=np.float32).ravel()
        return self.fit(raw, need_rows)

    def pairs(
        self, need_rows: np.ndarray, cap_rows: np.ndarray, *, top_terms: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Text fits of the given pairs and their most informative shared terms (those that
        contribute most to the BM25 score), as flat term ids with offsets: pair i's terms are
        terms[offsets[i]:offsets[i + 1]]. Summed in term order: the same number whichever way
        the pair was found."""
        product = self.Q[need_rows].multiply(self.D[cap_rows]).tocsr()
        product.sort_indices()
        counts = np.diff(product.indptr)
        padded = np.append(product.data, np.float32(0))
        raw = np.add.reduceat(padded, product.indptr[:-1]) if len(need_rows) else padded[:0]
        raw = np.where(counts > 0, raw, 0).astype(np.float32)
        fits = self.fit(raw, need_rows)
        # best terms first within each pair: one sort on (pair, -contribution)
        entry_rows = np.repeat(np.arange(len(need_rows)), counts)
        top = product.data.max() if product.nnz else 1.0
        key = entry_rows - product.data / (top * 1.0001)
        order = np.argsort(key, kind="stable")
        rank = np.arange(len(order)) - np.repeat(product.indptr[:-1], counts)
        keep = rank < top_terms
        terms = product.indices[order][keep]
        offsets = np.concatenate([[0], np.cumsum(np.minimum(counts, top_terms))])
        return fits, terms, offsets
