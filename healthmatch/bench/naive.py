"""The reference scorer: the engine's formula computed pair by pair in plain Python (dicts and
loops, no matrices), straight from the definitions. Slow on purpose; tests hold the fast engine
to it, and the benchmarks show it beside the engine where it is feasible.

It shares only the analyser (text -> terms) and the settings with the engine, and, when wide
embeddings are projected (``semantic_dims``), numpy's covariance and eigenvectors for the basis.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from matching.engine.bm25 import FIELDS, field_languages, field_texts
from matching.engine.config import DEFAULT_CONFIG, EngineConfig
from matching.engine.semantic import principal_basis
from matching.engine.text import Analyzer
from matching.engine.types import CapabilityDoc, NeedDoc, Weights


def _field_counts(analyzer: Analyzer, docs: Sequence, config: EngineConfig) -> list[dict]:
    per_field = {}
    for field in FIELDS:
        texts, languages = field_texts(docs, field), field_languages(docs, field, config)
        per_field[field] = [
            Counter(analyzer.terms_of(t, lang)) for t, lang in zip(texts, languages, strict=True)
        ]
    return [{field: per_field[field][i] for field in FIELDS} for i in range(len(docs))]


class NaiveScorer:
    def __init__(
        self,
        needs: Sequence[NeedDoc],
        capabilities: Sequence[CapabilityDoc],
        *,
        today: datetime.date,
        config: EngineConfig = DEFAULT_CONFIG,
        regulatory_implies: Mapping[int, Collection[int]] | None = None,
    ) -> None:
        self.needs = {n.id: n for n in needs}
        self.caps = {c.id: c for c in capabilities}
        self.config = config
        self.today = today
        self.implies = regulatory_implies or {}
        analyzer = Analyzer()
        cap_counts = _field_counts(analyzer, capabilities, config)
        need_counts = _field_counts(analyzer, needs, config)
        self.cap_tf = {c.id: counts for c, counts in zip(capabilities, cap_counts, strict=True)}
        self.need_tf = {n.id: counts for n, counts in zip(needs, need_counts, strict=True)}
        # collection statistics
        n_caps = len(capabilities)
        self.average = {}
        for field in FIELDS:
            lengths = [sum(counts[field].values()) for counts in cap_counts]
            present = [x for x in lengths if x > 0]
            self.average[field] = sum(present) / len(present) if present else 0.0
        df: Counter = Counter()
        for counts in cap_counts:
            df.update(set().union(*(counts[f].keys() for f in FIELDS)))
        self.idf = {t: math.log(1 + (n_caps - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.common = set()
        if n_caps >= config.max_df_corpus:
            self.common = {t for t, d in df.items() if d > config.max_df * n_caps}
        # semantic: each need's mean and spread of cosine over the capabilities with embeddings
        self.cap_vectors = {
            c.id: [float(x) for x in c.embedding] for c in capabilities if c.embedding is not None
        }
        self.basis = self._basis()
        self.cap_vectors = {i: self._projected(v) for i, v in self.cap_vectors.items()}
        self.sem_stats = {}
        for need in needs:
            if need.embedding is None or not self.cap_vectors:
                continue
            vector = self._projected([float(x) for x in need.embedding])
            self.sem_stats[need.id] = self._calibrated(vector)
            if self._feedback_applies():
                self.sem_stats[need.id] = self._calibrated(self._expanded(need.id, vector))

    def _basis(self) -> list[list[float]] | None:
        """The principal directions the engine projects wide vectors onto (semantic.py). The
        eigenvectors come from the same numpy function: this scorer checks what follows."""
        dims = self.config.semantic_dims
        vectors = list(self.cap_vectors.values())
        if not vectors or dims is None or not 0 < dims < len(vectors[0]) or len(vectors) <= dims:
            return None
        covariance = np.cov(np.array(vectors), rowvar=False, bias=True)
        return principal_basis(covariance, dims).T.astype(float).tolist()

    def _projected(self, vector: list[float]) -> list[float]:
        if self.basis is None:
            return vector
        moved = [_dot(direction, vector) for direction in self.basis]
        norm = math.sqrt(sum(x * x for x in moved))
        return [x / norm for x in moved] if norm > 0 else moved

    def _calibrated(self, vector: list[float]) -> tuple[list[float], float, float]:
        cosines = [_dot(vector, v) for v in self.cap_vectors.values()]
        mean = sum(cosines) / len(cosines)
        spread = math.sqrt(sum((x - mean) ** 2 for x in cosines) / len(cosines))
        return vector, mean, max(spread, 0.02)

    def _feedback_applies(self) -> bool:
        c = self.config
        return (
            c.feedback_docs > 0
            and c.feedback_weight > 0
            and len(self.cap_vectors) >= c.feedback_min_capabilities
        )

    def _expanded(self, need_id: int, vector: list[float]) -> list[float]:
        """Pseudo-relevance feedback (see feedback.py): move the vector towards the mean of the
        best capabilities among the nearest, ranked by text + feedback_semantic * semantic."""
        c = self.config
        order = {cap_id: i for i, cap_id in enumerate(self.caps)}
        nearest = sorted(
            self.cap_vectors,
            key=lambda cap_id: (-_dot(vector, self.cap_vectors[cap_id]), order[cap_id]),
        )[: c.feedback_candidates]
        ranked = sorted(
            nearest,
            key=lambda cap_id: (
                -(
                    self.text(need_id, cap_id)[0]
                    + c.feedback_semantic * self.semantic(need_id, cap_id)
                ),
                order[cap_id],
            ),
        )[: c.feedback_docs]
        dim = len(vector)
        centroid = [
            sum(self.cap_vectors[cap_id][i] for cap_id in ranked) / len(ranked) for i in range(dim)
        ]
        moved = [q + c.feedback_weight * m for q, m in zip(vector, centroid, strict=True)]
        norm = math.sqrt(sum(x * x for x in moved)) or 1.0
        return [x / norm for x in moved]

    # -- factors, one pair at a time ----------------------------------------------------------

    def _query(self, need_id: int) -> dict[str, float]:
        c = self.config
        weights = {"title": c.query_title_weight, "tags": c.query_tags_weight}
        weights["body"] = c.query_body_weight
        query: Counter = Counter()
        for field in FIELDS:
            for term, count in self.need_tf[need_id][field].items():
                query[term] += weights[field] * count
        out = {}
        for term, value in query.items():
            if self.idf.get(term, 0.0) <= 0 or term in self.common:
                continue
            if c.query_k3 is not None:
                value = value * (c.query_k3 + 1) / (c.query_k3 + value)
            out[term] = value
        if c.query_terms is not None and len(out) > c.query_terms:
            ranked = sorted(out, key=lambda t: (-out[t] * self.idf[t], t))
            out = {t: out[t] for t in ranked[: c.query_terms]}
        return out

    def text(self, need_id: int, cap_id: int) -> tuple[float, list[tuple[float, int]]]:
        c = self.config
        weights = {"title": c.title_weight, "tags": c.tags_weight, "body": c.body_weight}
        tf = self.cap_tf[cap_id]
        score, best, contributions = 0.0, 0.0, []
        for term, q in self._query(need_id).items():
            idf = self.idf[term]
            best += q * idf * (c.k1 + 1)
            weighted = 0.0
            for field in FIELDS:
                count = tf[field].get(term, 0)
                if count and weights[field] > 0:
                    length = sum(tf[field].values())
                    norm = 1 - c.b + c.b * length / self.average[field]
                    weighted += weights[field] * count / norm
            if weighted > 0:
                part = q * idf * weighted * (c.k1 + 1) / (c.k1 + weighted)
                score += part
                contributions.append((part, term))
        x = score / best if best > 0 else 0.0
        fit = x / (x + c.text_half) * (1 + c.text_half)
        return fit, sorted(contributions, key=lambda pc: (-pc[0], pc[1]))

    def semantic(self, need_id: int, cap_id: int) -> float | None:
        if need_id not in self.sem_stats or cap_id not in self.cap_vectors:
            return None
        vector, mean, spread = self.sem_stats[need_id]
        z = (_dot(vector, self.cap_vectors[cap_id]) - mean) / spread
        return min(max(z / self.config.semantic_full_z, 0.0), 1.0)

    def factors(self, need: NeedDoc, cap: CapabilityDoc) -> dict[str, tuple[float, bool]]:
        """Structured factors that apply to the need: name -> (fit, capability has data)."""
        out = {}
        for name, mine, theirs, mode in (
            ("clinical_area", need.clinical_areas, cap.clinical_areas, "coverage"),
            ("technology", need.technology_types, cap.technology_types, "coverage"),
            ("care_setting", need.care_settings, cap.care_settings, "any"),
            ("region", need.regions, cap.regions, "any"),
        ):
            if mine:
                shared = len(set(mine) & set(theirs))
                fit = shared / len(mine) if mode == "coverage" else float(shared > 0)
                out[name] = (fit, bool(theirs))
        if need.min_trl is not None:
            if cap.trl is None:
                out["maturity"] = (0.0, False)
            else:
                short = max(need.min_trl - cap.trl, 0)
                out["maturity"] = (max(1 - self.config.trl_step * short, 0.0), True)
        if need.required_regulatory:
            valid = set()
            for item, expires in cap.regulatory.items():
                if expires is None or expires >= self.today:
                    valid |= {item, *self.implies.get(item, ())}
            held = len(set(need.required_regulatory) & valid)
            out["regulatory"] = (held / len(need.required_regulatory), bool(cap.regulatory))
        if need.language:
            out["language"] = (float(need.language in cap.languages), bool(cap.languages))
        return out

    # -- the formula --------------------------------------------------------------------------

    def score(self, need_id: int, cap_id: int, weights: Weights) -> float | None:
        """The pair's score, or None when a hard filter or the threshold drops it."""
        need, cap = self.needs[need_id], self.caps[cap_id]
        text, _ = self.text(need_id, cap_id)
        numerator, denominator = weights.text * text, weights.text
        semantic = self.semantic(need_id, cap_id)
        if semantic is not None and weights.semantic > 0:
            numerator += weights.semantic * semantic
            denominator += weights.semantic
        structured = self.factors(need, cap)
        for name in ("clinical_area", "technology"):
            w = max(getattr(weights, name), 0.0)
            if name in structured and structured[name][1] and w > 0:
                numerator += w * structured[name][0]
                denominator += w
        relevance = numerator / denominator if denominator > 0 else 0.0
        constraints = 1.0
        for name in ("care_setting", "maturity", "regulatory", "region", "language"):
            if name not in structured:
                continue
            fit, known = structured[name]
            if not known:
                fit = self.config.unknown_fit
            w = min(max(getattr(weights, name), 0.0), 1.0)
            constraints *= 1 - w * (1 - fit)
            if name == "regulatory" and weights.regulatory_hard_filter and fit < 1 - 1e-6:
                return None
        if weights.maturity_hard_filter and need.min_trl is not None and cap.trl is not None:
            if cap.trl < need.min_trl:
                return None
        score = relevance * constraints
        return score if score >= weights.threshold else None

    def top_for_need(
        self,
        need_id: int,
        weights: Weights,
        top_k: int,
        exclude: Collection[tuple[int, int]] = (),
    ) -> list[tuple[int, float]]:
        scored = []
        for cap_id in self.caps:
            if (need_id, cap_id) in exclude:
                continue
            score = self.score(need_id, cap_id, weights)
            if score is not None:
                scored.append((cap_id, score))
        scored.sort(key=lambda cs: (-cs[1], cs[0]))
        return scored[:top_k]


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
