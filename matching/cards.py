"""Match cards for pages: the suggested companies of a need (for its owners and the hub's
coordinators) and the needs for a company (for its members), each with the score broken down
into factors, the shared terms and the gaps in words. A fixed number of queries per list.

Confidential needs are matched, but a company that may not read a need's details sees only its
teaser: title and summary, the factors based on public information, the shared terms that occur
in the title or summary (never a word only the description holds) and the gaps about the public
tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from matching.explanations import Explanation, FactorRow, explain, regulatory_names
from matching.models import Match
from matching.runs.config import Configs
from matching.score_format import score_percent
from needs.access import is_owner
from needs.models import Need
from needs.services import can_manage

NEEDS_PER_CAPABILITY = 5


@dataclass
class Card:
    match: Match
    explanation: Explanation
    teaser_only: bool = False
    can_dismiss: bool = False
    body: str = ""  # the rendered card, where a page caches it (card_html.py)

    @property
    def factors(self) -> list[FactorRow]:
        return self.explanation.factors

    @property
    def shared_terms(self) -> list[str]:
        return self.explanation.shared_terms

    @property
    def gaps(self) -> list[str]:
        return self.explanation.gaps

    @property
    def score_percent(self) -> int:
        return score_percent(self.match.score)


@dataclass
class CapabilityNeeds:
    capability: Capability
    cards: list[Card] = field(default_factory=list)


def _card(match, items, *, teaser_only=False, can_dismiss=False) -> Card:
    return Card(
        match=match,
        explanation=explain(match, items=items, teaser_only=teaser_only),
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
    items = regulatory_names(m.gaps for m in matches)
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
    items = regulatory_names(m.gaps for m in matches)
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
    items = regulatory_names(m.gaps for m in matches)
    return {m.pk: _card(m, items, teaser_only=m.need_id not in readable) for m in matches}
