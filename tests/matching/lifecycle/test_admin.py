"""The lifecycle in the coordination admin: bulk and single moves, the introduction editor and
the curation queue, each scoped to the coordinator's hubs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from matching.lifecycle import services
from matching.lifecycle.models import Introduction, MatchEvent
from matching.models import Match
from tests import factories as f
from tests.matching.lifecycle.conftest import received
from tests.matching.notify.conftest import make_match, published_need
from tests.once import once

pytestmark = pytest.mark.django_db
S = Match.Status
CHANGELIST = "admin:matching_match_changelist"
QUEUE = "admin:matching_curationqueueitem_changelist"


@pytest.fixture
def foreign_match(other_hub, world):
    org = f.OrganisationFactory(name="Oslo Universitetssykehus", kind="hospital", hub=other_hub)
    need = published_need(org, title="Foreign need: night-time wandering")
    return make_match(need, world.capability, 0.9)


@pytest.fixture
def second_match(world):
    need = published_need(world.need.organisation, title="Medication reminders at home")
    return make_match(need, world.capability, 0.55)


def _action(client, action, matches, changelist=CHANGELIST, **extra):
    data = {"action": action, "_selected_action": [m.pk for m in matches], "index": "0", **extra}
    return client.post(reverse(changelist), data, follow=True)


def _url(name, match):
    return reverse(f"admin:matching_match_lifecycle_{name}", args=[match.pk])


# --- Bulk actions -------------------------------------------------------------------------------


def test_bulk_approve_is_scoped_to_the_hub(client, coordinator, world, second_match, foreign_match):
    client.force_login(coordinator)
    response = _action(client, "move_to_approved", [world.match, second_match, foreign_match])
    assert response.status_code == 200
    assert "2 matches moved to “Approved”." in response.content.decode()
    for match in (world.match, second_match):
        match.refresh_from_db()
        assert match.status == S.APPROVED
        assert Introduction.objects.filter(match=match, sent_at__isnull=True).exists()
    foreign_match.refresh_from_db()
    assert foreign_match.status == S.SUGGESTED
    assert not foreign_match.events.exists()


def test_bulk_move_reports_invalid_transitions_and_writes_nothing(client, coordinator, world):
    client.force_login(coordinator)
    response = _action(client, "move_to_pilot", [world.match])
    html = response.content.decode()
    assert "cannot move to “Pilot”" in html
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED and not world.match.events.exists()


def test_bulk_close_first_asks_for_a_reason(client, coordinator, world, second_match):
    client.force_login(coordinator)
    response = _action(client, "close_selected", [world.match, second_match])
    assert response.status_code == 200
    assert "admin/lifecycle/close_confirm.html" in [t.name for t in response.templates]
    assert not MatchEvent.objects.exists()

    response = _action(client, "close_selected", [world.match], apply="1", reason=" ")
    assert "This field is required." in response.content.decode()
    assert not MatchEvent.objects.exists()

    response = _action(
        client, "close_selected", [world.match, second_match], apply="1", reason="Out of scope"
    )
    assert "2 matches moved to “Closed”." in response.content.decode()
    for match in (world.match, second_match):
        match.refresh_from_db()
        assert (match.status, match.closed_reason) == (S.CLOSED, "Out of scope")
        assert match.events.get().actor == coordinator


def test_other_hubs_coordinator_does_not_see_the_match(client, other_coordinator, world):
    client.force_login(other_coordinator)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert world.need.title not in html
    for name in ("move", "introduction"):
        assert client.get(_url(name, world.match)).status_code == 404
    assert client.post(_url("approve", world.match)).status_code == 404
    assert client.post(_url("move", world.match), {"to": "approved"}).status_code == 404
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED


@pytest.mark.parametrize("person", ["owner", "outsider"])
def test_non_staff_cannot_use_the_lifecycle_pages(client, world, person, request):
    client.force_login(request.getfixturevalue(person))
    response = client.post(_url("approve", world.match))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED


# --- One match: move and introduce --------------------------------------------------------------


def test_change_page_shows_history_and_lifecycle_links(client, coordinator, world, owner):
    services.state_interest(world.match, by=owner, interest="interested", reason="Promising")
    services.approve(world.match, by=coordinator, note="Good fit")
    client.force_login(coordinator)
    html = client.get(reverse("admin:matching_match_change", args=[world.match.pk])).content
    html = html.decode()
    assert _url("move", world.match) in html and _url("introduction", world.match) in html
    assert "Good fit" in html and "Promising" in html


def test_move_page_moves_one_match_with_a_note(client, coordinator, world):
    client.force_login(coordinator)
    assert client.get(_url("move", world.match)).status_code == 200
    response = client.post(_url("move", world.match), {"to": "approved", "note": "Go"})
    assert response.status_code == 302
    world.match.refresh_from_db()
    assert world.match.status == S.APPROVED
    assert world.match.events.get().note == "Go"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"to": "closed", "note": ""}, "Give a reason for closing the match."),
        ({"to": "contract"}, "cannot move to “Contract”"),
        ({"to": "introduced"}, "Select a valid choice."),
    ],
)
def test_move_page_shows_errors_and_writes_nothing(client, coordinator, world, data, message):
    client.force_login(coordinator)
    response = client.post(_url("move", world.match), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED and not world.match.events.exists()


def test_coordinator_edits_and_sends_the_introduction(client, coordinator, world, smtp_settings):
    services.approve(world.match, by=coordinator)
    client.force_login(coordinator)
    html = client.get(_url("introduction", world.match)).content.decode()
    assert "Dear Odense University Hospital" in html
    assert "sales@caresense.example" in html  # what will be shared
    data = {
        "subject": "Edited subject",
        "body_buyer": "Edited text for OUH",
        "body_company": "Edited text for CareSense",
    }

    client.post(_url("introduction", world.match), once(client, {**data, "save": "1"}))
    intro = Introduction.objects.get(match=world.match)
    assert (intro.subject, intro.sent_at) == ("Edited subject", None)
    assert not OutboxMessage.objects.exists()

    response = client.post(_url("introduction", world.match), once(client, {**data, "send": "1"}))
    assert response.status_code == 302
    deliver_due()
    got = received(smtp_settings)
    assert got["owner@ouh.example"]["Subject"] == "Edited subject"
    world.match.refresh_from_db()
    assert world.match.status == S.INTRODUCED

    response = client.post(_url("introduction", world.match), once(client, {**data, "send": "1"}))
    assert response.status_code == 200  # shown as sent, nothing more
    deliver_due()
    assert len(smtp_settings.handler.messages) == 4


def test_introduction_form_errors_stay_on_the_page(client, coordinator, world):
    services.approve(world.match, by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        _url("introduction", world.match),
        once(client, {"subject": "", "body_buyer": "x", "body_company": "", "send": "1"}),
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    world.match.refresh_from_db()
    assert world.match.status == S.APPROVED
    assert not OutboxMessage.objects.exists()


def test_introduction_of_an_unapproved_match_is_refused(client, coordinator, world):
    client.force_login(coordinator)
    html = client.get(_url("introduction", world.match)).content.decode()
    assert "Approve the match first" in html
    response = client.post(
        _url("introduction", world.match),
        once(client, {"subject": "S", "body_buyer": "B", "body_company": "C", "send": "1"}),
    )
    assert "Only an approved match can be introduced" in response.content.decode()
    assert not OutboxMessage.objects.exists()


# --- The curation queue -------------------------------------------------------------------------


def test_queue_lists_new_and_mutual_matches_by_score_with_factors(
    client, coordinator, world, second_match, foreign_match, owner, company_member
):
    third = make_match(
        published_need(world.need.organisation, title="Closed one"), world.capability, 0.99
    )
    services.close(third, by=coordinator, reason="No")
    services.state_interest(second_match, by=owner, interest="interested")
    services.state_interest(second_match, by=company_member, interest="interested")
    client.force_login(coordinator)

    html = client.get(reverse(QUEUE)).content.decode()

    assert world.need.title in html and "Medication reminders at home" in html
    assert html.index(world.need.title) < html.index("Medication reminders at home")
    assert "Closed one" not in html  # closed: not in the queue
    assert "Foreign need" not in html  # another hub
    assert "Clinical area" in html and "100%" in html
    assert "Mutual interest" in html
    assert _url("approve", world.match) in html
    # The one-click buttons submit the changelist form (its CSRF token) to another URL: no JS.
    form = html[html.index('id="changelist-form"') :]
    form = form[: form.index("</form>")]
    assert f'formaction="{_url("approve", world.match)}' in form
    assert "csrfmiddlewaretoken" in form


def test_queue_names_the_factors_the_explanation_picks_and_the_score_in_its_form(
    client, coordinator, world
):
    client.force_login(coordinator)

    html = client.get(reverse(QUEUE)).content.decode()

    # topical fits first (not care setting 95 %, nor the composite "fit with requirements")
    assert "Clinical area 100% · Words in common 72% · Kind of technology 50%" in html
    assert "Overall" not in html
    assert "82 % match" in html and ">0.82<" not in html


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("status=mutual", "Medication reminders", "Fall detection"),
        ("status=suggested", "Fall detection", "Medication reminders"),
        ("age=older", "Medication reminders", "Fall detection"),
        ("age=week", "Fall detection", "Medication reminders"),
    ],
)
def test_queue_filters(
    client, coordinator, world, second_match, owner, company_member, query, shown, hidden
):
    services.state_interest(second_match, by=owner, interest="interested")
    services.state_interest(second_match, by=company_member, interest="interested")
    Match.objects.filter(pk=second_match.pk).update(
        first_seen_at=timezone.now() - timedelta(days=40)
    )
    client.force_login(coordinator)
    html = client.get(reverse(QUEUE) + "?" + query).content.decode()
    assert shown in html and hidden not in html


def test_queue_filters_by_clinical_area(client, coordinator, world, second_match):
    area = f.ClinicalAreaFactory()
    world.need.clinical_areas.add(area)
    client.force_login(coordinator)
    html = client.get(reverse(QUEUE) + f"?need__clinical_areas__id__exact={area.pk}").content
    html = html.decode()
    assert world.need.title in html and "Medication reminders" not in html


def test_queue_one_click_approve_comes_back_to_the_queue(client, coordinator, world):
    client.force_login(coordinator)
    queue = reverse(QUEUE)
    response = client.post(_url("approve", world.match) + f"?next={queue}")
    assert response.status_code == 302 and response["Location"] == queue
    world.match.refresh_from_db()
    assert world.match.status == S.APPROVED
    assert world.need.title not in client.get(queue).content.decode()


def test_queue_bulk_close(client, coordinator, world):
    client.force_login(coordinator)
    _action(client, "close_selected", [world.match], QUEUE, apply="1", reason="Duplicate")
    world.match.refresh_from_db()
    assert world.match.status == S.CLOSED


def test_queue_is_empty_for_the_other_hubs_coordinator(client, other_coordinator, world):
    client.force_login(other_coordinator)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    assert world.need.title not in response.content.decode()
