"""The follow-up: the beat task asks both sides once, MATCH_FOLLOW_UP_DAYS after the
introduction; the signed one-click links confirm on GET and move the lifecycle on POST."""

import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from matching import tasks
from matching.lifecycle import follow_up, introductions, services
from matching.models import Match
from tests.matching.lifecycle.conftest import parts, received

pytestmark = pytest.mark.django_db
S = Match.Status


@pytest.fixture
def introduced(world, coordinator):
    services.approve(world.match, by=coordinator)
    introductions.send_introduction(
        world.match, by=coordinator, subject="Hi", body_buyer="B", body_company="C"
    )
    OutboxMessage.objects.all().delete()  # only the follow-up's emails in these tests
    world.match.refresh_from_db()
    return world.match


def _make_due(match):
    Match.objects.filter(pk=match.pk).update(follow_up_due_at=timezone.now() - timedelta(hours=1))


def _links(smtp_settings, address):
    text = parts(received(smtp_settings)[address])["text/plain"]
    return {
        answer: urlsplit(line.split(": ", 1)[1].strip()).path
        for answer, label in (
            ("met", "We met"),
            ("pilot", "A pilot has started"),
            ("no_go", "No go"),
        )
        for line in text.splitlines()
        if line.startswith(label + ":")
    }


def test_nothing_is_asked_before_it_is_due(introduced, smtp_settings):
    tasks.send_match_follow_ups.delay()
    deliver_due()
    assert smtp_settings.handler.messages == []
    introduced.refresh_from_db()
    assert introduced.follow_up_sent_at is None


def test_both_sides_are_asked_once_even_when_the_task_runs_twice(introduced, smtp_settings):
    _make_due(introduced)

    tasks.send_match_follow_ups.delay()
    tasks.send_match_follow_ups.delay()
    deliver_due()

    got = received(smtp_settings)
    assert sorted(got) == [
        "ceo@caresense.example",
        "dev@caresense.example",
        "member@ouh.example",
        "owner@ouh.example",
    ]
    assert len(smtp_settings.handler.messages) == 4
    message = got["owner@ouh.example"]
    assert message["Subject"].strip() == f"How did it go? {introduced.need.title} ↔ CareSense ApS"
    body = parts(message)
    assert sorted(body) == ["text/html", "text/plain"]
    links = _links(smtp_settings, "owner@ouh.example")
    assert sorted(links) == ["met", "no_go", "pilot"]
    for path in links.values():
        assert path in body["text/html"]
    introduced.refresh_from_db()
    assert introduced.follow_up_sent_at is not None


def test_matches_already_past_met_are_not_asked(introduced, owner, smtp_settings):
    services.report(introduced, by=owner, to=S.PILOT)
    _make_due(introduced)
    assert follow_up.send_due_follow_ups() == 0


def test_get_only_asks_and_post_moves_the_lifecycle(introduced, smtp_settings, client):
    _make_due(introduced)
    follow_up.send_due_follow_ups()
    deliver_due()
    links = _links(smtp_settings, "dev@caresense.example")

    response = client.get(links["met"])
    assert response.status_code == 200
    assert "We met" in response.content.decode()
    introduced.refresh_from_db()
    assert introduced.status == S.INTRODUCED

    response = client.post(links["met"])
    assert response.status_code == 200
    assert "your answer is recorded" in response.content.decode()
    introduced.refresh_from_db()
    assert introduced.status == S.MET
    event = introduced.events.latest("pk")
    assert event.actor.email == "dev@caresense.example"

    client.post(links["met"])  # twice: nothing more
    assert introduced.events.filter(to_status=S.MET).count() == 1


def test_pilot_answer_records_met_and_pilot(introduced, smtp_settings, client):
    _make_due(introduced)
    follow_up.send_due_follow_ups()
    deliver_due()
    client.post(_links(smtp_settings, "owner@ouh.example")["pilot"])
    introduced.refresh_from_db()
    assert introduced.status == S.PILOT
    assert list(introduced.events.order_by("pk").values_list("to_status", flat=True))[-2:] == [
        S.MET,
        S.PILOT,
    ]


def test_no_go_closes_the_match_with_a_reason(introduced, smtp_settings, client):
    _make_due(introduced)
    follow_up.send_due_follow_ups()
    deliver_due()
    client.post(_links(smtp_settings, "member@ouh.example")["no_go"])
    introduced.refresh_from_db()
    assert introduced.status == S.CLOSED
    assert "follow-up" in introduced.closed_reason
    client.post(_links(smtp_settings, "member@ouh.example")["no_go"])
    assert introduced.events.filter(to_status=S.CLOSED).count() == 1


def test_a_late_answer_after_closing_is_a_clear_message(introduced, owner, coordinator, client):
    token = follow_up.make_token(introduced, owner, "met")
    services.close(introduced, by=coordinator, reason="Stopped")
    response = client.post(f"/matches/follow-up/{token}/")
    assert response.status_code == 409
    assert "cannot move" in response.content.decode()
    introduced.refresh_from_db()
    assert introduced.status == S.CLOSED


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_refused(introduced, owner, client, method):
    token = follow_up.make_token(introduced, owner, "met")
    response = getattr(client, method)(f"/matches/follow-up/{token[:-2]}xx/")
    assert response.status_code == 400
    introduced.refresh_from_db()
    assert introduced.status == S.INTRODUCED


def test_a_link_of_someone_who_left_the_organisation_is_refused(introduced, member, client):
    token = follow_up.make_token(introduced, member, "no_go")
    member.memberships.all().delete()
    response = client.post(f"/matches/follow-up/{token}/")
    assert response.status_code == 400
    introduced.refresh_from_db()
    assert introduced.status == S.INTRODUCED


def test_an_expired_link_is_refused(introduced, owner, client, settings):
    token = follow_up.make_token(introduced, owner, "met")
    settings.MATCH_FOLLOW_UP_LINK_DAYS = -1
    assert client.get(f"/matches/follow-up/{token}/").status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent runs need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_ask_once(world, coordinator):
    services.approve(world.match, by=coordinator)
    introductions.send_introduction(
        world.match, by=coordinator, subject="Hi", body_buyer="B", body_company="C"
    )
    _make_due(world.match)
    results, barrier = [], threading.Barrier(4)

    def run():
        barrier.wait()
        try:
            results.append(follow_up.send_due_follow_ups())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 0, 0, 1]
    assert OutboxMessage.objects.filter(kind="follow_up").count() == 4
