"""A Matcher kept per process between item rescores.

Building the capability side (text index, factor matrices) takes seconds at 100,000
capabilities; scoring one new need against a Matcher that holds it takes milliseconds
(``Matcher.add_needs``). So a worker keeps the Matcher it built, keyed by a cheap fingerprint of
what the capability side was built from, and builds it again only when the fingerprint changes:
a capability published, edited, archived or deleted, a company edited or (un)verified, a
certificate added or removed, the matching settings or the regulatory items changed, the
embedder switched, or a new day (certificates expire).

Celery's prefork workers run one task at a time per process; the lock guards threaded servers.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from django.db.models import Count, Max, Sum
from django.utils import timezone

from companies.models import Certification
from healthmatch.accounts.models import RegulatoryItem
from matching.engine.api import Matcher, WeightsFor
from matching.engine.structured import regulatory_implications
from matching.engine.types import NeedDoc, ScoredPair
from matching.runs import loading
from matching.runs.models import MatchingConfig

# Needs added to a cached Matcher before it is built afresh (a replaced need keeps its old row).
MAX_ADDED_NEEDS = 5000

_lock = threading.Lock()
_cache: dict = {"key": None, "matcher": None, "added": 0}
# How often the capability side was built and how often a cached one was reused (logs, tests).
stats = {"builds": 0, "reuses": 0}


def build_matcher(needs, capabilities) -> Matcher | None:
    """A Matcher over these documents (None without capabilities); regulatory items imply the
    lower classes they cover (``regulatory_implications``)."""
    if not capabilities:
        return None
    names = dict(RegulatoryItem.objects.values_list("pk", "name"))
    return Matcher(
        needs,
        capabilities,
        today=timezone.localdate(),
        config=loading.engine_config(),
        regulatory_implies=regulatory_implications(names),
    )


def fingerprint() -> tuple:
    """What the capability side was built from, in a few aggregate queries."""
    capabilities = loading.matchable_capabilities()
    items = capabilities.aggregate(
        fp_count=Count("pk"),
        fp_ids=Sum("pk"),
        fp_updated=Max("updated_at"),
        fp_company=Max("company__updated_at"),
        fp_verified=Max("company__organisation__verified_at"),
    )
    certificates = Certification.objects.filter(capability__in=capabilities.values("pk")).aggregate(
        count=Count("pk"), ids=Sum("pk"), until=Max("valid_until")
    )
    configs = MatchingConfig.objects.aggregate(fp_count=Count("pk"), fp_at=Max("updated_at"))
    regulatory = RegulatoryItem.objects.aggregate(fp_count=Count("pk"), fp_ids=Sum("pk"))
    embedder = loading.embedder_name()
    return (
        tuple(items.values()),
        tuple(certificates.values()),
        tuple(configs.values()),
        tuple(regulatory.values()),
        embedder,
        timezone.localdate(),
    )


def clear() -> None:
    with _lock:
        _cache.update(key=None, matcher=None, added=0)


def score_needs(
    needs: Collection[NeedDoc],
    *,
    weights_for: WeightsFor,
    top_k: int,
    exclude: Collection[tuple[int, int]] = (),
) -> list[ScoredPair]:
    """``Matcher.for_needs`` for these needs on the process's cached Matcher (built again when
    the capability side changed)."""
    needs = list(needs)
    if not needs:
        return []
    with _lock:
        key = fingerprint()
        if _cache["key"] != key or _cache["added"] + len(needs) > MAX_ADDED_NEEDS:
            # The key is read before the capabilities: a change in between rebuilds next time.
            _, capabilities = loading.load_world(need_queryset=loading.matchable_needs().none())
            _cache.update(key=key, matcher=build_matcher([], capabilities), added=0)
            stats["builds"] += 1
        else:
            stats["reuses"] += 1
        matcher = _cache["matcher"]
        if matcher is None:
            return []
        matcher.add_needs(needs)
        _cache["added"] += len(needs)
        return matcher.for_needs(
            [need.id for need in needs], weights_for=weights_for, top_k=top_k, exclude=exclude
        )
