"""Who hears what about a meeting request, through the outbox, inside the service's
transaction: the person asked hears of the request (with the "why meet"), the asker hears of
the answer. Keys name the request and its moment, so repeating an event writes nothing new."""

from healthmatch.mail.services import event_stamp, notify

CATEGORY = "events"


def _context(meeting_request, **extra):
    return {
        "meeting_request": meeting_request,
        "event": meeting_request.event,
        "asker": meeting_request.from_registration,
        "asked": meeting_request.to_registration,
        **extra,
    }


def request_received(meeting_request, pairing=None):
    # The pairing, not its "why meet": the line is written while the email renders, in the
    # recipient's language (not the asker's).
    notify(
        "meeting_request_received",
        [meeting_request.to_registration.user],
        _context(meeting_request, pairing=pairing),
        event=f"{meeting_request.pk}:{event_stamp(meeting_request.created_at)}",
        category=CATEGORY,
    )


def request_accepted(meeting_request):
    notify(
        "meeting_request_accepted",
        [meeting_request.from_registration.user],
        _context(meeting_request),
        event=f"{meeting_request.pk}:{event_stamp(meeting_request.answered_at)}",
        category=CATEGORY,
    )


def request_declined(meeting_request):
    notify(
        "meeting_request_declined",
        [meeting_request.from_registration.user],
        _context(meeting_request),
        event=f"{meeting_request.pk}:{event_stamp(meeting_request.answered_at)}",
        category=CATEGORY,
    )


def request_expired(meeting_request):
    """Once per request: the key names the request only."""
    notify(
        "meeting_request_expired",
        [meeting_request.from_registration.user],
        _context(meeting_request),
        event=f"{meeting_request.pk}",
        category=CATEGORY,
    )
