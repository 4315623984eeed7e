"""One email to each participant whose agenda a scheduler run changed, through the outbox,
inside the run's transaction. The key holds a digest of the agenda itself, so a re-run that
leaves someone's agenda as it was writes nothing for them, and a later change writes anew."""

import hashlib

from healthmatch.mail.services import notify

CATEGORY = "events"


def _digest(meetings) -> str:
    text = "|".join(f"{m.pk}:{m.starts_at.isoformat()}:{m.table_id}" for m in meetings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def agenda_changed(event, registrations, meetings) -> int:
    count = 0
    for registration in registrations:
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
                "zone": event.time_zone,
            },
            event=f"{event.pk}:{registration.pk}:{_digest(mine)}",
            category=CATEGORY,
        )
    return count
