"""Which shared terms mean something to a reader: not numbers ("2", "30", "1.5"), not units
("kg", "days", "dage", "timmar"), not a number with its unit ("24h", "10mg"), not a stop word of
any of the languages we match (en, da, sv, nb), whatever the need's own language.

The engine keeps such terms for scoring (a shared "13485" is evidence); only the explanation
shown to people leaves them out. Plain data: no NLP package."""

from __future__ import annotations

import re

from matching.engine.stopwords import BY_LANGUAGE

# Units and quantities, as written in en, da, sv and nb (lowercase; tokens never hold a dot).
UNITS = frozenset(
    """
    mg g kg t µg ug mcg ml cl dl l mm cm dm m km m2 m3 mmhg mmol mol hz khz mhz ghz w kw mw kwh
    v mv a ma mah db bpm ppm c f x pcs stk pct percent procent prosent kr dkk sek nok eur usd
    kb mb gb tb px s sec secs second seconds ms min mins minute minutes h hr hrs hour hours
    day days week weeks month months year years yr yrs time timer sekund sekunder minut
    minutter minuter minutt dag dage dagar dager døgn dygn uge uger vecka veckor uke uker
    måned måneder månad månader år timme timmar gang gange gång gånger ganger times
    """.split()
)
# Words every text in the field uses, and numbers written out (not "fire": English for fire):
# they say nothing about why two items fit.
GENERIC = frozenset(
    """
    eg ie etc use used uses using based new want wants need needs looking get gets make makes
    help helps provide provides allow allows able way ways fx mv osv bl ca samt eks dvs el
    one two three four five six seven eight nine ten hundred thousand
    tre fem seks syv otte ti to två fyra sex sju åtta nio tio åtte hundrede tusen tusind
    """.split()
)
# Names that start with a digit but are not quantities.
KEEP = frozenset({"2d", "3d", "4d", "3g", "4g", "5g"})

STOP_WORDS = frozenset().union(*BY_LANGUAGE.values())
_NUMBER = re.compile(r"^[\d.,:/%+\-−]+(st|nd|rd|th)?$")
_QUANTITY = re.compile(r"^\d+(?:[.,]\d+)?([^\d]+)$")


def is_meaningful(term: str) -> bool:
    """True for a word a person would recognise as a reason the two texts fit."""
    word = term.strip().lower()
    if word in KEEP:
        return True
    if len(word) < 2:
        return False
    if _NUMBER.match(word):
        return False
    quantity = _QUANTITY.match(word)
    if quantity and quantity.group(1) in UNITS:
        return False
    return word not in UNITS and word not in STOP_WORDS and word not in GENERIC


def meaningful_terms(terms, limit: int | None = None) -> list[str]:
    """The meaningful ones of ``terms``, in their order, each once (at most ``limit``)."""
    kept: list[str] = []
    seen: set[str] = set()
    for term in terms or ():
        key = str(term).strip().lower()
        if key in seen or not is_meaningful(key):
            continue
        seen.add(key)
        kept.append(str(term))
        if limit is not None and len(kept) >= limit:
            break
    return kept
