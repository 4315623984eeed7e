"""Text analysis: tokens -> stop words -> Snowball stem -> accent folding -> term ids.

One vocabulary is shared by every language, so a Danish need and an English capability still
share what they can: numbers, names, acronyms, cognate stems ("diabetes", "telemedicin...") and
accent-folded forms (ö/ø -> o, ä -> a, é -> e). Unknown languages are analysed without stemming.

Analysis is cached per (language, word): a corpus of 100,000 capabilities has only tens of
thousands of distinct words, so stemming runs once per word, not once per token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain

import numpy as np
import Stemmer

from matching.engine.stopwords import BY_LANGUAGE, ENGLISH

STEMMER_NAMES = {
    "en": "english",
    "da": "danish",
    "sv": "swedish",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
}
TOKEN_RE = re.compile(r"[^\W_]+")
_FOLD = str.maketrans(
    {"æ": "ae", "ø": "o", "Æ": "AE", "Ø": "O", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ł": "l"}
)
STOP = -1  # term id of a stop word or a token too short to mean anything


def fold_accents(word: str) -> str:
    word = word.translate(_FOLD)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Lowercased words and numbers; punctuation and hyphens split."""
    return TOKEN_RE.findall(text.lower())


def guess_language(text: str, candidates: Sequence[str] = ("en", "da", "sv", "nb")) -> str:
    """The candidate language whose stop words the text uses most (the first on a tie): good
    enough to pick a stemmer when an item's language is not recorded."""
    words = tokenize(text)
    best, best_hits = candidates[0], -1
    for language in candidates:
        stop = BY_LANGUAGE.get(language, frozenset())
        hits = sum(1 for w in words if w in stop)
        if hits > best_hits:
            best, best_hits = language, hits
    return best


class Analyzer:
    """Maps texts to term ids in one growing vocabulary, and remembers which surface word each
    term was most often written as (``surface(term_id)``), for explanations people can read."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._words: dict[str, dict[str, int]] = {}  # language -> word -> word id
        self._word_text: list[str] = []
        self._word_term: list[int] = []
        self._word_counts = np.zeros(0, dtype=np.int64)
        self._stemmers: dict[str, Stemmer.Stemmer | None] = {}
        self._term_words: list[list[int]] = []  # term id -> ids of the words written for it
        self._surfaces: dict[int, str] = {}

    # -- single words -------------------------------------------------------------------------

    def _stemmer(self, language: str) -> Stemmer.Stemmer | None:
        if language not in self._stemmers:
            name = STEMMER_NAMES.get(language)
            self._stemmers[language] = Stemmer.Stemmer(name) if name else None
        return self._stemmers[language]

    def term_for(self, word: str, language: str) -> str | None:
        """The analysed form of one lowercased word, or None for a stop word."""
        if word.isdigit():
            return word.lstrip("0") or "0"
        if word in BY_LANGUAGE.get(language, ENGLISH) or word in ENGLISH:
            return None
        stemmer = self._stemmer(language)
        stem = stemmer.stemWord(word) if stemmer else word
        term = fold_accents(stem)
        if len(term) < 2:
            return None
        return term

    def _add_word(self, word: str, language: str, cache: dict[str, int]) -> int:
        term = self.term_for(word, language)
        if term is None:
            term_id = STOP
        else:
            term_id = self.vocab.get(term)
            if term_id is None:
                term_id = self.vocab[term] = len(self.terms)
                self.terms.append(term)
                self._term_words.append([])
        word_id = cache[word] = len(self._word_text)
        if term_id != STOP:
            self._term_words[term_id].append(word_id)
        self._word_text.append(word)
        self._word_term.append(term_id)
        return word_id

    def _word_ids(self, words: list[str], language: str) -> list[int]:
        cache = self._words.setdefault(language, {})
        try:
            return [cache[w] for w in words]
        except KeyError:
            return [cache[w] if w in cache else self._add_word(w, language, cache) for w in words]

    # -- batches ------------------------------------------------------------------------------

    def analyse(
        self, texts: Sequence[str], languages: Sequence[str], *, batch: int = 2000
    ) -> tuple[np.ndarray, np.ndarray]:
        """Term ids of each text, as (rows, term_ids): one entry per kept token. Texts are
        taken a batch at a time, so the per-token Python objects never pile up."""
        all_rows, all_terms = [], []
        for start in range(0, len(texts), batch):
            word_lists = [
                self._word_ids(tokenize(text), language)
                for text, language in zip(
                    texts[start : start + batch], languages[start : start + batch], strict=True
                )
            ]
            lengths = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists))
            word_ids = np.fromiter(
                chain.from_iterable(word_lists), dtype=np.int64, count=int(lengths.sum())
            )
            del word_lists
            self._count(word_ids)
            term_ids = np.asarray(self._word_term, dtype=np.int64)[word_ids]
            rows = np.repeat(np.arange(start, start + len(lengths), dtype=np.int64), lengths)
            keep = term_ids != STOP
            all_rows.append(rows[keep])
            all_terms.append(term_ids[keep])
        if not all_rows:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(all_rows), np.concatenate(all_terms)

    def terms_of(self, text: str, language: str) -> list[int]:
        """Term ids of one text (the naive reference scorer uses this)."""
        _, term_ids = self.analyse([text], [language])
        return term_ids.tolist()

    def _count(self, word_ids: np.ndarray) -> None:
        counts = np.bincount(word_ids, minlength=len(self._word_text))
        if len(self._word_counts) < len(counts):
            grown = np.zeros(len(counts), dtype=np.int64)
            grown[: len(self._word_counts)] = self._word_counts
            self._word_counts = grown
        self._word_counts[: len(counts)] += counts
        self._surfaces.clear()

    # -- explanations -------------------------------------------------------------------------

    def surface(self, term_id: int) -> str:
        """The word most often written for this term (e.g. "monitoring" for "monitor"; ties:
        the shorter word, then the first seen)."""
        word = self._surfaces.get(term_id)
        if word is None:
            counts, texts = self._word_counts, self._word_text
            best = max(
                self._term_words[term_id],
                key=lambda w: (counts[w] if w < len(counts) else 0, -len(texts[w]), -w),
            )
            word = self._surfaces[term_id] = texts[best]
        return word
