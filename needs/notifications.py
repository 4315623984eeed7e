"""Who hears about a need's lifecycle. Each function runs inside the event's transaction and
writes one outbox row per recipient (rendered now); the outbox sends them after commit.

- need_submitted: the hub's coordinators, who review it;
- need_published / need_returned: the active members of the owning organisation.
"""

from django.contrib.auth import get_user_model

from healthmatch.accounts.models import Membership
from healthmatch.mail.services import event_stamp, notify

CATEGORY = "needs"


def _members(need):
    return (
        get_user_model()
        .objects.filter(
            memberships__in=Membership.objects.active().filter(organisation_id=need.organisation_id)
        )
        .order_by("pk")
    )


def need_submitted(need):
    notify(
        "need_submitted",
        need.hub.coordinators.order_by("pk"),
        {"need": need},
        event=f"{need.pk}:{event_stamp(need.submitted_at)}",
        category=CATEGORY,
    )


def need_published(need):
    notify(
        "need_published",
        _members(need),
        {"need": need},
        event=f"{need.pk}:{event_stamp(need.published_at)}",
        category=CATEGORY,
    )


def need_returned(change):
    """Takes the status change, so the email carries exactly the comment given then."""
    notify(
        "need_returned",
        _members(change.need),
        {"need": change.need, "comment": change.comment, "coordinator": change.actor},
        event=str(change.pk),
        category=CATEGORY,
    )
