"""Two organisers running the scheduler at the same moment make one schedule: the second
waits on the event's row and then finds the first one's meetings (nothing to change, no
second round of emails). Needs PostgreSQL (see tests/events/test_concurrency.py)."""

import pytest

from events.meetings import services
from events.meetings.models import Meeting
from tests.events.conftest import outbox
from tests.events.test_concurrency import _race, postgres_only


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_organisers_at_once_make_one_schedule(event, requests, coordinator, superuser):
    results = _race(
        [
            lambda: services.run_scheduler(event, actor=coordinator),
            lambda: services.run_scheduler(event, actor=superuser),
        ]
    )

    assert all(isinstance(r, services.Summary) for r in results), results
    assert sorted(r.scheduled for r in results) == [2, 2]
    assert sorted(r.emailed for r in results) == [0, 3]
    assert Meeting.objects.count() == 2
    assert len(outbox("meeting_agenda_changed")) == 3
