"""Match cards for pages: the suggested companies of a need (for its owners and the hub's
coordinators) and the needs for a company (for its members), each with the score broken down
into factors, the shared terms and the gaps in words. A fixed number of queries per list.

Confidential needs are matched, but a company that may not read a need's details sees only its
teaser: title and summary, the factors based on public information, the shared terms that occur
in the title or summary (never a word only the description holds) and the gaps about the public
tags.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from healthmatch.accounts.models import RegulatoryItem
from matching.engine.text import STEMMER_NAMES, Analyzer, tokenize
from matching.models import Match
from matching.runs.config import Configs
from needs.access import is_owner
from needs.models import Need
from needs.services import can_manage

NEEDS_PER_CAPABILITY = 5

FACTOR_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "text": gettext_lazy("Text"),
    "semantic": gettext_lazy("Meaning"),
    "clinical_area": gettext_lazy("Clinical area"),
    "technology": gettext_lazy("Technology type"),
    "constraints": gettext_lazy("Fit with requirements"),
    "care_setting": gettext_lazy("Care setting"),
    "maturity": gettext_lazy("Maturity (TRL)"),
    "regulatory": gettext_lazy("Regulatory status"),
    "region": gettext_lazy("Region"),
    "language": gettext_lazy("Language"),
}
# What a company that may only read a need's teaser is shown: factors from the text (a number,
# no words) and from the public tags.
TEASER_FACTORS = ("relevance", "text", "semantic", "clinical_area", "technology", "care_setting")
TEASER_GAPS = ("clinical_area", "technology", "care_setting")

_local = threading.local()  # stemmers are not thread-safe: one analyzer per thread


def _analyzer() -> Analyzer:
    """For term_for() only: its stemmers, never its growing vocabulary."""
    if not hasattr(_local, "analyzer"):
        _local.analyzer = Analyzer()
    return _local.analyzer


@dataclass
class FactorRow:
    key: str
    label: str
    value: float

    @property
    def percent(self) -> int:
        return round(max(0.0, min(1.0, self.value)) * 100)


@dataclass
class Card:
    match: Match
    factors: list[FactorRow]
    shared_terms: list[str]
    gaps: list[str]
    teaser_only: bool = False
    can_dismiss: bool = False

    @property
    def score_percent(self) -> int:
        return round(max(0.0, min(1.0, self.match.score)) * 100)


@dataclass
class CapabilityNeeds:
    capability: Capability
    cards: list[Card] = field(default_factory=list)


def factor_rows(factors: dict, keys=None) -> list[FactorRow]:
    """The stored factors in reading order, labelled."""
    keys = keys or FACTOR_LABELS
    return [
        FactorRow(key, str(FACTOR_LABELS[key]), float(factors[key]))
        for key in FACTOR_LABELS
        if key in keys and key in (factors or {})
    ]


def _gap_text(code: str, value: int, items: dict[int, str]) -> str:
    item = items.get(value, _("a required item"))
    texts = {
        "clinical_area": _("No clinical area in common"),
        "clinical_area_unknown": _("The capability names no clinical area"),
        "technology": _("A different technology type"),
        "technology_unknown": _("The capability names no technology type"),
        "care_setting": _("A different care setting"),
        "care_setting_unknown": _("The capability names no care setting"),
        "region": _("Does not serve the need's region"),
        "region_unknown": _("The company names no regions it serves"),
        "language": _("Does not work in the need's language"),
        "language_unknown": _("The company names no working languages"),
        "trl_below": _("Below the minimum maturity (TRL %(n)s)") % {"n": value},
        "trl_unknown": _("Maturity not stated (TRL %(n)s asked)") % {"n": value},
        "regulatory_missing": _("Missing: %(item)s") % {"item": item},
        "regulatory_expired": _("Expired: %(item)s") % {"item": item},
    }
    return texts.get(code, code.replace("_", " ").capitalize())


def _regulatory_names(gap_lists) -> dict[int, str]:
    ids = {
        int(value)
        for gaps in gap_lists
        for code, value in gaps
        if str(code).startswith("regulatory_")
    }
    if not ids:
        return {}
    return dict(RegulatoryItem.objects.filter(pk__in=ids).values_list("pk", "name"))


def gap_texts(gaps, items: dict[int, str] | None = None) -> list[str]:
    items = _regulatory_names([gaps]) if items is None else items
    return [_gap_text(str(code), int(value), items) for code, value in gaps or ()]


def _teaser_terms(need: Need) -> set[str]:
    words = tokenize(f"{need.title} {need.summary}")
    terms = set(words)
    for word in words:
        term = _analyzer().term_for(word, need.language)
        if term:
            terms.add(term)
    return terms


def public_terms(shared_terms: list[str], need: Need) -> list[str]:
    """The shared terms that occur (as written or by stem) in the need's title or summary."""
    teaser = _teaser_terms(need)
    kept = []
    for term in shared_terms:
        word = term.lower()
        forms = {word}
        for language in {need.language, *STEMMER_NAMES}:
            analysed = _analyzer().term_for(word, language)
            if analysed:
                forms.add(analysed)
        if forms & teaser:
            kept.append(term)
    return kept


def _card(match, items, *, teaser_only=False, can_dismiss=False) -> Card:
    gaps = match.gaps or []
    if teaser_only:
        gaps = [g for g in gaps if str(g[0]).removesuffix("_unknown") in TEASER_GAPS]
    return Card(
        match=match,
        factors=factor_rows(match.factors, TEASER_FACTORS if teaser_only else None),
        shared_terms=public_terms(match.shared_terms, match.need)
        if teaser_only
        else list(match.shared_terms),
        gaps=gap_texts(gaps, items),
        teaser_only=teaser_only,
        can_dismiss=can_dismiss,
    )


def need_suggestions(need: Need, user) -> list[Card] | None:
    """The suggested companies of a published need, best first; None for people who may not
    see them (anyone but the owners and the hub's coordinators)."""
    if need.status != Need.Status.PUBLISHED or not can_manage(user, need):
        return None
    limit = Configs().top_k(need.hub_id)
    matches = list(
        Match.objects.suggested()
        .filter(need=need)
        .select_related("capability__company__organisation")
        .order_by("-score", "pk")[:limit]
    )
    for match in matches:
        match.need = need
    items = _regulatory_names(m.gaps for m in matches)
    owner = is_owner(user, need)
    return [_card(m, items, can_dismiss=owner) for m in matches]


def needs_for_company_member(user, *, per_capability: int = NEEDS_PER_CAPABILITY):
    """For each published capability of the user's companies, its best suggested needs."""
    org_ids = member_org_ids(user)
    if not org_ids:
        return []
    capabilities = list(
        Capability.objects.published()
        .filter(
            company__organisation_id__in=org_ids,
            company__organisation__verified_at__isnull=False,
        )
        .select_related("company__organisation")
        .order_by("title", "pk")
    )
    if not capabilities:
        return []
    ranked = (
        Match.objects.suggested()
        .filter(
            capability__in=[c.pk for c in capabilities],
            need__status=Need.Status.PUBLISHED,
        )
        .select_related("need__organisation")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("capability_id")],
                order_by=[F("score").desc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=per_capability)
        .order_by("capability_id", "rank")
    )
    matches = list(ranked)
    need_ids = {m.need_id for m in matches}
    readable = set(
        Need.objects.details_visible_to(user).filter(pk__in=need_ids).values_list("pk", flat=True)
    )
    items = _regulatory_names(m.gaps for m in matches)
    groups = {c.pk: CapabilityNeeds(c) for c in capabilities}
    for match in matches:
        group = groups[match.capability_id]
        match.capability = group.capability
        group.cards.append(
            _card(match, items, teaser_only=match.need_id not in readable, can_dismiss=True)
        )
    return list(groups.values())


def cards_for(matches, user) -> dict[int, Card]:
    """The card of each match as ``user`` is shown it, by match id: the whole card for the
    need's owners and the hub's coordinators and for companies that may read the need's
    details, the teaser otherwise (as the match page decides). The matches come with their
    need; a fixed number of queries, whatever their number."""
    matches = list(matches)
    need_ids = {m.need_id for m in matches}
    readable = set(
        Need.objects.details_visible_to(user).filter(pk__in=need_ids).values_list("pk", flat=True)
    )
    items = _regulatory_names(m.gaps for m in matches)
    return {m.pk: _card(m, items, teaser_only=m.need_id not in readable) for m in matches}
