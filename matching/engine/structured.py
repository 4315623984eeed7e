"""Structured factors as matrix operations.

Each factor knows, per need, whether it applies (the need says something about it) and, per
capability, whether it is known (the capability says something about it). A factor that does not
apply to a need has no effect at all; a capability that leaves the field blank gets the neutral
``unknown_fit`` (structured data is mostly, not always, complete). ``block`` gives fits for
need rows x capability rows, ``pairs`` for a list of (need row, capability row) pairs: the same
arithmetic on different shapes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping, Sequence

import numpy as np


class SetFactor:
    """Taxonomy sets on both sides (clinical areas, care settings, technology types, regions).

    ``coverage``: the share of the need's items the capability has. ``any``: 1 when they share
    at least one item. Columns are the items capabilities have; a need's other items still
    count in its size (nobody covers them)."""

    def __init__(self, cap_sets: Sequence[Collection], *, mode: str) -> None:
        self.mode = mode
        items = sorted({item for s in cap_sets for item in s}, key=str)
        self.column = {item: i for i, item in enumerate(items)}
        self.C = _multi_hot(cap_sets, self.column)
        self.known = self.C.sum(axis=1) > 0
        self.Cbits = _bits(self.C)
        self.N = np.zeros((0, self.C.shape[1]), dtype=np.float32)
        self.Nbits = _bits(self.N)
        self.need_size = np.zeros(0, dtype=np.float32)

    def add_needs(self, need_sets: Sequence[Collection]) -> None:
        rows = _multi_hot(need_sets, self.column, width=self.C.shape[1])
        sizes = np.array([len(s) for s in need_sets], dtype=np.float32)
        self.N = np.vstack([self.N, rows])
        self.Nbits = np.vstack([self.Nbits, _bits(rows)])
        self.need_size = np.concatenate([self.need_size, sizes])
        self.applies = self.need_size > 0
        self._scale = np.divide(
            1.0, self.need_size, out=np.zeros_like(self.need_size), where=self.applies
        )

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        caps = self.C if cap_rows is None else self.C[cap_rows]
        overlap = self.N[need_rows] @ caps.T
        return self._fit(overlap, self._scale[need_rows][:, None])

    def pairs(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        """Bit sets, so a long list of pairs costs a few integer operations each."""
        shared = self.Nbits[need_rows] & self.Cbits[cap_rows]
        overlap = _popcount(shared).sum(axis=1, dtype=np.int64).astype(np.float32)
        return self._fit(overlap, self._scale[need_rows])

    def _fit(self, overlap: np.ndarray, scale: np.ndarray) -> np.ndarray:
        if self.mode == "any":
            return (overlap > 0).astype(np.float32)
        overlap *= scale
        return overlap


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per 64-bit word (numpy >= 2 has it built in)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words)
    bits = np.unpackbits(np.ascontiguousarray(words).view(np.uint8), axis=-1)
    return bits.reshape(*words.shape, 64).sum(axis=-1)


def _bits(matrix: np.ndarray) -> np.ndarray:
    """Rows of a 0/1 matrix as 64-bit words."""
    words = max(1, -(-matrix.shape[1] // 64))
    padded = np.zeros((matrix.shape[0], words * 64), dtype=np.uint8)
    padded[:, : matrix.shape[1]] = matrix > 0
    packed = np.packbits(padded, axis=1, bitorder="little")
    return packed.view(np.uint64).reshape(matrix.shape[0], words)


def _multi_hot(sets: Sequence[Collection], column: Mapping, width: int | None = None):
    width = max(len(column), 1) if width is None else width
    matrix = np.zeros((len(sets), width), dtype=np.float32)
    for row, items in enumerate(sets):
        for item in items:
            if item in column:
                matrix[row, column[item]] = 1.0
    return matrix


class MaturityFactor:
    """The capability's TRL against the need's minimum: 1 at or above it, ``trl_step`` less
    per level below (never under 0). A table of fits per capability and minimum level (0..9)
    turns a block into one gather."""

    def __init__(self, cap_trl: Sequence[int | None], *, step: float) -> None:
        self.cap_trl = np.array([np.nan if v is None else v for v in cap_trl], np.float32)
        self.known = ~np.isnan(self.cap_trl)
        self.step = np.float32(step)
        levels = np.arange(10, dtype=np.float32)
        self.table = self._fit(levels[None, :], self.cap_trl[:, None])  # caps x level
        self.need_min = np.zeros(0, dtype=np.float32)
        self.need_level = np.zeros(0, dtype=np.int64)

    def add_needs(self, need_min: Sequence[int | None]) -> None:
        values = np.array([np.nan if v is None else v for v in need_min], np.float32)
        self.need_min = np.concatenate([self.need_min, values])
        self.need_level = np.clip(np.nan_to_num(self.need_min), 0, 9).astype(np.int64)
        self.applies = ~np.isnan(self.need_min)

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        table = self.table if cap_rows is None else self.table[cap_rows]
        return np.ascontiguousarray(table[:, self.need_level[need_rows]].T)

    def pairs(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        return self._fit(self.need_min[need_rows], self.cap_trl[cap_rows])

    def below(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        """True where the capability's known TRL is under the need's minimum (hard filter)."""
        trl = self.cap_trl if cap_rows is None else self.cap_trl[cap_rows]
        with np.errstate(invalid="ignore"):
            return trl[None, :] < self.need_min[need_rows][:, None]

    def _fit(self, minimum: np.ndarray, trl: np.ndarray) -> np.ndarray:
        shortfall = np.maximum(np.nan_to_num(minimum - trl), 0)
        return np.maximum(1 - self.step * shortfall, 0).astype(np.float32)


class RegulatoryFactor:
    """Required regulatory items held and not expired on ``today``: fit = share of the need's
    required items the capability holds validly. A held item also satisfies the items it implies
    (``implies``, e.g. MDR class IIb satisfies a class IIa or class I requirement)."""

    def __init__(
        self,
        cap_held: Sequence[Mapping[int, datetime.date | None]],
        *,
        today: datetime.date,
        implies: Mapping[int, Collection[int]] | None = None,
    ) -> None:
        implies = implies or {}
        valid_sets, expired_sets = [], []
        for held in cap_held:
            valid, expired = set(), set()
            for item, expires in held.items():
                closure = {item, *implies.get(item, ())}
                if expires is None or expires >= today:
                    valid |= closure
                else:
                    expired |= closure
            valid_sets.append(frozenset(valid))
            expired_sets.append(frozenset(expired - valid))
        self.valid_sets, self.expired_sets = valid_sets, expired_sets
        self.need_sets: list[frozenset] = []
        self._gaps: dict[tuple, tuple] = {}  # (required, valid, expired) -> gap codes
        self._valid = SetFactor(valid_sets, mode="coverage")
        self.known = np.array([bool(held) for held in cap_held], dtype=bool)

    def add_needs(self, need_required: Sequence[Collection[int]]) -> None:
        self.need_sets.extend(frozenset(s) for s in need_required)
        self._valid.add_needs(need_required)
        self.applies = self._valid.applies

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        return self._valid.block(need_rows, cap_rows)

    def pairs(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        return self._valid.pairs(need_rows, cap_rows)

    def gaps(self, need_row: int, cap_row: int) -> list[tuple[str, int]]:
        key = (self.need_sets[need_row], self.valid_sets[cap_row], self.expired_sets[cap_row])
        found = self._gaps.get(key)
        if found is None:
            required, valid, expired = key
            found = self._gaps[key] = tuple(
                ("regulatory_expired" if item in expired else "regulatory_missing", item)
                for item in sorted(required - valid, key=str)
            )
        return list(found)


class LanguageFactor:
    """The need's language among the languages the company works in."""

    def __init__(self, cap_languages: Sequence[Collection[str]]) -> None:
        codes = sorted({lang for langs in cap_languages for lang in langs})
        self.column = {code: i for i, code in enumerate(codes)}
        matrix = _multi_hot(cap_languages, self.column)
        # a last column of zeros for languages nobody lists
        self.C = np.hstack([matrix, np.zeros((len(cap_languages), 1), np.float32)])
        self.known = self.C.sum(axis=1) > 0
        self.need_column = np.zeros(0, dtype=np.int64)
        self.applies = np.zeros(0, dtype=bool)

    def add_needs(self, need_languages: Sequence[str]) -> None:
        missing = self.C.shape[1] - 1
        columns = [self.column.get(lang, missing) for lang in need_languages]
        self.need_column = np.concatenate([self.need_column, np.array(columns, dtype=np.int64)])
        applies = np.array([bool(lang) for lang in need_languages], dtype=bool)
        self.applies = np.concatenate([self.applies, applies])

    def block(self, need_rows: np.ndarray, cap_rows: np.ndarray | None) -> np.ndarray:
        caps = self.C if cap_rows is None else self.C[cap_rows]
        return np.ascontiguousarray(caps[:, self.need_column[need_rows]].T)

    def pairs(self, need_rows: np.ndarray, cap_rows: np.ndarray) -> np.ndarray:
        return self.C[cap_rows, self.need_column[need_rows]]


_CLASS_RE = re.compile(r"\b(mdr|ivdr)\b.*\bclass\s+(i{1,3}b?|iia|iib|[a-d])\b", re.IGNORECASE)
_LADDERS = {"mdr": ["i", "iia", "iib", "iii"], "ivdr": ["a", "b", "c", "d"]}


def regulatory_implications(names: Mapping[int, str]) -> dict[int, frozenset[int]]:
    """From regulatory item names, which items holding one also satisfies: a CE mark under a
    higher MDR (or IVDR) class covers a need that asks for a lower class of the same regulation.
    Recognises names like "CE marking - MDR class IIa", "CE MDR class IIb", "IVDR class C".
    An item naming the regulation without a class ("IVDR certification") is implied by every
    class of it. Other items imply nothing."""
    ranked: dict[str, list[tuple[int, int]]] = {}
    for item, name in names.items():
        match = _CLASS_RE.search(name)
        if not match:
            continue
        regulation, klass = match.group(1).lower(), match.group(2).lower()
        if klass in _LADDERS[regulation]:
            ranked.setdefault(regulation, []).append((_LADDERS[regulation].index(klass), item))
    implied: dict[int, frozenset[int]] = {}
    for regulation, entries in ranked.items():
        # an item naming the regulation but no class ("IVDR certification") is met by any class
        generic = {
            item
            for item, name in names.items()
            if re.search(rf"\b{regulation}\b", name, re.IGNORECASE) and not _CLASS_RE.search(name)
        }
        for rank, item in entries:
            lower = (
                frozenset(other for r, other in entries if r <= rank and other != item) | generic
            )
            if lower:
                implied[item] = lower
    return implied
