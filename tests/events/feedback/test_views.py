"""The feedback page: the participant's own meetings with a form each once ended; anyone else
gets 404 (a colleague of the same organisation, an outsider, an organiser who is not a
participant). Bad input shows errors next to the field and writes nothing."""

import datetime

import pytest
from django.urls import reverse

from events import services as event_services
from events.feedback.models import MeetingFeedback, MeetingFollowUp
from events.meetings.models import Meeting
from events.models import Event
from matching.models import Match

pytestmark = pytest.mark.django_db


def url(event):
    return reverse("events:feedback", args=[event.pk])


def answer(meeting, useful="yes", follow_up="yes", comment=""):
    prefix = f"m{meeting.pk}"
    data = {"meeting": meeting.pk, f"{prefix}-comment": comment}
    if useful is not None:
        data[f"{prefix}-useful"] = useful
    if follow_up is not None:
        data[f"{prefix}-follow_up"] = follow_up
    return data


def test_participant_sees_their_meetings_and_answers(
    client, event, met, met_second, owner, buyer_reg, company_owner, match
):
    client.force_login(owner)
    page = client.get(url(event)).content.decode()
    assert "Feedback on my meetings" in page
    assert "Cecilie CEO" in page and "CareSense ApS" in page and "Walkwise A/S" in page
    assert "Fewer falls at night" in page and "Radar fall sensor" in page
    assert "Was the meeting useful?" in page and page.count('name="meeting"') == 2
    response = client.post(url(event), answer(met, comment="Promising"))
    assert response.status_code == 302 and response["Location"].endswith(f"#meeting-{met.pk}")
    row = MeetingFeedback.objects.get()
    assert (row.registration, row.useful, row.follow_up, row.comment) == (
        buyer_reg,
        True,
        True,
        "Promising",
    )
    page = client.get(url(event)).content.decode()
    assert "Your answer:" in page and "Update my feedback" in page and "Promising" in page
    client.force_login(company_owner)
    client.post(url(event), answer(met, useful="no"))
    match.refresh_from_db()
    assert match.status == Match.Status.MET
    assert MeetingFollowUp.objects.get().outcome == MeetingFollowUp.Outcome.MOVED


def test_missing_answer_shows_the_error_next_to_the_field(client, event, met, owner):
    client.force_login(owner)
    response = client.post(url(event), answer(met, useful=None, comment="x"))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_m{met.pk}-useful_error"' in page and "This field is required." in page
    assert not MeetingFeedback.objects.exists()


def test_a_meeting_not_yet_ended_has_no_form(client, event, met, owner):
    later = met.ends_at + datetime.timedelta(days=2)
    Meeting.objects.filter(pk=met.pk).update(ends_at=later)
    client.force_login(owner)
    page = client.get(url(event)).content.decode()
    assert "once the meeting has ended" in page and 'name="meeting"' not in page
    response = client.post(url(event), answer(met))
    assert response.status_code == 400
    assert not MeetingFeedback.objects.exists()


def test_the_other_sides_no_show_is_shown_and_blocks_nothing(
    client, event, met, company_reg, owner, company_owner, coordinator
):
    event_services.mark_no_show(company_reg, actor=coordinator)
    client.force_login(owner)
    page = client.get(url(event)).content.decode()
    assert "Did not attend" in page and "<bdi>Cecilie CEO</bdi> did not attend" in page
    assert client.post(url(event), answer(met)).status_code == 302
    client.force_login(company_owner)
    page = client.get(url(event)).content.decode()
    assert "you did not attend" in page and 'name="meeting"' not in page


def test_colleague_outsider_and_organiser_get_404(
    client, event, met, member, member_reg, company_member, outsider, coordinator
):
    client.force_login(member)  # registered, but met nobody
    page = client.get(url(event)).content.decode()
    assert "You had no meetings at this event." in page and "Cecilie CEO" not in page
    assert client.post(url(event), answer(met)).status_code == 404
    for person in (company_member, outsider, coordinator):
        client.force_login(person)
        assert client.get(url(event)).status_code == 404, person
    assert not MeetingFeedback.objects.exists()


def test_anonymous_is_sent_to_log_in(client, event, met):
    response = client.get(url(event))
    assert response.status_code == 302 and "login" in response["Location"]


def test_event_page_and_agenda_link_to_feedback_once_begun(client, event, met, owner):
    client.force_login(owner)
    assert url(event) in client.get(event.get_absolute_url()).content.decode()
    assert url(event) in client.get(reverse("events:agenda", args=[event.pk])).content.decode()
    start = event.starts_at + datetime.timedelta(days=30)
    Event.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=8)
    )
    Meeting.objects.filter(pk=met.pk).update(
        starts_at=start + datetime.timedelta(hours=1), ends_at=start + datetime.timedelta(hours=2)
    )
    assert url(event) not in client.get(event.get_absolute_url()).content.decode()
    assert url(event) not in client.get(reverse("events:agenda", args=[event.pk])).content.decode()
