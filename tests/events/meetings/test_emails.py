"""One email to each participant whose agenda a run changed, text and HTML, times in the
event's zone; an unchanged re-run sends nothing, a change sends again to those it touches."""

import pytest

from events.meetings import services
from events.meetings.models import Meeting
from tests.events.conftest import outbox
from tests.events.meetings.conftest import accepted

pytestmark = pytest.mark.django_db
KIND = "meeting_agenda_changed"


def test_one_email_per_changed_agenda_and_none_on_an_unchanged_rerun(
    event, requests, owner, company_owner, member_reg, coordinator
):
    summary = services.run_scheduler(event, actor=coordinator)

    sent = outbox(KIND)
    assert summary.emailed == 3
    assert sorted(m.to_email for m in sent) == sorted(
        [owner.email, company_owner.email, "ceo@walkwise.example"]
    )  # the colleague without meetings hears nothing
    mine = outbox(KIND, to=owner.email)[0]
    assert "Welfare Tech Matchmaking Day" in mine.subject
    first = Meeting.objects.order_by("starts_at").first()
    assert first.starts_at.hour == 8  # UTC in winter: 09:00 in Copenhagen
    for part in (mine.text, mine.html):
        assert "09:00" in part and "Cecilie CEO" in part and "Walkwise A/S" in part
        assert f"/events/{event.pk}/agenda/" in part
    assert "<li>" in mine.html

    services.run_scheduler(event, actor=coordinator)
    assert len(outbox(KIND)) == 3

    late = accepted(member_reg, requests[0].to_registration, score=0.1)
    services.lock_meetings(Meeting.objects.all(), actor=coordinator)
    services.run_scheduler(event, actor=coordinator)
    assert len(outbox(KIND)) == 3  # no table free: nobody's agenda changed
    services.unlock_meetings(Meeting.objects.all(), actor=coordinator)
    requests[1].status = "cancelled"
    requests[1].save()
    services.run_scheduler(event, actor=coordinator)
    assert Meeting.objects.filter(request=late).exists()
    again = outbox(KIND)[3:]
    assert {m.to_email for m in again} >= {"ceo@walkwise.example", "member@ouh.example"}

    requests[1].status = "accepted"  # back as it was: the change is told again
    requests[1].save()
    late.status = "cancelled"
    late.save()
    sent_before = len(outbox(KIND))
    services.run_scheduler(event, actor=coordinator)
    assert "member@ouh.example" in {m.to_email for m in outbox(KIND)[sent_before:]}
