"""The coordinators' curation queue (matching.lifecycle.admin.CurationQueueAdmin): only the
matches of the coordinator's hubs, one short row each with the factors that matter most in words,
filters, sorting, search, and the two bulk actions (approve, close) that move the rows and write
their history. (The layout itself is measured in tests/browser/test_curation_queue_pages.py.)"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.lifecycle import services
from matching.lifecycle.admin import factor_summary_text
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests import factories as f
from tests.conftest import make_coordinator
from tests.matching.notify.conftest import make_match, published_capability, published_need

pytestmark = pytest.mark.django_db
S = Match.Status
QUEUE = reverse("admin:matching_curationqueueitem_changelist")
FACTORS = {
    "relevance": 0.8,
    "text": 0.72,
    "clinical_area": 1.0,
    "technology": 0.5,
    "constraints": 0.9,
    "care_setting": 0.95,
}


@pytest.fixture
def second_coordinator(hub):
    """Another coordinator of the same hub."""
    return make_coordinator(hub, email="second@welfaretech.example", name="Sune Second")


@pytest.fixture
def queue(world):
    """Three queued matches of the hub: 0.82 (the world's, a week old), 0.55 (mutual, 40 days
    old, with two gaps) and 0.3 (today, from another company)."""
    Match.objects.filter(pk=world.match.pk).update(first_seen_at=timezone.now() - timedelta(7))
    reminders = make_match(
        published_need(world.need.organisation, title="Medication reminders at home"),
        world.capability,
        0.55,
        gaps=[["trl_below", 6], ["region", 0]],
    )
    Match.objects.filter(pk=reminders.pk).update(
        status=S.MUTUAL, first_seen_at=timezone.now() - timedelta(days=40)
    )
    other = f.OrganisationFactory(name="Zebra Sensors ApS", company=True, hub=world.need.hub)
    mats = published_capability(f.CompanyProfileFactory(organisation=other), title="Smart mats")
    low = make_match(world.need, mats, 0.3)
    Match.objects.filter(pk__in=[world.match.pk, reminders.pk]).update(factors=FACTORS)
    return [world.match, reminders, low]


@pytest.fixture
def foreign_match(other_hub, world):
    org = f.OrganisationFactory(name="Oslo Universitetssykehus", kind="hospital", hub=other_hub)
    need = published_need(org, title="Foreign need: night-time wandering")
    return make_match(need, world.capability, 0.9)


def _listed(client, query=""):
    response = client.get(QUEUE + query)
    assert response.status_code == 200
    return [m.pk for m in response.context["cl"].result_list]


def _action(client, action, matches, **extra):
    data = {"action": action, "_selected_action": [m.pk for m in matches], "index": "0", **extra}
    return client.post(QUEUE, data, follow=True)


# --- Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["coordinator", "second_coordinator"])
def test_queue_lists_the_hubs_matches_to_each_of_its_coordinators(
    client, queue, foreign_match, person, request
):
    client.force_login(request.getfixturevalue(person))
    assert _listed(client) == [m.pk for m in queue]  # best first; not the other hub's


def test_queue_is_empty_and_its_rows_not_found_for_another_hubs_coordinator(
    client, other_coordinator, queue
):
    client.force_login(other_coordinator)
    html = client.get(QUEUE).content.decode()
    assert "Fall detection" not in html and "Medication reminders" not in html
    approve = reverse("admin:matching_match_lifecycle_approve", args=[queue[0].pk])
    assert client.post(approve + f"?next={QUEUE}").status_code == 404
    response = _action(client, "move_to_approved", queue)
    assert "moved to" not in response.content.decode()
    assert not MatchEvent.objects.exists()
    assert set(Match.objects.values_list("status", flat=True)) == {S.SUGGESTED, S.MUTUAL}


@pytest.mark.parametrize("person", ["owner", "member", "company_member"])
def test_queue_is_closed_to_people_who_are_not_staff(client, queue, person, request):
    client.force_login(request.getfixturevalue(person))
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert _action(client, "move_to_approved", queue).redirect_chain[0][1] == 302
    assert not MatchEvent.objects.exists()


# --- One short row per match --------------------------------------------------------------------


def test_factor_summary_names_the_factors_the_explanation_picks_in_words(world):
    world.match.factors = FACTORS
    # topical fits first (not care setting 95 %, nor the composite "fit with requirements")
    assert factor_summary_text(world.match) == (
        "Clinical area 100% · Words in common 72% · Kind of technology 50%"
    )
    world.match.factors = {}
    assert factor_summary_text(world.match) == ""


def test_queue_row_shows_need_company_score_status_factors_gaps_and_age(client, coordinator, queue):
    client.force_login(coordinator)
    html = client.get(QUEUE).content.decode()
    row = html[html.rindex("<tr", 0, html.index("Medication reminders at home")) :]
    row = row[: row.index("</tr>")]
    assert "CareSense ApS" in row and "55 % match" in row and "Mutual interest" in row
    assert "Clinical area 100% · Words in common 72% · Kind of technology 50%" in row
    assert "2 gaps" in row
    seen = timezone.localtime(timezone.now() - timedelta(days=40))
    assert f"{seen.day} {seen:%b}" in row
    change = reverse("admin:matching_match_change", args=[queue[1].pk])
    assert f'href="{change}"' in row
    assert "<h1>Curation queue</h1>" in html
    assert "Tab to a match's checkbox and press Space" in html


def test_queue_offers_only_approve_and_close(client, superuser, queue):
    client.force_login(superuser)
    html = client.get(QUEUE).content.decode()
    select = html[html.index('name="action"') :]
    select = select[: select.index("</select>")]
    assert 'value="move_to_approved"' in select and 'value="close_selected"' in select
    for other in ("delete_selected", "move_to_met", "move_to_pilot", "move_to_contract"):
        assert other not in select
    assert html.count('name="action"') == 2  # above and below the list


def test_queue_queries_do_not_grow_with_the_rows(client, coordinator, world, pages_uncached):
    client.force_login(coordinator)
    client.get(QUEUE)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as one:
        assert len(_listed(client)) == 1
    for i in range(15):
        need = published_need(world.need.organisation, title=f"Need {i}")
        make_match(need, world.capability, 0.5, gaps=[["region", 0]])
    with CaptureQueriesContext(connection) as many:
        assert len(_listed(client)) == 16
    assert len(many) == len(one)


# --- Filters, sorting, search -------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?status=mutual", [1]),
        ("?status=suggested", [0, 2]),
        ("?score=high", [0]),
        ("?score=medium", [1]),
        ("?score=low", [2]),
        ("?age=week", [2]),
        ("?age=month", [0]),
        ("?age=older", [1]),
        ("?q=Medication", [1]),
        ("?q=zebra", [2]),
        ("?o=2", [2, 1, 0]),  # score, lowest first (column 0 is the checkbox)
        ("?o=5", [1, 0, 2]),  # first seen, oldest first
        ("?o=-5", [2, 0, 1]),  # first seen, newest first
        ("?o=1.2", [2, 0, 1]),  # need title (Fall…, Fall…, Medication…), then score
    ],
)
def test_queue_filters_sorts_and_searches(client, coordinator, queue, query, expected):
    client.force_login(coordinator)
    assert _listed(client, query) == [queue[i].pk for i in expected]


def test_queue_filters_by_hub_and_clinical_area(client, superuser, queue, foreign_match, hub):
    area = f.ClinicalAreaFactory()
    queue[1].need.clinical_areas.add(area)
    client.force_login(superuser)
    assert foreign_match.pk in _listed(client)
    assert _listed(client, f"?hub__id__exact={hub.pk}") == [m.pk for m in queue]
    assert _listed(client, f"?need__clinical_areas__id__exact={area.pk}") == [queue[1].pk]


def test_queue_hub_filter_lists_only_the_coordinators_hubs(client, coordinator, queue, other_hub):
    f.HubFactory(name="Copenhagen Health Tech", slug="cht").coordinators.add(coordinator)
    client.force_login(coordinator)
    html = client.get(QUEUE).content.decode()
    hubs = html[html.index("By hub") :]
    hubs = hubs[: hubs.index("</details>")]
    assert "Welfare Tech" in hubs and "Copenhagen Health Tech" in hubs
    assert other_hub.name not in hubs


# --- Bulk actions -------------------------------------------------------------------------------


def test_queue_bulk_approve_moves_the_rows_and_writes_their_history(client, coordinator, queue):
    client.force_login(coordinator)
    response = _action(client, "move_to_approved", queue[:2])
    assert "2 matches moved to “Approved”." in response.content.decode()
    assert _listed(client) == [queue[2].pk]  # out of the queue
    for match, before in zip(queue[:2], (S.SUGGESTED, S.MUTUAL), strict=True):
        match.refresh_from_db()
        assert match.status == S.APPROVED
        event = match.events.get()
        assert (event.from_status, event.to_status, event.actor) == (
            before,
            S.APPROVED,
            coordinator,
        )
    assert not queue[2].events.exists()


def test_queue_bulk_close_keeps_the_reason_in_each_rows_history(client, coordinator, queue):
    client.force_login(coordinator)
    response = _action(client, "close_selected", queue[1:], apply="1", reason="Duplicate")
    assert "2 matches moved to “Closed”." in response.content.decode()
    assert _listed(client) == [queue[0].pk]
    for match in queue[1:]:
        match.refresh_from_db()
        assert (match.status, match.closed_reason) == (S.CLOSED, "Duplicate")
        event = match.events.get()
        assert (event.to_status, event.note, event.actor) == (S.CLOSED, "Duplicate", coordinator)


def test_queue_bulk_close_without_a_reason_asks_again_and_writes_nothing(
    client, coordinator, queue
):
    client.force_login(coordinator)
    response = _action(client, "close_selected", queue, apply="1", reason="")
    assert "This field is required." in response.content.decode()
    assert not MatchEvent.objects.exists()
    assert not Match.objects.filter(status=S.CLOSED).exists()


def test_queue_bulk_approve_leaves_a_match_approved_meanwhile_alone(client, coordinator, queue):
    """A row approved in another tab has left the queue: the action counts only the others."""
    client.force_login(coordinator)
    services.approve(queue[0], by=coordinator)
    response = _action(client, "move_to_approved", queue[:2])
    assert "1 match moved to “Approved”." in response.content.decode()
    queue[1].refresh_from_db()
    assert queue[1].status == S.APPROVED
    assert queue[0].events.count() == 1


def test_closing_one_row_from_the_queue_returns_to_the_queue(client, coordinator, queue):
    client.force_login(coordinator)
    page = client.get(QUEUE).content.decode()
    move = reverse("admin:matching_match_lifecycle_move", args=[queue[0].pk])
    link = f"{move}?to=closed&amp;next={QUEUE}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'href="{QUEUE}"' in form  # Cancel goes back to the queue too

    response = client.post(
        link.replace("&amp;", "&"), {"to": S.CLOSED, "note": "Out of scope", "internal_note": ""}
    )

    assert response.status_code == 302 and response.url == QUEUE
    queue[0].refresh_from_db()
    assert queue[0].status == S.CLOSED


def test_a_foreign_next_is_ignored_after_a_move(client, coordinator, queue):
    client.force_login(coordinator)
    move = reverse("admin:matching_match_lifecycle_move", args=[queue[0].pk])
    response = client.post(
        f"{move}?next=https://evil.example/", {"to": S.CLOSED, "note": "x", "internal_note": ""}
    )
    assert response.url == reverse("admin:matching_match_change", args=[queue[0].pk])
