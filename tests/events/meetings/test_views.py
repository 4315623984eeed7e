"""The personal agenda: the participant's own meetings with time, table, who, topic and the
"why meet"; 404 for anyone else, a colleague of the same organisation included; organisers
open anyone's with ?registration=."""

import pytest
from django.urls import reverse

from events import services as event_services
from events.meetings import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(event, requests, coordinator):
    services.run_scheduler(event, actor=coordinator)
    return requests


def _agenda(event, registration=None):
    url = reverse("events:agenda", args=[event.pk])
    return url + (f"?registration={registration.pk}" if registration else "")


def test_participant_sees_their_agenda(client, event, scheduled, owner):
    client.force_login(owner)
    page = client.get(_agenda(event)).content.decode()
    assert "My agenda" in page
    assert "09:00" in page and "09:25" in page
    assert "Table 1" in page
    assert "Cecilie CEO" in page and "CareSense ApS" in page and "Walkwise A/S" in page
    assert "Fewer falls at night" in page and "Radar fall sensor" in page
    assert "Why meet:" in page and "same clinical area" in page
    detail = client.get(event.get_absolute_url()).content.decode()
    assert _agenda(event) in detail


def test_colleague_member_outsider_get_404(
    client, event, scheduled, buyer_reg, member_reg, member, outsider
):
    client.force_login(member)
    own = client.get(_agenda(event)).content.decode()
    assert "No meetings are scheduled for you yet." in own and "Cecilie CEO" not in own
    assert client.get(_agenda(event, buyer_reg)).status_code == 404
    client.force_login(outsider)
    assert client.get(_agenda(event)).status_code == 404


def test_unregistered_member_gets_404(client, event, scheduled, company_member):
    client.force_login(company_member)
    assert client.get(_agenda(event)).status_code == 404


def test_organiser_sees_any_participants_agenda(
    client, event, scheduled, coordinator, buyer_reg, other_coordinator
):
    client.force_login(coordinator)
    page = client.get(_agenda(event, buyer_reg)).content.decode()
    assert "Agenda of <bdi>Olivia Owner</bdi>" in page and "Cecilie CEO" in page
    assert client.get(_agenda(event)).status_code == 404  # not a participant
    assert client.get(_agenda(event) + "?registration=x").status_code == 404
    client.force_login(other_coordinator)
    assert client.get(_agenda(event, buyer_reg)).status_code == 404


def test_agenda_says_preliminary_while_booking_is_open_and_final_after(
    client, event, scheduled, owner, coordinator
):
    client.force_login(owner)
    page = client.get(_agenda(event)).content.decode()
    assert "Preliminary agenda." in page and "Final agenda." not in page

    event_services.close_registration(event, actor=coordinator)

    page = client.get(_agenda(event)).content.decode()
    assert "Final agenda." in page and "Preliminary agenda." not in page
