"""The admin: "Run the meeting scheduler" on events (summary as a message), and the meetings'
read-only list scoped to the hub, with lock and unlock."""

import pytest
from django.urls import reverse

from events.meetings.models import Meeting
from tests.events.meetings.conftest import accepted

pytestmark = pytest.mark.django_db


def _run(client, event):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": "run_scheduler_selected", "_selected_action": [event.pk]},
        follow=True,
    )


def test_coordinator_runs_the_scheduler_and_locks(coordinator_client, event, requests):
    page = _run(coordinator_client, event).content.decode()
    assert "2 meetings scheduled" in page and "proved optimal" in page
    assert Meeting.objects.count() == 2
    changelist = reverse("admin:events_meeting_changelist")
    listing = coordinator_client.get(changelist)
    assert listing.status_code == 200 and "Olivia Owner" in listing.content.decode()
    ids = list(Meeting.objects.values_list("pk", flat=True))
    coordinator_client.post(changelist, {"action": "lock_selected", "_selected_action": ids})
    assert Meeting.objects.filter(locked=True).count() == 2
    coordinator_client.post(changelist, {"action": "unlock_selected", "_selected_action": ids})
    assert not Meeting.objects.filter(locked=True).exists()
    meeting = Meeting.objects.first()
    change = coordinator_client.get(reverse("admin:events_meeting_change", args=[meeting.pk]))
    assert 'name="_save"' not in change.content.decode()


def test_unscheduled_requests_listed_with_their_reason(
    coordinator_client, event, requests, member_reg, company_reg
):
    late = accepted(member_reg, company_reg, score=0.1)
    page = _run(coordinator_client, event).content.decode()
    assert "Left out: no table free: 1." in page
    listing = coordinator_client.get(reverse("admin:events_unplaced_changelist")).content.decode()
    assert "In 1 of the slots where both participants are free, every table is taken." in listing
    assert str(late) in listing


def test_coordinator_of_another_hub_is_refused(client, other_coordinator, event, requests):
    client.force_login(other_coordinator)
    _run(client, event)
    assert not Meeting.objects.exists()
    client.force_login(other_coordinator)
    assert client.get(reverse("admin:events_meeting_changelist")).status_code == 200
