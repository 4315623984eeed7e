"""The printable table plan: every slot of every session, each table available then with who
meets whom (buyer and company, names and organisations) or free; for organisers only. (Printing one
slot per page: tests/browser/test_after_event_pages.py.)"""

import datetime

import pytest
from django.urls import reverse

from events.organiser.plan import table_plan
from tests import factories as f

pytestmark = pytest.mark.django_db


def _names(seat):
    if seat.meeting is None:
        return (seat.table.number, None)
    return (seat.table.number, seat.buyer.user.name, seat.company.organisation.name)


def test_plan_lists_every_slot_and_table(day, session, tables, django_assert_max_num_queries):
    start = session.starts_at + datetime.timedelta(hours=4)
    afternoon = f.SessionFactory(
        event=day.event,
        title="Afternoon",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=20),
    )
    f.TableFactory(event=day.event, number=3).sessions.set([afternoon])
    with django_assert_max_num_queries(4):
        plan = table_plan(day.event)
    assert [(p.session.title, p.starts_at, p.meetings) for p in plan] == [
        ("Morning", session.slots()[0].starts_at, 1),
        ("Morning", session.slots()[1].starts_at, 2),
        ("Afternoon", start, 0),
    ]
    assert [_names(seat) for seat in plan[0].seats] == [
        (1, "Olivia Owner", "CareSense ApS"),
        (2, None),
    ]
    assert [_names(seat) for seat in plan[1].seats] == [
        (1, "Olivia Owner", "Walkwise A/S"),  # Walkwise asked: the buyer still comes first
        (2, "Mads Member", "CareSense ApS"),
    ]
    assert [_names(seat) for seat in plan[2].seats] == [(1, None), (2, None), (3, None)]


def test_plan_page_for_the_organiser(client, day, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("events:table_plan", args=[day.event.pk])).content.decode()
    assert "Table plan" in page and page.count('class="card plan-slot"') == 2
    assert "09:00–09:20" in page and "09:25–09:45" in page
    assert "Olivia Owner" in page and "Odense University Hospital" in page
    assert "Cecilie CEO" in page and "CareSense ApS" in page and "Wilma Walkwise" in page
    assert '<bdi lang="en">Fewer falls at night</bdi> · <bdi>Radar fall sensor</bdi>' in page
    assert page.count("Free") == 1


def test_plan_page_is_404_for_everybody_else(
    client, day, owner, member, company_member, outsider, other_coordinator
):
    url = reverse("events:table_plan", args=[day.event.pk])
    for person in (owner, member, company_member, outsider, other_coordinator):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
    client.logout()
    assert client.get(url).status_code == 302
