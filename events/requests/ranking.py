"""The participant directory: the other side's confirmed participants, ranked by HealthMatch's
own match scores between what the viewer pitches or brings and what they do, with the "why meet"
in one line. Matches with mutual interest or approved by a coordinator (and every later step of
the lifecycle) come first, as "must meet". A fixed number of queries, however many rows.

The services use ``best_match`` too: a request keeps the best match of its pair (its score and
whether it is a must-meet), the value the scheduler later maximises."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from events.models import Registration
from events.requests.models import MeetingRequest
from healthmatch.bidi import format_isolated
from matching.engine.terms import meaningful_terms
from matching.explanations import REASONS, public_terms
from matching.models import Match
from matching.score_format import score_percent

MS = Match.Status
MUST_MEET_STATUSES = (
    MS.MUTUAL,
    MS.APPROVED,
    MS.INTRODUCED,
    MS.MET,
    MS.PILOT,
    MS.PROCUREMENT,
    MS.CONTRACT,
)
# Matches worth showing: suggested ones and the lifecycle's (never dismissed, retired or closed).
SHOWN_STATUSES = (MS.SUGGESTED, *MUST_MEET_STATUSES)
# The structured factors a person recognises at a glance ("same clinical area").
WHY_FACTORS = ("clinical_area", "technology", "care_setting", "maturity", "region")
STRONG = 0.6


@dataclass
class Pairing:
    """The best match between a buyer's pitched needs and a company's brought capabilities."""

    match: Match

    @property
    def must_meet(self) -> bool:
        return self.match.status in MUST_MEET_STATUSES

    @property
    def percent(self) -> int:
        return score_percent(self.match.score)

    @property
    def why(self) -> str:
        return why_meet(self.match)

    @property
    def why_html(self) -> str:
        return why_meet(self.match, html=True)


def _rank_key(match: Match):
    return (match.status in MUST_MEET_STATUSES, match.score)


def _fill(template, **values) -> str:
    return template % values


def why_meet(match: Match, *, html: bool = False) -> str:
    """One line a person reads in five seconds: the need and the capability, what fits, and the
    words they share (only words a confidential need's public teaser holds). With ``html`` (for
    pages) the line is escaped and the titles and the words isolated in ``<bdi>``, so a title
    written right to left cannot reorder the rest of the line (healthmatch/bidi.py)."""
    fill = format_isolated if html else _fill
    line = fill(
        _("“%(need)s” and “%(capability)s”"),
        need=match.need.title,
        capability=match.capability.title,
    )
    strong = [
        str(REASONS[key])
        for key in WHY_FACTORS
        if float((match.factors or {}).get(key, 0)) >= STRONG
    ][:2]
    terms = public_terms(meaningful_terms(match.shared_terms, limit=8), match.need)[:3]
    parts = [line]
    if strong:
        strong = [reason[:1].lower() + reason[1:] for reason in strong]
        parts.append(get_text_list(strong, _("and")))
    if terms:
        parts.append(fill(_("both about %(terms)s"), terms=", ".join(terms)))
    if html:
        return format_html_join(" · ", "{}", ((part,) for part in parts))
    return " · ".join(parts)


def _matches(need_ids, capability_ids):
    if not need_ids or not capability_ids:
        return []
    return list(
        Match.objects.filter(
            need_id__in=need_ids, capability_id__in=capability_ids, status__in=SHOWN_STATUSES
        ).select_related("need", "capability")
    )


def best_match(buyer: Registration, company: Registration, *, need=None, capability=None):
    """The best Pairing of the two registrations (optionally about one need or capability)."""
    need_ids = [need.pk] if need else list(buyer.pitched_needs.values_list("pk", flat=True))
    cap_ids = (
        [capability.pk] if capability else list(company.capabilities.values_list("pk", flat=True))
    )
    matches = _matches(need_ids, cap_ids)
    return Pairing(max(matches, key=_rank_key)) if matches else None


@dataclass
class Row:
    registration: Registration
    pairing: Pairing | None = None
    request: MeetingRequest | None = None

    @property
    def must_meet(self) -> bool:
        return bool(self.pairing and self.pairing.must_meet)

    @property
    def incoming(self) -> bool:
        return bool(self.request and self.request.to_registration_id != self.registration.pk)


def directory(event, viewer: Registration | None, *, query="", kind="", area=None) -> list[Row]:
    """The confirmed participants ``viewer`` may meet (the organisers, without a registration,
    see everybody), filtered by name or organisation, kind and clinical area, must-meets first,
    then by score, then by name."""
    others = event.registrations.confirmed().select_related("user", "organisation")
    if viewer is not None:
        others = others.exclude(organisation_id=viewer.organisation_id).exclude(kind=viewer.kind)
    elif kind:
        others = others.filter(kind=kind)
    if query:
        others = others.filter(
            Q(user__name__icontains=query)
            | Q(user__email__iexact=query)
            | Q(organisation__name__icontains=query)
        )
    if area is not None:
        others = others.filter(
            Q(pitched_needs__clinical_areas=area) | Q(capabilities__clinical_areas=area)
        ).distinct()
    others = list(others.prefetch_related("pitched_needs", "capabilities"))
    rows = {registration.pk: Row(registration) for registration in others}
    if viewer is None or not rows:
        return sorted(rows.values(), key=lambda row: row.registration.user.name.lower())

    if viewer.is_buyer:
        mine = [need.pk for need in viewer.pitched_needs.all()]
        theirs = {r.pk: {c.pk for c in r.capabilities.all()} for r in others}
        matches = _matches(mine, set().union(*theirs.values()))
        side = "capability_id"
    else:
        mine = [capability.pk for capability in viewer.capabilities.all()]
        theirs = {r.pk: {n.pk for n in r.pitched_needs.all()} for r in others}
        matches = _matches(set().union(*theirs.values()), mine)
        side = "need_id"
    for pk, ids in theirs.items():
        found = [match for match in matches if getattr(match, side) in ids]
        if found:
            rows[pk].pairing = Pairing(max(found, key=_rank_key))

    for meeting_request in (
        MeetingRequest.objects.filter(event=event)
        .filter(Q(from_registration=viewer) | Q(to_registration=viewer))
        .order_by("created_at", "pk")
    ):
        other = (
            meeting_request.to_registration_id
            if meeting_request.from_registration_id == viewer.pk
            else meeting_request.from_registration_id
        )
        row = rows.get(other)
        if row is not None and (row.request is None or not row.request.is_open):
            row.request = meeting_request  # the open one, else the latest

    def key(row):
        score = row.pairing.match.score if row.pairing else -1.0
        return (not row.must_meet, -score, row.registration.user.name.lower())

    return sorted(rows.values(), key=key)
