"""What meetings do when their requests change (connected in EventsConfig.ready())."""

from events.meetings import changes


def release_meetings(sender, meeting_requests, registration, actor, **kwargs):
    """Cancelled requests lose their meetings; the other side of each is told."""
    changes.release(meeting_requests, by=registration)
