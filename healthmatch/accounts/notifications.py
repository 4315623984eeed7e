"""Who hears about account events. Each function runs inside the event's transaction and writes
one outbox row per recipient (rendered now); the outbox sends them after commit."""

from django.contrib.auth import get_user_model

from healthmatch.accounts.models import Membership
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.services import event_stamp, notify

CATEGORY = "account"


def _admins(org):
    return get_user_model().objects.filter(
        memberships__in=Membership.objects.active().filter(
            organisation=org, role=Membership.Role.ADMIN
        )
    )


def _members(org):
    return get_user_model().objects.filter(
        memberships__in=Membership.objects.active().filter(organisation=org)
    )


def organisation_created(org):
    """The hub's coordinators review and verify the new organisation."""
    notify(
        "organisation_created",
        org.hub.coordinators.order_by("pk"),
        {"organisation": org},
        event=str(org.pk),
        category=CATEGORY,
    )


ADMINS, COORDINATORS = "admins", "coordinators"


def membership_requested(membership) -> tuple[str, int]:
    """The organisation's administrators decide; an organisation nobody administers yet (a
    listed company that never signed up) has its hub's coordinators decide, in the admin.
    Returns (who: "admins" or "coordinators", the number of emails written)."""
    org = membership.organisation
    admins = _admins(org).filter(is_active=True).exclude(email="").order_by("pk")
    who, people = ADMINS, admins
    if not admins.exists():
        who, people = COORDINATORS, org.hub.coordinators.order_by("pk")
    count = notify(
        "membership_requested",
        people,
        {"membership": membership, "for_coordinators": who == COORDINATORS},
        event=f"{membership.pk}:{event_stamp(membership.created_at)}",
        category=CATEGORY,
    )
    return who, count


def membership_decided(membership):
    notify(
        "membership_decided",
        [membership.user],
        {"membership": membership},
        event=f"{membership.pk}:{event_stamp(membership.decided_at)}",
        category=CATEGORY,
    )


def organisation_verified(org) -> int:
    return notify(
        "organisation_verified",
        _members(org).order_by("pk"),
        {"organisation": org},
        event=_verified_event(org),
        category=CATEGORY,
    )


def _verified_event(org) -> str:
    return f"{org.pk}:{event_stamp(org.verified_at)}"


def verification_notices(org) -> int:
    """How many emails the organisation's latest verification wrote to the outbox (the rows
    themselves, so a confirmation never claims an email that was not written)."""
    if org.verified_at is None:
        return 0
    prefix = f"organisation_verified:{_verified_event(org)}:"
    rows = OutboxMessage.objects.filter(kind="organisation_verified", key__startswith=prefix)
    return rows.count()
