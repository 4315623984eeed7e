"""One email to each participant whose agenda a scheduler run changed, through the outbox,
inside the run's transaction. The run tells who changed (an unchanged re-run passes nobody);
the key names the run's moment and the new agenda, so repeating a call writes nothing new."""

import hashlib

from django.utils import timezone

from healthmatch.mail.services import event_stamp, notify

CATEGORY = "events"


def _digest(meetings) -> str:
    text = "|".join(f"{m.pk}:{m.starts_at.isoformat()}:{m.table_id}" for m in meetings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _other(meeting_request, registration):
    if meeting_request.from_registration_id == registration.pk:
        return meeting_request.to_registration
    return meeting_request.from_registration


def agenda_changed(event, registrations, meetings, *, removed=None, now=None) -> int:
    """``removed`` maps a registration's pk to the MeetingRequests whose meeting that person
    lost (listed in the email as cancelled)."""
    stamp = event_stamp(now or timezone.now())
    removed = removed or {}
    count = 0
    for registration in registrations:
        gone = removed.get(registration.pk, [])
        mine = sorted(
            (
                m
                for m in meetings
                if registration.pk in (m.request.from_registration_id, m.request.to_registration_id)
            ),
            key=lambda m: (m.starts_at, m.pk),
        )
        count += notify(
            "meeting_agenda_changed",
            [registration.user],
            {
                "event": event,
                "registration": registration,
                "rows": [(m, m.other(registration)) for m in mine],
                "removed": [(r, _other(r, registration)) for r in gone],
                "zone": event.time_zone,
            },
            event=f"{event.pk}:{registration.pk}:{stamp}:{_digest(mine)}"
            + "".join(f":-{r.pk}" for r in gone),
            category=CATEGORY,
        )
    return count
