"""Why a match was suggested, in words a hospital nurse reads in five seconds. The one presenter
of a match's stored factors, shared terms and gaps: match cards and pages, the match emails,
the introduction draft, the admin and the API all show what ``explain()`` returns.

- ``summary``: one sentence ("Strong match: same clinical area, similar wording and same kind
  of technology.");
- ``top_factors``: the two or three reasons that matter most, strongest first, in plain words;
- ``gaps``: what stands between them ("Missing: GDPR DPIA"), always kept;
- ``shared_terms``: the meaningful words both texts use (no numbers, units or stop words);
- ``factors``: every factor, labelled, for a "details" disclosure.

Its texts are computed when read, so an email rendered in its recipient's language gets them in
that language. A company that may only read a confidential need's teaser gets the reasons from
the public part only (title, summary, public tags).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from healthmatch.accounts.models import RegulatoryItem
from matching.engine.terms import meaningful_terms
from matching.engine.text import STEMMER_NAMES, Analyzer, tokenize

# Every factor, in reading order, in plain words (the details).
FACTOR_LABELS = {
    "clinical_area": gettext_lazy("Clinical area"),
    "technology": gettext_lazy("Kind of technology"),
    "text": gettext_lazy("Words in common"),
    "semantic": gettext_lazy("Similar meaning"),
    "care_setting": gettext_lazy("Care setting"),
    "maturity": gettext_lazy("Product maturity"),
    "regulatory": gettext_lazy("Approvals and certificates"),
    "region": gettext_lazy("Region served"),
    "language": gettext_lazy("Working language"),
    "relevance": gettext_lazy("Overall topic fit"),
    "constraints": gettext_lazy("Overall fit with requirements"),
}
# A factor as a reason: what a good fit on it means.
REASONS = {
    "clinical_area": gettext_lazy("Same clinical area"),
    "technology": gettext_lazy("Same kind of technology"),
    "text": gettext_lazy("Similar wording"),
    "semantic": gettext_lazy("Similar purpose"),
    "care_setting": gettext_lazy("Suits the care setting"),
    "maturity": gettext_lazy("Mature enough"),
    "regulatory": gettext_lazy("Has the approvals asked for"),
    "region": gettext_lazy("Serves the region"),
    "language": gettext_lazy("Works in the language"),
}
# What the match is about (a fit counts from TOPICAL_MIN), then requirements fully met.
TOPICAL = ("clinical_area", "technology", "semantic", "text")
REQUIREMENTS = ("regulatory", "maturity", "care_setting", "region", "language")
TOPICAL_MIN = 0.25
MET = 0.99
TOP = 3
TERMS = 8
# Score bands, the same as the admin's score filter.
STRONG, GOOD = 0.6, 0.4
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
    reason: str = ""

    @property
    def percent(self) -> int:
        return round(max(0.0, min(1.0, self.value)) * 100)


def factor_rows(factors: dict, keys=None) -> list[FactorRow]:
    """The stored factors in reading order, labelled."""
    keys = keys or FACTOR_LABELS
    return [
        FactorRow(key, str(FACTOR_LABELS[key]), float(factors[key]))
        for key in FACTOR_LABELS
        if key in keys and key in (factors or {})
    ]


def top_factors(factors: dict, keys=None) -> list[FactorRow]:
    """The two or three reasons that matter most: the topical fits from TOPICAL_MIN, strongest
    first, then the requirements fully met; composites ("relevance") never."""
    values = {k: float(v) for k, v in (factors or {}).items() if keys is None or k in keys}
    topical = sorted(
        (k for k in TOPICAL if values.get(k, 0.0) >= TOPICAL_MIN),
        key=lambda k: (-values[k], TOPICAL.index(k)),
    )
    met = [k for k in REQUIREMENTS if values.get(k, 0.0) >= MET]
    return [
        FactorRow(key, str(FACTOR_LABELS[key]), values[key], str(REASONS[key]))
        for key in (topical + met)[:TOP]
    ]


def _gap_text(code: str, value: int, items: dict) -> str:
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


def regulatory_names(gap_lists) -> dict[int, RegulatoryItem]:
    """The regulatory items the gaps name, by id: one query for many matches. A gap's text
    reads an item's name (``str()``: its label) when it is read, so a pass that loads them once
    still writes each email in its recipient's language."""
    ids = {
        int(value)
        for gaps in gap_lists
        for code, value in gaps or ()
        if str(code).startswith("regulatory_")
    }
    if not ids:
        return {}
    return RegulatoryItem.objects.in_bulk(ids)


def gap_texts(gaps, items: dict | None = None) -> list[str]:
    items = regulatory_names([gaps]) if items is None else items
    return [_gap_text(str(code), int(value), items) for code, value in gaps or ()]


def _teaser_terms(need) -> set[str]:
    words = tokenize(f"{need.title} {need.summary}")
    terms = set(words)
    for word in words:
        term = _analyzer().term_for(word, need.language)
        if term:
            terms.add(term)
    return terms


def public_terms(shared_terms: list[str], need) -> list[str]:
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


@dataclass
class Explanation:
    """One match explained (see the module's docstring); the texts are read in the language
    active when they are read."""

    score: float
    stored_factors: dict
    gap_codes: list
    shared_terms: list[str]
    items: dict = field(default_factory=dict)  # regulatory_names()
    teaser_only: bool = False

    @property
    def _keys(self):
        return TEASER_FACTORS if self.teaser_only else None

    @property
    def factors(self) -> list[FactorRow]:
        return factor_rows(self.stored_factors, self._keys)

    @property
    def top_factors(self) -> list[FactorRow]:
        return top_factors(self.stored_factors, self._keys)

    @property
    def gaps(self) -> list[str]:
        return gap_texts(self.gap_codes, self.items)

    @property
    def strength(self) -> str:
        if self.score >= STRONG:
            return _("Strong match")
        if self.score >= GOOD:
            return _("Good match")
        return _("Possible match")

    @property
    def summary(self) -> str:
        reasons = [row.reason for row in self.top_factors]
        if not reasons:
            return _("%(strength)s: the two descriptions are about related things.") % {
                "strength": self.strength
            }
        reasons = [r[:1].lower() + r[1:] for r in reasons]  # they follow a colon
        return _("%(strength)s: %(reasons)s.") % {
            "strength": self.strength,
            "reasons": get_text_list(reasons, _("and")),
        }


def explain(match, *, items: dict | None = None, teaser_only: bool = False):
    """The explanation of ``match`` (with its need loaded when ``teaser_only``); ``items``: the
    regulatory names from ``regulatory_names()`` when explaining many matches at once."""
    gaps = list(match.gaps or [])
    terms = meaningful_terms(match.shared_terms)
    if teaser_only:
        gaps = [g for g in gaps if str(g[0]).removesuffix("_unknown") in TEASER_GAPS]
        terms = public_terms(terms, match.need)
    return Explanation(
        score=float(match.score),
        stored_factors=dict(match.factors or {}),
        gap_codes=gaps,
        shared_terms=terms[:TERMS],
        items=regulatory_names([gaps]) if items is None else items,
        teaser_only=teaser_only,
    )
