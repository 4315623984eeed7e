"""The coordination admin's part of "after the event": each registration links to that
person's agenda, no-shows show in the changelist (column and filter), the event's change page
links to the figures and the table plan, and the meeting plan exports as CSV (times in the
event's zone). A coordinator of another hub gets none of it."""

import csv
import io

import pytest
from django.urls import reverse

from events.meetings.models import Meeting

pytestmark = pytest.mark.django_db

REGISTRATIONS = "admin:events_registration_changelist"


def agenda_url(registration):
    return reverse("events:agenda", args=[registration.event_id]) + (
        f"?registration={registration.pk}"
    )


def test_registrations_link_to_their_agenda_and_show_no_shows(
    coordinator_client, day, buyer_reg, second_company_reg
):
    page = coordinator_client.get(reverse(REGISTRATIONS)).content.decode()
    assert agenda_url(buyer_reg).replace("&", "&amp;") in page
    assert agenda_url(second_company_reg) in page
    no_shows = coordinator_client.get(reverse(REGISTRATIONS) + "?no_show__exact=1")
    assert list(no_shows.context["cl"].result_list) == [second_company_reg]
    change = coordinator_client.get(
        reverse("admin:events_registration_change", args=[buyer_reg.pk])
    ).content.decode()
    assert agenda_url(buyer_reg) in change
    # The agenda the link opens is that person's.
    agenda = coordinator_client.get(agenda_url(buyer_reg)).content.decode()
    assert "Agenda of <bdi>Olivia Owner</bdi>" in agenda


def test_event_change_page_links_to_figures_and_table_plan(coordinator_client, day):
    page = coordinator_client.get(
        reverse("admin:events_event_change", args=[day.event.pk])
    ).content.decode()
    assert reverse("events:figures", args=[day.event.pk]) in page
    assert reverse("events:table_plan", args=[day.event.pk]) in page


def test_export_meeting_plan_csv(coordinator_client, day, met):
    Meeting.objects.filter(pk=met.pk).update(locked=True)
    response = coordinator_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_meeting_plan", "_selected_action": [day.event.pk], "index": "0"},
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="meeting-plan-event-{day.event.pk}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "event",
        "session",
        "starts at",
        "ends at",
        "table",
        "buyer",
        "company",
        "need",
        "capability",
        "locked",
    ]
    assert [row[2][-5:] + " " + row[4] for row in rows[1:]] == [
        "09:00 Table 1",
        "09:25 Table 1",
        "09:25 Table 2",
    ]
    assert rows[1][1:] == [
        "Morning",
        rows[1][2],
        "09:20",
        "Table 1",
        "Olivia Owner (Odense University Hospital)",
        "Cecilie CEO (CareSense ApS)",
        "Fewer falls at night",
        "Radar fall sensor",
        "yes",
    ]
    assert rows[2][5:7] == [
        "Olivia Owner (Odense University Hospital)",
        "Wilma Walkwise (Walkwise A/S)",
    ]
    assert rows[2][9] == ""


def test_another_hubs_coordinator_gets_nothing(client, day, other_coordinator):
    client.force_login(other_coordinator)
    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_meeting_plan", "_selected_action": [day.event.pk], "index": "0"},
    )
    assert "Olivia Owner" not in response.content.decode(errors="replace")
    page = client.get(reverse(REGISTRATIONS)).content.decode()
    assert "Olivia Owner" not in page


def test_the_meeting_plan_csv_has_headers_in_the_coordinators_language(
    coordinator_client, coordinator, day, met
):
    coordinator.language = "da"
    coordinator.save()

    response = coordinator_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_meeting_plan", "_selected_action": [day.event.pk], "index": "0"},
    )

    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header[:4] == ["arrangement", "session", "starter", "slutter"]
    assert header[-1] == "låst"
