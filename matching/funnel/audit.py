"""The audit trail of a hub: every status change of its needs (NeedStatusChange), matches
(MatchEvent) and bids (BidEvent), and every look at a confidential need's details
(NeedDetailView), merged by time.

The four tables are combined in the database with one UNION ordered by time, so the page
paginates over millions of rows without loading them; only the rows of the shown page are then
fetched with their need, company and actor (one query per kind).
"""

import datetime

from django.db.models import CharField, F, Value
from django.utils.translation import gettext_lazy as _

from matching.bids.models import BidEvent
from matching.funnel.services import period_bounds
from matching.lifecycle.models import MatchEvent
from needs.models import NeedDetailView, NeedStatusChange

KINDS = {
    # kind: (label, model, time field, hub path, related rows to load for display)
    "need": (_("Need status"), NeedStatusChange, "created_at", "need__hub", ("need", "actor")),
    "match": (
        _("Match status"),
        MatchEvent,
        "created_at",
        "match__hub",
        ("match__need", "match__capability__company__organisation", "actor"),
    ),
    "bid": (
        _("Bid state"),
        BidEvent,
        "created_at",
        "bid__need__hub",
        ("bid__need", "bid__company", "actor"),
    ),
    "view": (
        _("Confidential need viewed"),
        NeedDetailView,
        "viewed_at",
        "need__hub",
        ("need", "user"),
    ),
}
KIND_CHOICES = [(kind, label) for kind, (label, *_rest) in KINDS.items()]


def trail(hubs, *, kinds=None, start: datetime.date | None = None, end=None):
    """A queryset of ``(at, kind, pk)`` rows, newest first, over ``hubs``."""
    hubs = list(hubs)
    parts = []
    for kind in kinds or KINDS:
        _label, model, at, hub_path, _related = KINDS[kind]
        qs = model.objects.filter(**{f"{hub_path}__in": hubs})
        if start is not None:
            qs = qs.filter(**{f"{at}__gte": period_bounds(start, start)[0]})
        if end is not None:
            qs = qs.filter(**{f"{at}__lt": period_bounds(end, end)[1]})
        parts.append(
            qs.order_by()
            .annotate(at=F(at), kind=Value(kind, output_field=CharField()))
            .values_list("at", "kind", "pk")
        )
    first, *rest = parts
    return (
        first.union(*rest, all=True).order_by("-at", "-kind", "-pk")
        if rest
        else first.order_by("-at", "-pk")
    )


def entries(rows) -> list[dict]:
    """Turn a page of ``(at, kind, pk)`` rows into what the page shows."""
    wanted: dict[str, list[int]] = {}
    for _at, kind, pk in rows:
        wanted.setdefault(kind, []).append(pk)
    loaded = {}
    for kind, pks in wanted.items():
        _label, model, _at, _hub, related = KINDS[kind]
        for obj in model.objects.select_related(*related).filter(pk__in=pks):
            loaded[kind, obj.pk] = obj
    result = []
    for at, kind, pk in rows:
        obj = loaded.get((kind, pk))
        if obj is not None:
            result.append(
                {"at": at, "kind": kind, "kind_label": KINDS[kind][0], **_describe(kind, obj)}
            )
    return result


def _describe(kind, obj) -> dict:
    if kind == "need":
        return {
            "need": obj.need,
            "subject": obj.need.title,
            "change": _change(obj.get_from_status_display(), obj.get_to_status_display()),
            "actor": obj.actor,
            "note": obj.comment,
        }
    if kind == "match":
        return {
            "need": obj.match.need,
            "match": obj.match,
            "subject": str(obj.match),  # "<need> ↔ <company>", as everywhere
            "change": _change(obj.get_from_status_display(), obj.get_to_status_display()),
            "actor": obj.actor,
            "note": obj.note,
            "internal_note": obj.internal_note,
        }
    if kind == "bid":
        return {
            "need": obj.bid.need,
            "subject": f"{obj.bid.company.name} → {obj.bid.need.title}",
            "change": _change(obj.get_from_state_display(), obj.get_to_state_display()),
            "actor": obj.actor,
            "note": obj.note,
        }
    return {
        "need": obj.need,
        "subject": obj.need.title,
        "change": str(_("details viewed")),
        "actor": obj.user,
        "note": "",
    }


def _change(before, after) -> str:
    return f"{before or '–'} → {after}"
