"""Matching's webhooks (docs/api.md, "Webhooks"): receivers of matching's own domain events
(``matching/signals.py``) that emit through the core's webhooks kit, connected in
MatchingConfig.ready(). Each payload holds ids, states and API URLs: nothing either side may
not see.

- ``match.mutual`` and ``match.introduced``: both sides' organisations (the need's and the
  capability's company);
- ``bid.submitted`` and ``bid.decided``: the need's organisation and the bidding company.
"""

from healthmatch.webhooks.services import api_url, emit
from matching.bids.models import Bid
from matching.models import Match

MATCH_EVENTS = {Match.Status.MUTUAL: "match.mutual", Match.Status.INTRODUCED: "match.introduced"}


def match_data(match: Match) -> dict:
    return {
        "match": {"id": match.pk, "status": match.status, "url": api_url(f"matches/{match.pk}/")},
        "need": {"id": match.need_id, "url": api_url(f"needs/{match.need_id}/")},
        "capability": {
            "id": match.capability_id,
            "url": api_url(f"capabilities/{match.capability_id}/"),
        },
    }


def bid_data(bid: Bid) -> dict:
    return {
        "bid": {"id": bid.pk, "state": bid.state, "url": api_url(f"bids/{bid.pk}/")},
        "need": {"id": bid.need_id, "url": api_url(f"needs/{bid.need_id}/")},
        "company": {"id": bid.company_id},
    }


def match_status_changed(sender, match, to_status, bulk=False, **kwargs):
    event_type = MATCH_EVENTS.get(to_status)
    if event_type is None or bulk:
        return
    company = match.capability.company.organisation_id
    emit(event_type, [match.need.organisation_id, company], match_data(match))


def bid_submitted(sender, bid, bulk=False, **kwargs):
    emit("bid.submitted", [bid.need.organisation_id, bid.company_id], bid_data(bid), bulk=bulk)


def bid_decided(sender, bid, bulk=False, **kwargs):
    emit("bid.decided", [bid.need.organisation_id, bid.company_id], bid_data(bid), bulk=bulk)


def connect():
    """Called once by MatchingConfig.ready(). The table in docs/decisions.md, "Domain events"."""
    from matching import signals

    for event, sender, receiver in (
        (signals.match_status_changed, Match, match_status_changed),
        (signals.bid_submitted, Bid, bid_submitted),
        (signals.bid_decided, Bid, bid_decided),
    ):
        event.connect(
            receiver, sender=sender, dispatch_uid=f"matching.webhooks.{receiver.__name__}"
        )
