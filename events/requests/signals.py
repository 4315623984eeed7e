"""The meeting requests' domain events (docs/decisions.md, "Domain events")."""

from django.dispatch import Signal

# Sent by services.cancel_request and services.cancel_requests_of inside their transaction,
# the event row locked, with ``meeting_requests`` (now cancelled), ``registration`` (the side
# that cancelled) and ``actor``. Received by events.meetings.receivers: their meetings are
# deleted and the other side of each is told.
requests_cancelled = Signal()
