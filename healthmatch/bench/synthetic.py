"""A synthetic HealthMatch world for timing (and for the engine's tests): needs and capabilities
with Zipf-distributed words in four languages (shared roots with language-specific endings, so
cross-language text shares some stems), topics that needs and capabilities have in common, random
taxonomy tags correlated with the topic, TRL, certificates (some expired) and regions, with some
fields left blank the way real users leave them.

Embeddings are random unit vectors near a topic direction: they stand in for the cached
embeddings a production rescore reads (embeddings are computed once per item, not per rescore).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from matching.engine.types import CapabilityDoc, NeedDoc

LANGUAGES = ("en", "da", "sv", "nb")
LANGUAGE_SHARE = (0.55, 0.15, 0.15, 0.15)
ENDINGS = {
    "en": ("", "s", "ing", "ed", "ion", "ive"),
    "da": ("", "er", "en", "ing", "else", "ede"),
    "sv": ("", "ar", "en", "ning", "else", "ade"),
    "nb": ("", "er", "en", "ing", "else", "et"),
}
SYLLABLES = (
    "ka te ri mo sa lu ne pa di ko ve tra pro sen dia kar neu ro lo gi bi me da na ta fe "
    "ho ma si no re to pu ga bo le mi st kl fl gr sk sp"
).split()
NORDIC = {"da": "æøå", "sv": "äöå", "nb": "æøå", "en": ""}
SIZES = {"clinical_areas": 24, "care_settings": 11, "technology_types": 13, "regulatory": 12}
REGIONS = 14


@dataclass
class World:
    needs: list[NeedDoc]
    capabilities: list[CapabilityDoc]
    today: datetime.date
    dim: int


def _pseudo_words(rng: np.random.Generator, count: int, extra: str) -> list[str]:
    words = set()
    while len(words) < count:
        n = rng.integers(2, 5)
        word = "".join(rng.choice(SYLLABLES, n))
        if extra and rng.random() < 0.3:
            i = rng.integers(0, len(word))
            word = word[:i] + rng.choice(list(extra)) + word[i + 1 :]
        words.add(word)
    return sorted(words)


class _Vocabulary:
    def __init__(self, rng: np.random.Generator, roots: int, words_per_language: int) -> None:
        shared = _pseudo_words(rng, roots, "")
        self.words = {}
        for lang in LANGUAGES:
            own = _pseudo_words(rng, words_per_language, NORDIC[lang])
            endings = ENDINGS[lang]
            cognates = [root + endings[i % len(endings)] for i, root in enumerate(shared)]
            mixed = np.array(own + cognates)
            rng.shuffle(mixed)
            self.words[lang] = mixed
        size = len(self.words["en"])
        ranks = np.arange(1, size + 1, dtype=np.float64)
        weights = 1.0 / ranks**1.07
        self.cdf = np.cumsum(weights / weights.sum())
        self.cdf[-1] = 1.0
        self.size = size


def _texts(rng, vocab, languages, topics, topic_words, lengths) -> list[str]:
    """Each text: a third of its words from its topic (Zipf over the topic's words), the rest
    from the language's Zipfian background."""
    lengths = np.asarray(lengths)
    total = int(lengths.sum())
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    doc_of = np.repeat(np.arange(len(lengths)), lengths)
    position = np.arange(total) - np.repeat(starts, lengths)
    from_topic = position < np.repeat((lengths * 0.35).astype(int), lengths)
    background = np.searchsorted(vocab.cdf, rng.random(total))
    topic_rank = (rng.zipf(1.3, total) - 1) % topic_words.shape[1]
    picked = np.where(from_topic, topic_words[topics[doc_of], topic_rank], background)
    words = {lang: vocab.words[lang].tolist() for lang in LANGUAGES}
    texts = []
    for lang, start, length in zip(languages, starts.tolist(), lengths.tolist(), strict=True):
        table = words[lang]
        texts.append(" ".join([table[i] for i in picked[start : start + length].tolist()]))
    return texts


def _subset(rng, size: int, preferred: int, p_blank: float, max_items: int = 3) -> frozenset:
    if rng.random() < p_blank:
        return frozenset()
    items = {int(preferred)}
    for _ in range(rng.integers(0, max_items)):
        items.add(int(rng.integers(1, size + 1)))
    return frozenset(items)


def generate_world(
    n_needs: int,
    n_capabilities: int,
    *,
    seed: int = 7,
    dim: int = 384,
    topics: int = 300,
    embeddings: bool = True,
    body_words: tuple[int, int] = (60, 220),
    vocabulary: tuple[int, int] = (3000, 9000),
) -> World:
    rng = np.random.default_rng(seed)
    vocab = _Vocabulary(rng, *vocabulary)
    today = datetime.date(2026, 6, 1)
    topic_words = np.stack([rng.choice(vocab.size, 150, replace=False) for _ in range(topics)])
    topic_vectors = rng.normal(size=(topics, dim)).astype(np.float32)
    topic_area = rng.integers(1, SIZES["clinical_areas"] + 1, topics)
    topic_tech = rng.integers(1, SIZES["technology_types"] + 1, topics)
    topic_setting = rng.integers(1, SIZES["care_settings"] + 1, topics)

    def side(n: int, is_need: bool) -> list:
        langs = rng.choice(LANGUAGES, n, p=LANGUAGE_SHARE)
        doc_topics = rng.integers(0, topics, n)
        titles = _texts(rng, vocab, langs, doc_topics, topic_words, rng.integers(4, 10, n))
        bodies = _texts(rng, vocab, langs, doc_topics, topic_words, rng.integers(*body_words, n))
        if embeddings:
            noise = rng.normal(size=(n, dim)).astype(np.float32) * 1.5
            vectors = topic_vectors[doc_topics] + noise
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        docs = []
        for i in range(n):
            t = doc_topics[i]
            common = {
                "id": i + 1,
                "title": titles[i],
                "body": bodies[i],
                "language": str(langs[i]),
                "clinical_areas": _subset(rng, SIZES["clinical_areas"], topic_area[t], 0.15),
                "care_settings": _subset(rng, SIZES["care_settings"], topic_setting[t], 0.2),
                "technology_types": _subset(rng, SIZES["technology_types"], topic_tech[t], 0.15),
                "embedding": vectors[i] if embeddings else None,
            }
            common["tags"] = tuple(f"area {a}" for a in sorted(common["clinical_areas"])) + tuple(
                f"setting {s}" for s in sorted(common["care_settings"])
            )
            if is_need:
                docs.append(
                    NeedDoc(
                        **common,
                        min_trl=None if rng.random() < 0.15 else int(rng.integers(3, 9)),
                        required_regulatory=_subset(
                            rng, SIZES["regulatory"], rng.integers(1, 13), 0.4, 2
                        ),
                        regions=frozenset({int(rng.integers(1, REGIONS + 1))}),
                        hub_id=int(rng.integers(1, 6)),
                    )
                )
            else:
                held = {}
                if rng.random() > 0.2:
                    for item in _subset(rng, SIZES["regulatory"], rng.integers(1, 13), 0, 3):
                        days = int(rng.integers(-400, 1500))
                        held[item] = (
                            None if rng.random() < 0.3 else today + datetime.timedelta(days)
                        )
                served = _subset(rng, REGIONS, rng.integers(1, REGIONS + 1), 0.2, 5)
                spoken = {str(langs[i])} | ({"en"} if rng.random() < 0.6 else set())
                docs.append(
                    CapabilityDoc(
                        **common,
                        trl=None if rng.random() < 0.1 else int(rng.integers(2, 10)),
                        regulatory=held,
                        regions=served,
                        languages=frozenset() if rng.random() < 0.15 else frozenset(spoken),
                        company_id=int(rng.integers(1, max(2, n // 3))),
                    )
                )
        return docs

    needs = side(n_needs, True)
    capabilities = side(n_capabilities, False)
    return World(needs, capabilities, today, dim)
