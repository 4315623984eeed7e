"""Platform-format data (needs.jsonl, capabilities.jsonl, qrels/test.tsv: see the README beside
the shared example) read as NeedDoc/CapabilityDoc, its labels mapped onto HealthMatch's taxonomy
BY NAME. A label that matches no term gets a stable synthetic id (negative), so nothing is lost:
two sides using the same unknown label still match each other.

Regions: a label naming a taxonomy region maps to it; a country ("Denmark"), a group ("Nordics",
"EU", "Global") or a well-known city maps to the regions it covers. A capability serving a whole
country also covers places in it that the taxonomy does not list (a country marker id).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer

from healthmatch.bench.beir import read_jsonl, read_qrels
from matching.engine.structured import regulatory_implications
from matching.engine.text import STEMMER_NAMES, fold_accents, guess_language
from matching.engine.types import CapabilityDoc, NeedDoc

GENERIC = {"and", "or", "of", "the", "for", "with", "care", "health", "service", "services", "s"}
COUNTRIES = {
    "denmark": "DK",
    "danmark": "DK",
    "sweden": "SE",
    "sverige": "SE",
    "norway": "NO",
    "norge": "NO",
    "finland": "FI",
    "suomi": "FI",
    "iceland": "IS",
    "germany": "DE",
    "netherlands": "NL",
    "united kingdom": "GB",
    "uk": "GB",
    "ireland": "IE",
    "estonia": "EE",
    "latvia": "LV",
    "lithuania": "LT",
    "france": "FR",
    "united states": "US",
    "usa": "US",
}
EU = ["DK", "SE", "FI", "DE", "NL", "IE", "EE", "LV", "LT", "FR"]
NORDICS = ["DK", "SE", "NO", "FI", "IS"]
GROUPS = {
    "nordics": NORDICS,
    "nordic countries": NORDICS,
    "scandinavia": ["DK", "SE", "NO"],
    "baltics": ["EE", "LV", "LT"],
    "eu": EU,
    "european union": EU,
    "europe": sorted({*EU, *NORDICS, "GB"}),
    "global": ["*"],
    "worldwide": ["*"],
    "international": ["*"],
}
CITIES = {
    "copenhagen": "Region Hovedstaden",
    "kobenhavn": "Region Hovedstaden",
    "aarhus": "Region Midtjylland",
    "odense": "Region Syddanmark",
    "aalborg": "Region Nordjylland",
    "roskilde": "Region Sjælland",
    "stockholm": "Region Stockholm",
    "uppsala": "Region Uppsala",
    "gothenburg": "Västra Götalandsregionen",
    "goteborg": "Västra Götalandsregionen",
    "malmo": "Region Skåne",
    "lund": "Region Skåne",
    "oslo": "Helse Sør-Øst",
    "bergen": "Helse Vest",
    "stavanger": "Helse Vest",
    "trondheim": "Helse Midt-Norge",
    "tromso": "Helse Nord",
    "helsinki": "Uusimaa",
    "espoo": "Uusimaa",
    "vantaa": "Uusimaa",
    "tampere": "FI",
    "pirkanmaa": "FI",
    "turku": "FI",
    "oulu": "FI",
}
_STEM = Stemmer.Stemmer("english")


@dataclass
class Taxonomy:
    clinical_areas: dict[int, str]
    care_settings: dict[int, str]
    technology_types: dict[int, str]
    regulatory_items: dict[int, str]
    regions: dict[int, tuple[str, str]]  # id -> (name, ISO country code)


def default_taxonomy() -> Taxonomy:
    """The defaults every installation starts with, numbered in order (no database needed)."""
    from healthmatch.accounts import taxonomy_defaults as d

    def numbered(names):
        return dict(enumerate(names, start=1))

    return Taxonomy(
        numbered(d.CLINICAL_AREAS),
        numbered(d.CARE_SETTINGS),
        numbered(d.TECHNOLOGY_TYPES),
        numbered(d.REGULATORY_ITEMS),
        {i: (name, country) for i, (name, country) in enumerate(d.REGIONS, start=1)},
    )


def _tokens(label: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", fold_accents(label.lower()))
    return frozenset(_STEM.stemWord(w) for w in words if w not in GENERIC)


def _plain(label: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold_accents(label.lower())))


def synthetic_id(kind: str, label: str) -> int:
    digest = hashlib.sha1(f"{kind}:{_plain(label)}".encode(), usedforsecurity=False).hexdigest()
    return -(int(digest[:12], 16) % 10**12) - 1


@dataclass
class LabelMap:
    """Label -> taxonomy id by name: the same words (exact, then the best word overlap with at
    least half the shorter name's content words), else a synthetic id."""

    kind: str
    terms: dict[int, str]
    names: dict[int, str] = field(default_factory=dict)  # every id handed out -> its name

    def __post_init__(self) -> None:
        self.names.update(self.terms)
        self._plain = {_plain(name): term for term, name in self.terms.items()}
        self._tokens = {term: _tokens(name) for term, name in self.terms.items()}

    def __call__(self, label: str) -> int:
        if _plain(label) in self._plain:
            return self._plain[_plain(label)]
        mine = _tokens(label)
        best, best_key = None, (0.0, 0.0)
        for term, theirs in self._tokens.items():
            shared = len(mine & theirs)
            if not shared:
                continue
            key = (shared / min(len(mine), len(theirs)), shared / len(mine | theirs))
            if key > best_key:
                best, best_key = term, key
        if best is not None and best_key[0] >= 0.5:
            return best
        term = synthetic_id(self.kind, label)
        self.names.setdefault(term, label)
        return term


class RegionMap:
    def __init__(self, regions: dict[int, tuple[str, str]]) -> None:
        self.by_name = {_plain(name): term for term, (name, _) in regions.items()}
        self.by_country: dict[str, set[int]] = {}
        for term, (_, country) in regions.items():
            self.by_country.setdefault(country, set()).add(term)
        self.countries = sorted({*self.by_country, *COUNTRIES.values(), *EU, *NORDICS})

    def _marker(self, country: str) -> int:
        return synthetic_id("country", country)

    def _whole(self, countries: list[str]) -> set[int]:
        if countries == ["*"]:
            countries = self.countries
        ids = {self._marker(c) for c in countries}
        for country in countries:
            ids |= self.by_country.get(country, set())
        return ids

    def need(self, label: str) -> set[int]:
        """Where the need is: its region (and its country, for companies serving all of it)."""
        return self._map(label, need=True)

    def capability(self, label: str) -> set[int]:
        """Where the company works: regions, or whole countries."""
        return self._map(label, need=False)

    def _map(self, label: str, *, need: bool) -> set[int]:
        plain = _plain(label)
        if plain in self.by_name:
            term = self.by_name[plain]
            country = next(c for c, terms in self.by_country.items() if term in terms)
            return {term, self._marker(country)} if need else {term}
        if plain in COUNTRIES:
            return self._whole([COUNTRIES[plain]])
        if plain in GROUPS:
            return self._whole(GROUPS[plain])
        for word in plain.split():
            place = CITIES.get(word)
            if place is None:
                continue
            if _plain(place) in self.by_name:
                return self._map(place, need=need) | {synthetic_id("region", label)}
            return {synthetic_id("region", label), self._marker(place)}  # a country code
        return {synthetic_id("region", label)}


@dataclass
class PlatformSet:
    needs: list[NeedDoc]
    capabilities: list[CapabilityDoc]
    need_keys: dict[int, str]
    cap_keys: dict[int, str]
    qrels: dict[str, dict[str, int]]
    regulatory_implies: dict[int, frozenset[int]]
    today: datetime.date


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def embedding_text(doc: NeedDoc | CapabilityDoc) -> str:
    """As the Django layer embeds an item: title, tag names, body."""
    parts = (doc.title, ", ".join(doc.tags), doc.body)
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def load_platform(
    directory: Path | str,
    *,
    taxonomy: Taxonomy | None = None,
    today: datetime.date | None = None,
    split: str = "test",
) -> PlatformSet:
    directory = Path(directory)
    taxonomy = taxonomy or default_taxonomy()
    areas = LabelMap("clinical_area", taxonomy.clinical_areas)
    settings = LabelMap("care_setting", taxonomy.care_settings)
    technology = LabelMap("technology", taxonomy.technology_types)
    regulatory = LabelMap("regulatory", taxonomy.regulatory_items)
    regions = RegionMap(taxonomy.regions)

    def tagged(row: dict) -> dict:
        mapped = {
            "clinical_areas": frozenset(areas(x) for x in row.get("clinical_areas") or ()),
            "care_settings": frozenset(settings(x) for x in row.get("care_settings") or ()),
            "technology_types": frozenset(technology(x) for x in row.get("technology_types") or ()),
        }
        names = (areas.names, settings.names, technology.names)
        tags = tuple(
            labels[term]
            for labels, key in zip(names, mapped, strict=True)
            for term in sorted(mapped[key])
        )
        return {**mapped, "tags": tags}

    needs, need_keys = [], {}
    for number, row in enumerate(read_jsonl(directory / "needs.jsonl"), start=1):
        body = "\n\n".join(
            row.get(key) or "" for key in ("summary", "description", "success_criteria")
        ).strip()
        needs.append(
            NeedDoc(
                id=number,
                title=row.get("title") or "",
                body=body,
                language=row.get("language") or "en",
                min_trl=row.get("min_trl"),
                required_regulatory=frozenset(
                    regulatory(x) for x in row.get("required_regulatory") or ()
                ),
                regions=frozenset(r for x in row.get("regions") or () for r in regions.need(x)),
                **tagged(row),
            )
        )
        need_keys[number] = str(row["_id"])
    capabilities, cap_keys, companies = [], {}, {}
    for number, row in enumerate(read_jsonl(directory / "capabilities.jsonl"), start=1):
        held = {}
        for entry in row.get("regulatory") or ():
            item, expires = regulatory(entry["item"]), _date(entry.get("expires"))
            if item in held and (held[item] is None or (expires and expires < held[item])):
                continue
            held[item] = expires
        languages = frozenset(row.get("languages") or ())
        capabilities.append(
            CapabilityDoc(
                id=number,
                title=row.get("title") or "",
                body=row.get("description") or "",
                language=_text_language(
                    row.get("title") or "", row.get("description") or "", languages
                ),
                trl=row.get("trl"),
                regulatory=held,
                regions=frozenset(
                    r for x in row.get("regions") or () for r in regions.capability(x)
                ),
                languages=languages,
                company_id=companies.setdefault(row.get("company", number), len(companies) + 1),
                **tagged(row),
            )
        )
        cap_keys[number] = str(row["_id"])
    qrels = read_qrels(directory / "qrels" / f"{split}.tsv")
    return PlatformSet(
        needs,
        capabilities,
        need_keys,
        cap_keys,
        qrels,
        regulatory_implications(regulatory.names),
        today or datetime.date.today(),
    )


def _text_language(title: str, body: str, languages: frozenset[str]) -> str:
    """The file does not say which language a capability's text is in: guessed from its stop
    words, among the languages the company works in (English when it lists none we know)."""
    candidates = [lang for lang in sorted(languages) if lang in STEMMER_NAMES] or ["en"]
    return guess_language(f"{title} {body}", candidates)
