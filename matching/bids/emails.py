"""Who hears about a bid. Each function runs inside the event's transaction and writes one
outbox row per recipient (rendered now); the outbox sends them after commit.

- bid_submitted / bid_withdrawn: the active members of the need's organisation;
- bid_decided (shortlisted, accepted, declined): the active members of the bidding company,
  with the feedback.
"""

from django.contrib.auth import get_user_model

from healthmatch.accounts.models import Membership
from healthmatch.mail.services import event_stamp, notify

CATEGORY = "bids"


def _members(organisation_id):
    return (
        get_user_model()
        .objects.filter(
            memberships__in=Membership.objects.active().filter(organisation_id=organisation_id)
        )
        .order_by("pk")
    )


def bid_submitted(bid):
    notify(
        "bid_submitted",
        _members(bid.need.organisation_id),
        {"bid": bid, "need": bid.need, "company": bid.company},
        event=f"{bid.pk}:{event_stamp(bid.submitted_at)}",
        category=CATEGORY,
    )


def bid_withdrawn(bid):
    notify(
        "bid_withdrawn",
        _members(bid.need.organisation_id),
        {"bid": bid, "need": bid.need, "company": bid.company},
        event=f"{bid.pk}:{event_stamp(bid.updated_at)}",
        category=CATEGORY,
    )


def bid_decided(bid, event) -> int:
    """Takes the BidEvent, so the email carries exactly the decision and feedback given then.
    Returns the number of emails written."""
    return notify(
        "bid_decided",
        _members(bid.company_id),
        {
            "bid": bid,
            "need": bid.need,
            "company": bid.company,
            "state": event.to_state,
            "feedback": event.note,
        },
        event=str(event.pk),
        category=CATEGORY,
    )
