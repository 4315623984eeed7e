"""Who hears what about an event. Each function runs inside the service's transaction and writes
one outbox row per recipient (rendered now, in the recipient's language); the outbox sends them
after commit. Keys name the registration (or message) and the moment, so repeating an event
writes nothing new and a second registration after a cancel is a new email.
"""

from django.contrib.auth import get_user_model

from healthmatch.mail.services import event_stamp, notify

CATEGORY = "events"


def registration_confirmed(registration):
    notify(
        "event_registration_confirmed",
        [registration.user],
        {"registration": registration, "event": registration.event},
        event=f"{registration.pk}:{event_stamp(registration.confirmed_at)}",
        category=CATEGORY,
    )


def registration_waitlisted(registration, position: int):
    notify(
        "event_registration_waitlisted",
        [registration.user],
        {"registration": registration, "event": registration.event, "position": position},
        event=f"{registration.pk}:{event_stamp(registration.waitlisted_at)}",
        category=CATEGORY,
    )


def registration_promoted(registration):
    notify(
        "event_registration_promoted",
        [registration.user],
        {"registration": registration, "event": registration.event},
        event=f"{registration.pk}:{event_stamp(registration.confirmed_at)}",
        category=CATEGORY,
    )


def event_cancelled(event, registrations):
    notify(
        "event_cancelled",
        [registration.user for registration in registrations],
        {"event": event},
        event=f"{event.pk}:{event_stamp(event.cancelled_at)}",
        category=CATEGORY,
    )


def event_message(message, registrations) -> int:
    users = get_user_model().objects.filter(
        pk__in=[registration.user_id for registration in registrations]
    )
    return notify(
        "event_message",
        users.order_by("pk"),
        {"event": message.event, "message": message},
        event=str(message.pk),
        category=CATEGORY,
    )
