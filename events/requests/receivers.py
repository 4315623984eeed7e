"""What meeting requests do when their event's registrations change (connected in
EventsConfig.ready())."""

from events.requests import services


def cancel_requests(sender, registration, actor, **kwargs):
    """A cancelled participant asks and meets nobody: their open requests are cancelled."""
    services.cancel_requests_of(registration, actor=actor)
