"""The calendar downloads follow the agenda page's rules: the participant's own agenda and
meetings; a colleague, an outsider and another hub's coordinator get 404; organisers any
participant's (``?registration=``) and any meeting of their event; anonymous people log in."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.meetings import services
from events.meetings.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(event, requests, coordinator):
    services.run_scheduler(event, actor=coordinator)
    return requests


@pytest.fixture
def radar(scheduled):
    """The buyer's meeting with CareSense (through the match)."""
    return Meeting.objects.get(request=scheduled[0])


def _agenda_ics(event, registration=None):
    url = reverse("events:agenda_ics", args=[event.pk])
    return url + (f"?registration={registration.pk}" if registration else "")


def _meeting_ics(event, meeting, registration=None):
    url = reverse("events:meeting_ics", args=[event.pk, meeting.pk])
    return url + (f"?registration={registration.pk}" if registration else "")


def _summaries(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return sorted(str(v["summary"]) for v in calendar.walk("VEVENT"))


def test_urls_are_the_agreed_ones(event, radar):
    assert _agenda_ics(event) == f"/events/{event.pk}/agenda.ics"
    assert _meeting_ics(event, radar) == f"/events/{event.pk}/meetings/{radar.pk}.ics"


def test_owner_downloads_their_agenda_and_each_meeting(client, event, radar, owner):
    client.force_login(owner)

    response = client.get(_agenda_ics(event))
    assert _summaries(response) == [
        "Meeting: Cecilie CEO (CareSense ApS)",
        "Meeting: Wilma Walkwise (Walkwise A/S)",
    ]
    assert response["Content-Disposition"] == (
        'attachment; filename="welfare-tech-matchmaking-day-agenda.ics"'
    )
    response = client.get(_meeting_ics(event, radar))
    assert _summaries(response) == ["Meeting: Cecilie CEO (CareSense ApS)"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="meeting-{radar.request_id}.ics"'
    )
    page = client.get(reverse("events:agenda", args=[event.pk])).content.decode()
    assert f'href="{_agenda_ics(event)}"' in page
    assert f'href="{_meeting_ics(event, radar)}"' in page


def test_the_other_participant_gets_the_meeting_from_their_side(
    client, event, radar, company_owner
):
    client.force_login(company_owner)
    response = client.get(_meeting_ics(event, radar))
    assert _summaries(response) == ["Meeting: Olivia Owner (Odense University Hospital)"]


def test_colleague_gets_404_for_the_owners_agenda_and_meetings(
    client, event, radar, buyer_reg, member_reg, member
):
    client.force_login(member)
    assert client.get(_agenda_ics(event, buyer_reg)).status_code == 404
    assert client.get(_meeting_ics(event, radar)).status_code == 404
    assert client.get(_meeting_ics(event, radar, buyer_reg)).status_code == 404
    assert _summaries(client.get(_agenda_ics(event))) == []  # their own, empty


@pytest.mark.parametrize("who", ["outsider", "company_member", "other_coordinator"])
def test_outsiders_get_404(client, event, radar, buyer_reg, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in (
        _agenda_ics(event),
        _agenda_ics(event, buyer_reg),
        _meeting_ics(event, radar),
        _meeting_ics(event, radar, buyer_reg),
    ):
        assert client.get(url).status_code == 404, url


def test_organiser_downloads_any_participants_agenda_and_meeting(
    client, event, radar, buyer_reg, company_reg, coordinator
):
    client.force_login(coordinator)
    assert len(_summaries(client.get(_agenda_ics(event, buyer_reg)))) == 2
    assert client.get(_agenda_ics(event)).status_code == 404  # not a participant
    assert client.get(_agenda_ics(event) + "?registration=x").status_code == 404
    assert _summaries(client.get(_meeting_ics(event, radar))) == [
        "Meeting: Cecilie CEO (CareSense ApS)"  # seen from the asker, the buyer
    ]
    assert _summaries(client.get(_meeting_ics(event, radar, company_reg))) == [
        "Meeting: Olivia Owner (Odense University Hospital)"
    ]
    page = client.get(reverse("events:agenda", args=[event.pk]) + f"?registration={buyer_reg.pk}")
    assert f'href="{_meeting_ics(event, radar, buyer_reg)}"' in page.content.decode()


def test_a_meeting_of_another_event_is_404(client, event, radar, owner, hub):
    other = f.EventFactory(hub=hub)
    client.force_login(owner)
    url = reverse("events:meeting_ics", args=[other.pk, radar.pk])
    assert client.get(url).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, event, radar):
    for url in (_agenda_ics(event), _meeting_ics(event, radar)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_calendar_file_is_written_in_the_readers_language(client, event, radar, owner):
    owner.language = "da"
    owner.save()
    client.force_login(owner)

    response = client.get(_meeting_ics(event, radar))

    assert _summaries(response) == ["Møde: Cecilie CEO (CareSense ApS)"]
    description = str(
        next(iter(Calendar.from_ical(response.content).walk("VEVENT")))["description"]
    )
    assert "Arrangement: " in description and "Din dagsorden: " in description
