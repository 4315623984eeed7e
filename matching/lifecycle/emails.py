"""Who hears about a match's lifecycle. Each function runs inside the event's transaction and
writes one outbox row per recipient (rendered now); the outbox sends them after commit.

- match_mutual: the hub's coordinators, when both sides said "interested";
- introduction: the recipients ``introductions.recipients()`` chose for each side (its active
  members, else a company's contact people), the coordinator's text for their side;
- follow_up: the active members of both sides, with signed one-click answer links.
"""

import hashlib

from django.contrib.auth import get_user_model

from healthmatch.accounts.models import Membership
from healthmatch.mail.services import enqueue, event_stamp, language_for, notify

CATEGORY = "lifecycle"


def members_of(organisation_id):
    return (
        get_user_model()
        .objects.filter(
            memberships__in=Membership.objects.active().filter(organisation_id=organisation_id)
        )
        .order_by("pk")
    )


def buyer_side(match):
    return members_of(match.need.organisation_id)


def company_side(match):
    return members_of(match.capability.company.organisation_id)


def match_mutual(match, event):
    notify(
        "match_mutual",
        match.hub.coordinators.order_by("pk"),
        {"match": match, "need": match.need, "capability": match.capability},
        event=str(event.pk),
        category=CATEGORY,
    )


def introduction(match, intro, contacts, recipients) -> list:
    """One message per recipient (``recipients``: {side: [{"email", "name", "user"}]}): their
    side's text and the other side's contacts. Returns the outbox rows written."""
    rows = []
    stamp = event_stamp(intro.sent_at)
    bodies = {"buyer": intro.body_buyer, "company": intro.body_company}
    others = {"buyer": contacts["company"], "company": contacts["buyer"]}
    for side in ("buyer", "company"):
        for person in recipients[side]:
            user = person["user"]
            who = user.pk if user is not None else _address_key(person["email"])
            rows.append(
                enqueue(
                    key=f"introduction:{match.pk}:{stamp}:{who}",
                    kind="introduction",
                    to=person["email"],
                    context={
                        "recipient": user,
                        "recipient_name": person["name"],
                        "match": match,
                        "subject": intro.subject,
                        "body": bodies[side],
                        "side": side,
                        "contacts": others[side],
                    },
                    user=user,
                    language=language_for(user),
                    category=CATEGORY,
                )
            )
    return rows


def _address_key(address: str) -> str:
    """A short, stable stand-in for an address in an outbox key (keys have 255 characters)."""
    return "a" + hashlib.sha256(address.strip().lower().encode()).hexdigest()[:24]


def follow_up(match, links_for) -> int:
    """``links_for(user)`` gives the signed answer links of one recipient."""
    count = 0
    seen = set()
    for user in [*buyer_side(match), *company_side(match)]:
        if not user.is_active or not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        enqueue(
            key=f"follow_up:{match.pk}:{user.pk}",
            kind="follow_up",
            to=user.email,
            context={"recipient": user, "match": match, "links": links_for(user)},
            user=user,
            language=language_for(user),
            category=CATEGORY,
        )
        count += 1
    return count
