"""The introduction editor's "Send to both sides" acts once per form token: a double click
lands on the match with one introduction sent, one email per person."""

import pytest
from django.urls import reverse

from healthmatch.mail.models import OutboxMessage
from matching.lifecycle import services
from matching.lifecycle.models import Introduction
from matching.models import Match
from tests.once import (
    assert_landed_on_the_first,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

DATA = {"subject": "Meet", "body_buyer": "Text for OUH", "body_company": "Text for CareSense"}


def _url(match):
    return reverse("admin:matching_match_lifecycle_introduction", args=[match.pk])


@pytest.mark.django_db
def test_introduction_sent_twice_is_sent_once(client, coordinator, world):
    services.approve(world.match, by=coordinator)
    client.force_login(coordinator)
    first, second = post_twice(client, _url(world.match), {**DATA, "send": "1"})
    assert_landed_on_the_first(client, first, second)
    assert Introduction.objects.get(match=world.match).sent_at is not None
    sent = list(
        OutboxMessage.objects.filter(kind="introduction").values_list("to_email", flat=True)
    )
    assert len(sent) == len(set(sent)) > 0  # one email per person


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_introduction_sent_twice_at_once_is_sent_once(coordinator, world):
    services.approve(world.match, by=coordinator)
    responses = post_twice_at_once(coordinator, _url(world.match), {**DATA, "send": "1"})
    assert [r.status_code for r in responses] == [302, 302], responses
    world.match.refresh_from_db()
    assert world.match.status == Match.Status.INTRODUCED
    sent = list(
        OutboxMessage.objects.filter(kind="introduction").values_list("to_email", flat=True)
    )
    assert len(sent) == len(set(sent)) > 0


@pytest.mark.django_db
def test_introduction_with_a_forged_token_sends_nothing(client, coordinator, world):
    services.approve(world.match, by=coordinator)
    client.force_login(coordinator)
    response = client.post(_url(world.match), forged({**DATA, "send": "1"}))
    assert response.status_code == 200
    assert "could not be checked" in response.content.decode()
    assert not OutboxMessage.objects.exists()
    world.match.refresh_from_db()
    assert world.match.status == Match.Status.APPROVED
