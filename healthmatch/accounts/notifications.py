"""Who hears about account events. Each function runs inside the event's transaction and writes
one outbox row per recipient (rendered now); the outbox sends them after commit."""

from django.contrib.auth import get_user_model

from healthmatch.accounts.models import Membership
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


def membership_requested(membership):
    notify(
        "membership_requested",
        _admins(membership.organisation).order_by("pk"),
        {"membership": membership},
        event=f"{membership.pk}:{event_stamp(membership.created_at)}",
        category=CATEGORY,
    )


def membership_decided(membership):
    notify(
        "membership_decided",
        [membership.user],
        {"membership": membership},
        event=f"{membership.pk}:{event_stamp(membership.decided_at)}",
        category=CATEGORY,
    )


def organisation_verified(org):
    notify(
        "organisation_verified",
        _members(org).order_by("pk"),
        {"organisation": org},
        event=f"{org.pk}:{event_stamp(org.verified_at)}",
        category=CATEGORY,
    )
