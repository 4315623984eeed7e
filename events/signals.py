"""The events' domain events (docs/decisions.md, "Domain events"): sent by events.services,
received by the sub-domains that build on it (connected in ``EventsConfig.ready()``)."""

from django.dispatch import Signal

# Sent by services.cancel_registration inside its transaction, the event row locked, with
# ``registration`` (now cancelled) and ``actor``. Received by events.requests.receivers: the
# registration's open requests are cancelled (and with them their meetings).
registration_cancelled = Signal()

# Sent by services.register (a seat was free) and by the waiting list's promotion
# (cancel_registration, and whatever frees a seat) inside their transaction, with
# ``registration`` (now confirmed). Received by events.webhooks: the
# ``event.registration.confirmed`` webhook.
registration_confirmed = Signal()
