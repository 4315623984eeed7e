"""Scored pairs to Match rows: idempotent upserts, top K per need and per capability, retirement.

The rules:
- a pair is stored once (unique constraint); writing it again updates its score, factors, terms
  and gaps in place and keeps ``first_seen_at`` and the status a person gave it;
- a retired pair that scores again is suggested again; dismissed pairs never come back (runs
  pass them to the engine as ``exclude``);
- a suggested pair is kept while it is in its need's top K or its capability's top K (K from the
  need's hub, respectively the capability's company's hub); the rest is retired;
- retiring never touches a match a person has acted on.
Each call writes in its own transaction, so a worker killed between two calls leaves whole
chunks behind, never half of one.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from companies.models import Capability
from healthmatch.page_cache.versions import bump_site
from matching.engine.types import ScoredPair
from matching.models import Match
from matching.runs.config import Configs
from matching.runs.models import MatchRun
from needs.models import Need

Status = Match.Status
BATCH = 500


def _batches(items: list, size: int = BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _number(value) -> float:
    value = float(value)
    return round(value, 6) if math.isfinite(value) else 0.0


def _json_factors(factors: dict) -> dict:
    return {str(name): _number(value) for name, value in (factors or {}).items()}


def _json_gaps(gaps) -> list:
    return [[str(code), int(value)] for code, value in (gaps or ())]


_COLUMNS = (
    "need_id",
    "capability_id",
    "hub_id",
    "score",
    "factors",
    "shared_terms",
    "gaps",
    "status",
    "acted_on",
    "first_seen_at",
    "last_scored_at",
    "last_run_id",
)
# Written again on conflict; first_seen_at, acted_on and a person's status are kept.
_UPDATED = ("hub_id", "score", "factors", "shared_terms", "gaps", "last_scored_at", "last_run_id")
UPSERT_ROWS = 1000  # rows per statement: 12 parameters each, under SQLite's 32,766


STAGE = "matching_match_stage"


def _conflict_clause(table: str) -> str:
    quote = connection.ops.quote_name
    updates = [f"{quote(c)} = EXCLUDED.{quote(c)}" for c in _UPDATED]
    # Back from retirement: suggested again. Dismissed and later states stay as they are.
    status = quote("status")
    updates.append(
        f"{status} = CASE WHEN {table}.{status} = '{Status.RETIRED}' "
        f"THEN '{Status.SUGGESTED}' ELSE {table}.{status} END"
    )
    return (
        f"ON CONFLICT ({quote('need_id')}, {quote('capability_id')}) "
        f"DO UPDATE SET {', '.join(updates)}"
    )


# Only constants and quoted names go into the SQL text below; values are parameters or COPY data.


def _upsert_values(cursor, values: list[tuple]) -> None:
    """INSERT .. VALUES (..), (..) ON CONFLICT DO UPDATE, a thousand rows per statement."""
    quote = connection.ops.quote_name
    table = quote(Match._meta.db_table)
    columns = ", ".join(quote(c) for c in _COLUMNS)
    row = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    for start in range(0, len(values), UPSERT_ROWS):
        chunk = values[start : start + UPSERT_ROWS]
        sql = (
            f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608
            + _conflict_clause(table)
        )
        cursor.execute(sql, [v for item in chunk for v in item])


def _upsert_copy(cursor, values: list[tuple]) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT .. SELECT .. ON CONFLICT."""
    quote = connection.ops.quote_name
    table = quote(Match._meta.db_table)
    columns = ", ".join(quote(c) for c in _COLUMNS)
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} ON COMMIT DELETE ROWS AS "  # noqa: S608
        f"SELECT {columns} FROM {table} WITH NO DATA"
    )
    cursor.execute(f"TRUNCATE {STAGE}")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for item in values:
        writer.writerow("" if v is None else v for v in item)
    buffer.seek(0)
    cursor.copy_expert(f"COPY {STAGE} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '')", buffer)
    cursor.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {STAGE} "  # noqa: S608
        + _conflict_clause(table)
    )
    cursor.execute(f"TRUNCATE {STAGE}")


def _upsert(values: list[tuple]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor, "copy_expert"):
            _upsert_copy(cursor, values)
        else:
            _upsert_values(cursor, values)


def _existing(model, ids) -> set[int]:
    found = set()
    for chunk in _batches(sorted(ids), 5000):
        found.update(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    return found


def persist(pairs: Iterable[ScoredPair], *, run: MatchRun | None = None) -> int:
    """Upsert ``pairs`` as Match rows in one transaction; returns how many were written.

    INSERT .. ON CONFLICT DO UPDATE (on PostgreSQL fed by COPY): far faster than the ORM's
    bulk_create for the hundreds of thousands of rows of a full run."""
    by_key = {}
    for pair in pairs:
        by_key[(pair.need_id, pair.capability_id)] = pair
    if not by_key:
        return 0
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    hubs = {}
    for chunk in _batches(sorted({need_id for need_id, _ in by_key}), 5000):
        hubs.update(Need.objects.filter(pk__in=chunk).values_list("pk", "hub_id"))
    # Items deleted since they were loaded are skipped.
    alive = _existing(Capability, {capability_id for _, capability_id in by_key})
    run_id = run.pk if run is not None else None
    values = [
        (
            pair.need_id,
            pair.capability_id,
            hubs[pair.need_id],
            _number(pair.score),
            json.dumps(_json_factors(pair.factors)),
            json.dumps([str(term) for term in pair.shared_terms]),
            json.dumps(_json_gaps(pair.gaps)),
            Status.SUGGESTED.value,
            False,
            now,
            now,
            run_id,
        )
        for pair in by_key.values()
        if pair.need_id in hubs and pair.capability_id in alive
    ]
    with transaction.atomic():
        _upsert(values)
        bump_site()  # raw SQL: no signal
    return len(values)


def retireable():
    return Match.objects.filter(status=Status.SUGGESTED, acted_on=False)


def retire(queryset) -> int:
    """Retire the suggested, never acted-on matches of ``queryset``."""
    retired = queryset.filter(status=Status.SUGGESTED, acted_on=False).update(status=Status.RETIRED)
    if retired:
        bump_site()  # an update(): no signal
    return retired


def retire_for_needs(need_ids: Iterable[int], *, keep_run: MatchRun | None = None) -> int:
    """Retire the matches of these needs (except those written by ``keep_run``)."""
    total = 0
    for chunk in _batches(sorted(set(need_ids))):
        queryset = retireable().filter(need_id__in=chunk)
        if keep_run is not None:
            queryset = queryset.exclude(last_run=keep_run)
        total += retire(queryset)
    return total


def retire_for_capabilities(
    capability_ids: Iterable[int], *, keep_run: MatchRun | None = None
) -> int:
    total = 0
    for chunk in _batches(sorted(set(capability_ids))):
        queryset = retireable().filter(capability_id__in=chunk)
        if keep_run is not None:
            queryset = queryset.exclude(last_run=keep_run)
        total += retire(queryset)
    return total


def dismissed_pairs(*, need_ids=None, capability_ids=None) -> set[tuple[int, int]]:
    """The (need, capability) pairs somebody dismissed: never suggested again."""
    queryset = Match.objects.dismissed()
    if need_ids is not None or capability_ids is not None:
        q = Q(pk__in=[])
        if need_ids:
            q |= Q(need_id__in=list(need_ids))
        if capability_ids:
            q |= Q(capability_id__in=list(capability_ids))
        queryset = queryset.filter(q)
    return set(queryset.values_list("need_id", "capability_id"))


# --- Top K ------------------------------------------------------------------------------------


def capability_hubs(capability_ids=None) -> dict[int, int]:
    """{capability id: its company's hub id}."""
    queryset = Capability.objects.all()
    if capability_ids is None:
        return dict(queryset.values_list("pk", "company__organisation__hub_id"))
    result = {}
    for chunk in _batches(sorted(set(capability_ids))):
        result.update(
            queryset.filter(pk__in=chunk).values_list("pk", "company__organisation__hub_id")
        )
    return result


class _Limits:
    """K for a need (its hub's setting) and for a capability (its company's hub's setting)."""

    def __init__(self, configs: Configs):
        self.configs = configs
        self.cap_hubs: dict[int, int] = {}
        self.need_hubs: dict[int, int] = {}

    def load_capabilities(self, capability_ids=None):
        missing = None if capability_ids is None else set(capability_ids) - set(self.cap_hubs)
        if missing is None or missing:
            self.cap_hubs.update(capability_hubs(missing))

    def load_needs(self, need_ids):
        missing = set(need_ids) - set(self.need_hubs)
        if missing:
            hubs = Need.objects.filter(pk__in=list(missing)).values_list("pk", "hub_id")
            self.need_hubs.update(hubs)

    def load(self, side: str, ids) -> None:
        """Know the hubs of these needs or capabilities (``side``), for ``of()``."""
        if side == "need":
            self.load_needs(ids)
        else:
            self.load_capabilities(ids)

    def need(self, hub_id: int) -> int:
        return self.configs.top_k(hub_id)

    def capability(self, capability_id: int) -> int:
        return self.configs.top_k(self.cap_hubs.get(capability_id))

    def of(self, side: str, item_id: int) -> int:
        """K of one need or capability (``side``) loaded before."""
        if side == "need":
            return self.need(self.need_hubs.get(item_id))
        return self.capability(item_id)


def _rows(side: str, ids):
    """Suggested rows of the given needs/capabilities (all when ids is None), best first:
    (pk, need_id, capability_id, need hub_id, score)."""
    field = "need_id" if side == "need" else "capability_id"
    queryset = Match.objects.filter(status=Status.SUGGESTED)
    columns = ("pk", "need_id", "capability_id", "hub_id", "score")
    order = (field, "-score", "pk")
    if ids is None:
        yield from queryset.order_by(*order).values_list(*columns).iterator(chunk_size=5000)
        return
    for chunk in _batches(sorted(set(ids))):
        yield from queryset.filter(**{f"{field}__in": chunk}).order_by(*order).values_list(*columns)


def _split(side: str, ids, limits: _Limits):
    """(pks within their top K on ``side``, rows beyond it as (pk, other side's id))."""
    top, over = set(), []
    current, rank = None, 0
    for pk, need_id, capability_id, hub_id, _score in _rows(side, ids):
        key = need_id if side == "need" else capability_id
        if key != current:
            current, rank = key, 0
        rank += 1
        k = limits.need(hub_id) if side == "need" else limits.capability(capability_id)
        if rank <= k:
            top.add(pk)
        else:
            over.append((pk, capability_id if side == "need" else need_id))
    return top, over


def prune(*, configs: Configs, need_ids=None, capability_ids=None, full: bool = False) -> int:
    """Retire suggested matches that are in neither their need's nor their capability's top K.

    ``need_ids`` / ``capability_ids`` name the lists that may have grown since the last prune;
    ``full`` checks every list (two passes over the table, memory for the needs' top K only).
    """
    limits = _Limits(configs)
    drop = []
    if full:
        limits.load_capabilities()
        need_top, _ = _split("need", None, limits)
        _, over = _split("capability", None, limits)
        drop = [pk for pk, _need in over if pk not in need_top]
    else:
        if need_ids:
            _, over = _split("need", need_ids, limits)
            others = {capability_id for _, capability_id in over}
            limits.load_capabilities(others)
            cap_top, _ = _split("capability", others, limits) if others else (set(), [])
            drop += [pk for pk, _cap in over if pk not in cap_top]
        if capability_ids:
            limits.load_capabilities(capability_ids)
            _, over = _split("capability", capability_ids, limits)
            others = {need_id for _, need_id in over}
            need_top, _ = _split("need", others, limits) if others else (set(), [])
            drop += [pk for pk, _need in over if pk not in need_top]
    retired = 0
    for chunk in _batches(sorted(set(drop))):
        retired += retire(Match.objects.filter(pk__in=chunk))
    return retired


# The two sides of a pair: the other side of each, and where its id is in a _rows() row.
_OTHER = {"need": "capability", "capability": "need"}
_COLUMN = {"need": 1, "capability": 2}


def _id(pair: ScoredPair, side: str) -> int:
    return pair.need_id if side == "need" else pair.capability_id


def _best_first(pairs: list[ScoredPair], side: str) -> dict[int, list[ScoredPair]]:
    groups = defaultdict(list)
    for pair in pairs:
        groups[_id(pair, side)].append(pair)
    for group in groups.values():
        group.sort(key=lambda p: (-p.score, p.need_id, p.capability_id))
    return groups


def admit(
    need_pairs: list[ScoredPair],
    capability_pairs: list[ScoredPair],
    *,
    rescored_needs: set[int],
    rescored_capabilities: set[int],
    configs: Configs,
) -> list[ScoredPair]:
    """Of an item run's wide result lists, the pairs worth storing: each rescored need's top K
    and each rescored capability's top K, plus those pairs beyond it that make the top K of the
    other side (whose list is the stored one, with the rescored items' new scores).
    Keeps the table free of rows that the next prune would only retire."""
    limits = _Limits(configs)
    pairs = {"need": need_pairs, "capability": capability_pairs}
    rescored = {"need": rescored_needs, "capability": rescored_capabilities}
    chosen: dict[tuple[int, int], ScoredPair] = {}
    beyond: dict[str, list[ScoredPair]] = {}
    for side in ("need", "capability"):
        limits.load(side, rescored[side])
        beyond[side] = []
        for item_id, group in _best_first(pairs[side], side).items():
            k = limits.of(side, item_id)
            for pair in group[:k]:
                chosen[(pair.need_id, pair.capability_id)] = pair
            beyond[side] += group[k:]

    # A pair beyond its item's K may still be in the top K of the other side's item (a need's
    # pair in its capability's list, a capability's pair in its need's list).
    for side in ("need", "capability"):
        other = _OTHER[side]
        others = {_id(pair, other) for pair in beyond[side]} - rescored[other]
        if not others:
            continue
        limits.load(other, others)
        scores = defaultdict(list)
        for pair in pairs[side]:
            if _id(pair, other) in others:
                scores[_id(pair, other)].append(pair.score)
        for row in _rows(other, others):
            if row[_COLUMN[side]] not in rescored[side]:
                scores[row[_COLUMN[other]]].append(row[4])
        for pair in beyond[side]:
            item_id = _id(pair, other)
            if item_id in others and _within(
                pair.score, scores[item_id], limits.of(other, item_id)
            ):
                chosen.setdefault((pair.need_id, pair.capability_id), pair)
    return list(chosen.values())


def _within(score: float, scores: list[float], k: int) -> bool:
    """True when ``score`` is among the best ``k`` of ``scores`` (which include it)."""
    if len(scores) <= k:
        return True
    return score >= sorted(scores, reverse=True)[k - 1]
