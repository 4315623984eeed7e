"""The registry of webhook event types: what an endpoint may subscribe to.

The kit names every type here and no app: the apps emit them (``services.emit``) from receivers
of their own domain events (``needs/webhooks.py``, ``matching/webhooks.py``,
``events/webhooks.py``). Adding a type: a line here, a receiver in the app that emits it, a row
in docs/api.md ("Webhooks").
"""

from django.utils.translation import gettext_lazy as _

# The test event an organisation administrator sends from the endpoint's page. Never
# subscribed to: it goes to one endpoint, when asked.
PING = "ping"

EVENT_TYPES = {
    "need.published": _("A need of your organisation was published"),
    "match.created": _("A new match was suggested for your organisation"),
    "match.mutual": _("Both sides of a match are interested"),
    "match.introduced": _("A coordinator introduced the two sides of a match"),
    "bid.submitted": _("A bid was submitted on a need"),
    "bid.decided": _("A bid was shortlisted, accepted or declined"),
    "event.registration.confirmed": _("A registration for an event was confirmed"),
    "event.meeting_request.received": _("A meeting request at an event was made"),
    "event.meeting_request.answered": _("A meeting request at an event was accepted or declined"),
}


def choices() -> list[tuple[str, str]]:
    """(type, label) pairs for a form's checkboxes, in the registry's order."""
    return [(name, f"{name} — {label}") for name, label in EVENT_TYPES.items()]


def is_known(event_type: str) -> bool:
    return event_type in EVENT_TYPES or event_type == PING
