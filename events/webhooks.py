"""The events' webhooks (docs/api.md, "Webhooks"): receivers of the events' domain events
(``events/signals.py``, ``events/requests/signals.py``) that emit through the core's webhooks
kit, connected in EventsConfig.ready(). Each goes to the participants' organisations
concerned, with ids, states and API URLs only.

- ``event.registration.confirmed``: the registration's organisation;
- ``event.meeting_request.received`` and ``event.meeting_request.answered``: the organisations
  of both participants.
"""

from healthmatch.webhooks.services import api_url, emit


def _event(event_id: int) -> dict:
    return {"id": event_id, "url": api_url(f"events/{event_id}/")}


def registration_data(registration) -> dict:
    return {
        "event": _event(registration.event_id),
        "registration": {
            "id": registration.pk,
            "status": registration.status,
            "kind": registration.kind,
            "organisation": {"id": registration.organisation_id},
            # The API shows a registration to its own participant only (their token).
            "url": api_url(f"events/{registration.event_id}/registration/"),
        },
    }


def request_data(meeting_request) -> dict:
    return {
        "event": _event(meeting_request.event_id),
        "meeting_request": {
            "id": meeting_request.pk,
            "status": meeting_request.status,
            "from_organisation": {"id": meeting_request.from_registration.organisation_id},
            "to_organisation": {"id": meeting_request.to_registration.organisation_id},
            "url": api_url(f"events/{meeting_request.event_id}/requests/{meeting_request.pk}/"),
        },
    }


def _sides(meeting_request) -> list[int]:
    return [
        meeting_request.from_registration.organisation_id,
        meeting_request.to_registration.organisation_id,
    ]


def registration_confirmed(sender, registration, bulk=False, **kwargs):
    emit(
        "event.registration.confirmed",
        [registration.organisation_id],
        registration_data(registration),
        bulk=bulk,
    )


def meeting_requested(sender, meeting_request, bulk=False, **kwargs):
    emit(
        "event.meeting_request.received",
        _sides(meeting_request),
        request_data(meeting_request),
        bulk=bulk,
    )


def meeting_request_answered(sender, meeting_request, bulk=False, **kwargs):
    emit(
        "event.meeting_request.answered",
        _sides(meeting_request),
        request_data(meeting_request),
        bulk=bulk,
    )


def connect():
    """Called once by EventsConfig.ready(). The table in docs/decisions.md, "Domain events"."""
    from events import signals
    from events.requests import signals as requests

    for event, receiver in (
        (signals.registration_confirmed, registration_confirmed),
        (requests.meeting_requested, meeting_requested),
        (requests.meeting_request_answered, meeting_request_answered),
    ):
        event.connect(receiver, dispatch_uid=f"events.webhooks.{receiver.__name__}")
