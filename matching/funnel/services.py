"""The funnel of one or more hubs over a period, computed from the database.

Definitions (also in docs/decisions.md, "The funnel"):

- The cohort is the needs of the hubs *published* in the period (``published_at`` from the first
  day 00:00 to the day after the last, local time), whatever happened to them since.
- "Matched": the need has at least one match (any status: a later dismissal does not undo it).
- A later stage is counted per need and per match from ``MatchEvent.to_status``: a match has
  reached a stage when one of its events moved it to that stage *or any later one* (a match
  approved and introduced without ever being "mutual" has still passed the mutual/approved
  step), so the funnel never widens. A need has reached a stage when one of its matches has.
  Everything counts up to now, not up to the end of the period: the period picks the cohort.
- Conversion: the share of the previous stage's needs that reached this stage.
- Bids per need: bids submitted on the cohort's needs (submitted, shortlisted, accepted or
  declined; drafts and withdrawn bids are not counted) divided by the needs posted.
- Time to first match: the median, over cohort needs with a match, of the hours from
  ``published_at`` to the earliest ``Match.first_seen_at`` (never below zero).
"""

import datetime
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.bids.models import Bid
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from needs.models import Need

S = Match.Status

# The lifecycle stages after "matched", in order; each has the statuses that mean "reached it".
LIFECYCLE = (
    ("mutual", _("Mutual / approved"), (S.MUTUAL, S.APPROVED)),
    ("introduced", _("Introduced"), (S.INTRODUCED,)),
    ("met", _("Meeting held"), (S.MET,)),
    ("pilot", _("Pilot"), (S.PILOT,)),
    ("procurement", _("Procurement"), (S.PROCUREMENT,)),
    ("contract", _("Contract"), (S.CONTRACT,)),
)
COUNTED_BID_STATES = ("submitted", "shortlisted", "accepted", "declined")


@dataclass
class Stage:
    key: str
    label: str
    needs: int
    matches: int | None  # None for "posted": a need is not a match
    conversion: float | None = None  # needs at this stage / needs at the previous one


@dataclass
class Funnel:
    hubs: list
    start: datetime.date
    end: datetime.date
    stages: list[Stage] = field(default_factory=list)
    bids: int = 0
    needs_with_bids: int = 0
    bids_per_need: float | None = None
    median_hours_to_first_match: float | None = None

    @property
    def posted(self) -> int:
        return self.stages[0].needs if self.stages else 0


def period_bounds(start: datetime.date, end: datetime.date):
    """Aware datetimes [first day 00:00, the day after the last 00:00) in the local zone."""
    tz = timezone.get_current_timezone()
    lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    upper = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return lower, upper


def cohort(hubs, start: datetime.date, end: datetime.date):
    """The needs of ``hubs`` published in the period."""
    lower, upper = period_bounds(start, end)
    return Need.objects.filter(hub__in=list(hubs), published_at__gte=lower, published_at__lt=upper)


def _stage_reach(need_ids) -> tuple[dict[str, set], dict[str, set]]:
    """For each lifecycle stage: the needs and the matches that reached it (or later)."""
    order = {status: i for i, (_k, _l, statuses) in enumerate(LIFECYCLE) for status in statuses}
    furthest: dict[int, int] = {}
    need_of: dict[int, int] = {}
    rows = (
        MatchEvent.objects.filter(match__need_id__in=need_ids, to_status__in=order.keys())
        .values_list("match_id", "match__need_id", "to_status")
        .distinct()
    )
    for match_id, need_id, status in rows:
        need_of[match_id] = need_id
        furthest[match_id] = max(furthest.get(match_id, -1), order[status])
    needs = {key: set() for key, _l, _s in LIFECYCLE}
    matches = {key: set() for key, _l, _s in LIFECYCLE}
    for match_id, reached in furthest.items():
        for key, _label, _statuses in LIFECYCLE[: reached + 1]:
            matches[key].add(match_id)
            needs[key].add(need_of[match_id])
    return needs, matches


def _median_hours(pairs) -> float | None:
    hours = [
        max((first - published).total_seconds() / 3600, 0.0)
        for published, first in pairs
        if first is not None
    ]
    return round(statistics.median(hours), 1) if hours else None


def compute_funnel(hubs, start: datetime.date, end: datetime.date) -> Funnel:
    """The funnel of the needs of ``hubs`` published from ``start`` to ``end`` (dates,
    inclusive). Three queries whatever the size."""
    hubs = list(hubs)
    needs = cohort(hubs, start, end)
    rows = list(
        needs.annotate(
            first_match=Min("matches__first_seen_at"),
            match_count=Count("matches", distinct=True),
        ).values_list("pk", "published_at", "first_match", "match_count")
    )
    need_ids = [pk for pk, *_rest in rows]
    posted = len(rows)
    matched = sum(1 for *_rest, count in rows if count)
    reached_needs, reached_matches = _stage_reach(need_ids)

    funnel = Funnel(hubs=hubs, start=start, end=end)
    funnel.stages.append(Stage("posted", str(_("Needs posted")), posted, None))
    funnel.stages.append(
        Stage("matched", str(_("Matched")), matched, sum(count for *_r, count in rows))
    )
    for key, label, _statuses in LIFECYCLE:
        funnel.stages.append(
            Stage(key, str(label), len(reached_needs[key]), len(reached_matches[key]))
        )
    for previous, stage in pairwise(funnel.stages):
        stage.conversion = stage.needs / previous.needs if previous.needs else None

    bids = Bid.objects.filter(need_id__in=need_ids, state__in=COUNTED_BID_STATES).aggregate(
        total=Count("pk"), needs=Count("need", distinct=True)
    )
    funnel.bids = bids["total"]
    funnel.needs_with_bids = bids["needs"]
    funnel.bids_per_need = round(funnel.bids / posted, 2) if posted else None
    funnel.median_hours_to_first_match = _median_hours(
        (published, first) for _pk, published, first, _count in rows
    )
    return funnel
