"""The self-pick pages: the person asked accepts by picking a free time; on an opt-out day the
asker picks it as they ask; a participant cancels a meeting from their agenda. Everybody else
(a colleague of the same organisation, an outsider, the organiser) gets 404."""

import pytest
from django.urls import reverse

from events.meetings import self_pick
from events.meetings.models import Meeting
from events.models import Event
from events.requests.models import MeetingRequest
from tests.events.meetings.conftest import pending
from tests.once import once

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


@pytest.fixture
def asked(pick_day, buyer_reg, company_reg, member_reg):
    return pending(company_reg, buyer_reg)


@pytest.mark.parametrize(
    "who, status",
    [
        ("owner", 200),
        ("member", 404),
        ("outsider", 404),
        ("coordinator", 404),
        ("company_owner", 404),
    ],
)
def test_pick_page_is_the_asked_persons_only(client, pick_day, asked, who, status, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("request_pick", pick_day, asked.pk))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Accept the meeting with Cecilie CEO" in page
        assert 'type="radio"' in page and "09:00–09:20" in page and "09:25–09:45" in page


def test_picking_a_time_books_the_meeting(client, pick_day, session, asked, owner):
    client.force_login(owner)
    requests_page = client.get(url("requests", pick_day)).content.decode()
    assert url("request_pick", pick_day, asked.pk) in requests_page
    assert client.post(url("request_accept", pick_day, asked.pk)).url == url(
        "request_pick", pick_day, asked.pk
    )

    response = client.post(
        url("request_pick", pick_day, asked.pk), once(client, {"slot": f"{session.pk}-1"})
    )

    assert response.status_code == 302 and response.url == url("agenda", pick_day)
    meeting = Meeting.objects.get(request=asked)
    assert (meeting.slot, meeting.locked) == (1, True)
    agenda = client.get(response.url).content.decode()
    assert "09:25" in agenda and "Cecilie CEO" in agenda
    assert url("meeting_cancel", pick_day, meeting.pk) in agenda
    assert "data-confirm" in agenda


def test_bad_or_missing_time_is_an_error_next_to_the_field(client, pick_day, asked, owner):
    client.force_login(owner)
    for data in ({}, {"slot": "999-9"}):
        response = client.post(url("request_pick", pick_day, asked.pk), once(client, data))
        assert response.status_code == 400
        assert 'id="id_slot_error"' in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.PENDING and not Meeting.objects.exists()


def test_no_free_time_says_so_and_the_request_stays_pending(
    client, pick_day, asked, owner, buyer_reg
):
    buyer_reg.max_meetings = 0  # e.g. their limit is reached
    buyer_reg.save()
    client.force_login(owner)
    assert (
        "No time is free for both of you"
        in client.get(url("request_pick", pick_day, asked.pk)).content.decode()
    )

    response = client.post(url("request_pick", pick_day, asked.pk), once(client, {}))

    page = response.content.decode()
    assert response.status_code == 400
    errors = page.split('id="id_slot_error"')[1].split("</ul>")[0]
    assert "No time is free for both of you" in errors
    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.PENDING


@pytest.mark.parametrize(
    "who, status", [("owner", 200), ("member", 404), ("outsider", 404), ("coordinator", 404)]
)
def test_opt_out_request_page_lets_the_asker_pick(
    client, pick_day, buyer_reg, company_reg, who, status, request
):
    pick_day.request_acceptance = Event.RequestAcceptance.OPT_OUT
    pick_day.save()
    client.force_login(request.getfixturevalue(who))  # member: not registered
    assert client.get(url("request_new", pick_day, company_reg.pk)).url == url(
        "request_new_pick", pick_day, company_reg.pk
    )
    response = client.get(url("request_new_pick", pick_day, company_reg.pk))
    assert response.status_code == status
    if status == 200:
        assert "09:00–09:20" in response.content.decode()


def test_opt_out_request_with_a_time_is_booked(
    client, pick_day, session, company_reg, buyer_reg, owner
):
    pick_day.request_acceptance = Event.RequestAcceptance.OPT_OUT
    pick_day.save()
    client.force_login(owner)

    response = client.post(
        url("request_new_pick", pick_day, company_reg.pk),
        once(client, {"message": "Let us talk", "slot": f"{session.pk}-0"}),
    )

    assert response.status_code == 302
    made = MeetingRequest.objects.get()
    assert made.status == MeetingRequest.Status.ACCEPTED and made.meeting.slot == 0


def test_opt_out_pick_page_is_404_on_other_days(client, event, company_reg, buyer_reg, owner):
    client.force_login(owner)
    assert client.get(url("request_new_pick", event, company_reg.pk)).status_code == 404


@pytest.fixture
def booked(pick_day, session, asked, owner):
    self_pick.accept_at(asked, actor=owner, slot=f"{session.pk}-0")
    return Meeting.objects.get(request=asked)


@pytest.mark.parametrize(
    "who, kept",
    [
        ("owner", False),
        ("company_owner", False),
        ("member", True),
        ("outsider", True),
        ("coordinator", True),
    ],
)
def test_cancel_a_meeting_from_the_agenda(client, pick_day, booked, who, kept, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("meeting_cancel", pick_day, booked.pk))
    assert response.status_code == (404 if kept else 302)
    assert Meeting.objects.filter(pk=booked.pk).exists() is kept
    if not kept:
        assert client.get(url("meeting_cancel", pick_day, booked.pk)).status_code == 405
