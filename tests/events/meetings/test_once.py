"""Picking a time (accepting a request, or asking on an opt-out day) acts once per form
token: the second click lands on the agenda, not on a 404 or a second meeting."""

import pytest
from django.urls import reverse

from events.meetings.models import Meeting
from events.models import Event
from events.requests.models import MeetingRequest
from tests.events.meetings.conftest import pending
from tests.once import (
    assert_landed_on_the_first,
    expired,
    post_twice,
    post_twice_at_once,
    postgres_only,
)


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


@pytest.fixture
def asked(pick_day, buyer_reg, company_reg, member_reg):
    return pending(company_reg, buyer_reg)


@pytest.mark.django_db
def test_picking_a_time_twice_books_one_meeting(client, pick_day, session, asked, owner):
    client.force_login(owner)
    pick = url("request_pick", pick_day, asked.pk)
    first, second = post_twice(client, pick, {"slot": f"{session.pk}-1"})
    assert Meeting.objects.filter(request=asked).count() == 1
    assert first["Location"] == url("agenda", pick_day)
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_picking_a_time_twice_at_once_books_one_meeting(pick_day, session, asked, owner):
    pick = url("request_pick", pick_day, asked.pk)
    responses = post_twice_at_once(owner, pick, {"slot": f"{session.pk}-1"})
    assert [r.status_code for r in responses] == [302, 302], responses
    assert {r["Location"] for r in responses} == {url("agenda", pick_day)}
    assert Meeting.objects.count() == 1


@pytest.mark.django_db
def test_picking_a_time_with_an_expired_token_books_nothing(
    client, pick_day, session, asked, owner
):
    client.force_login(owner)
    response = client.post(
        url("request_pick", pick_day, asked.pk), expired(client, {"slot": f"{session.pk}-1"})
    )
    assert "open for too long" in response.content.decode()
    assert not Meeting.objects.exists()
    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.PENDING


@pytest.mark.django_db
def test_asking_with_a_time_twice_books_one_meeting(
    client, pick_day, session, company_reg, buyer_reg, owner
):
    pick_day.request_acceptance = Event.RequestAcceptance.OPT_OUT
    pick_day.save()
    client.force_login(owner)
    first, second = post_twice(
        client,
        url("request_new_pick", pick_day, company_reg.pk),
        {"message": "Let us talk", "slot": f"{session.pk}-0"},
    )
    assert MeetingRequest.objects.count() == 1 and Meeting.objects.count() == 1
    assert_landed_on_the_first(client, first, second)
