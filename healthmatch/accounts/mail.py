"""Templated notification emails, one outbox row per recipient, written in the event's
transaction (see healthmatch/accounts/outbox/). Templates live in templates/email/:
<kind>_subject.txt, <kind>.txt and <kind>.html, rendered now, in each recipient's language.
"""

from healthmatch.accounts.outbox.services import enqueue, language_for, render_email

__all__ = ["notify", "render_email", "event_stamp"]


def event_stamp(moment) -> str:
    """A compact, stable part of an outbox key for an event that happened at ``moment``."""
    if moment is None:
        return "-"
    return str(int(moment.timestamp() * 1_000_000))


def notify(kind: str, users, context: dict, *, event: str, category: str) -> int:
    """Enqueue ``kind`` to each active user with an address, once per (kind, event, user):
    repeating the call for the same event writes nothing new. Returns the number of rows."""
    count = 0
    seen = set()
    for user in users:
        if not user.is_active or not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        enqueue(
            key=f"{kind}:{event}:{user.pk}",
            kind=kind,
            to=user.email,
            context={**context, "recipient": user},
            user=user,
            language=language_for(user),
            category=category,
        )
        count += 1
    return count
