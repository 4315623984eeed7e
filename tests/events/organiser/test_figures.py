"""The organisers' figures of the day in tests/events/organiser/conftest.py, exactly, in six
queries; the page for organisers only (404 for participants, colleagues, outsiders and a
coordinator of another hub)."""

import pytest
from django.urls import reverse

from events.organiser.figures import event_figures

pytestmark = pytest.mark.django_db


def test_figures_of_the_day(day, django_assert_num_queries):
    with django_assert_num_queries(6):
        figures = event_figures(day.event)
    assert figures.registrations == {
        "confirmed": {"buyer": 2, "company": 3, "total": 5},
        "waitlisted": {"buyer": 0, "company": 1, "total": 1},
        "cancelled": {"buyer": 1, "company": 0, "total": 1},
    }
    assert (figures.checked_in, figures.no_shows) == (3, 1)
    assert figures.requests == {
        "total": 9,
        "pending": 1,
        "accepted": 5,
        "declined": 1,
        "expired": 1,
        "cancelled": 1,
    }
    assert (figures.meetings, figures.unscheduled) == (3, 2)
    assert figures.unscheduled_reasons == [
        ("never available at the same time", 1),
        ("accepted since the scheduler last ran", 1),
    ]
    assert (figures.feedback, figures.meetings_with_feedback, figures.useful) == (5, 3, 3)
    assert (figures.useful_share, figures.useful_percent) == (0.6, 60)
    assert (figures.follow_up_wished, figures.both_follow_up) == (3, 1)
    assert (figures.moved, figures.matches_created) == (1, 0)
    assert (figures.already_further, figures.skipped) == (0, 0)


def test_figures_of_an_empty_event(event):
    figures = event_figures(event)
    assert figures.registrations["confirmed"] == {"buyer": 0, "company": 0, "total": 0}
    assert figures.requests["total"] == figures.meetings == figures.feedback == 0
    assert figures.useful_share is None and figures.unscheduled_reasons == []


def test_figures_page_for_the_organiser(client, day, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("events:figures", args=[day.event.pk])).content.decode()
    assert "Event figures" in page
    assert '<dd id="fig-checked-in">3</dd>' in page and '<dd id="fig-no-shows">1</dd>' in page
    assert '<dd id="fig-requests">9</dd>' in page and '<dd id="fig-meetings">3</dd>' in page
    assert "never available at the same time: 1" in page
    assert '<dd id="fig-feedback">5</dd>' in page and "3 (60 %)" in page
    assert '<dd id="fig-feedback-meetings">3</dd>' in page
    assert "1 (of which 0 new matches)" in page
    # confirmed buyers, companies, total
    assert (
        '<td data-label="Buyers">2</td><td data-label="Companies">3</td>'
        '<td data-label="Total">5</td>'
    ) in page
    detail = client.get(day.event.get_absolute_url()).content.decode()
    assert reverse("events:figures", args=[day.event.pk]) in detail
    assert reverse("events:table_plan", args=[day.event.pk]) in detail


def test_figures_page_is_404_for_everybody_else(
    client, day, owner, member, company_member, outsider, other_coordinator
):
    url = reverse("events:figures", args=[day.event.pk])
    for person in (owner, member, company_member, outsider, other_coordinator):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
    client.force_login(owner)
    assert url not in client.get(day.event.get_absolute_url()).content.decode()
