"""The meeting requests' domain events (docs/decisions.md, "Domain events")."""

from django.dispatch import Signal

# Sent by services.cancel_request and services.cancel_requests_of inside their transaction,
# the event row locked, with ``meeting_requests`` (now cancelled), ``registration`` (the side
# that cancelled) and ``actor``. Received by events.meetings.receivers: their meetings are
# deleted and the other side of each is told.
requests_cancelled = Signal()

# Sent by services.request_meeting inside its transaction with ``meeting_request`` (pending,
# or accepted at once on an opt-out event). Received by events.webhooks.
meeting_requested = Signal()

# Sent by services.accept and services.decline (and request_meeting on an opt-out event, where
# a request is accepted at once) inside their transaction with ``meeting_request`` (accepted or
# declined). Received by events.webhooks.
meeting_request_answered = Signal()
