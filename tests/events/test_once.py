"""Adding an event in the admin, registering for one, and a coordinator's message to its
participants act once per form token."""

import pytest
from django.urls import reverse

from events import services
from events.models import Event, EventMessage, Registration
from healthmatch.mail.models import OutboxMessage
from tests.events.conftest import event_add_data
from tests.once import (
    assert_landed_on_the_first,
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)


@pytest.mark.django_db
def test_registration_sent_twice_registers_once(client, event, owner, buyer_org):
    client.force_login(owner)
    url = reverse("events:register", args=[event.pk])
    first, second = post_twice(client, url, {"organisation": buyer_org.pk})
    assert Registration.objects.filter(event=event, user=owner).count() == 1
    assert first["Location"] == reverse("events:registration", args=[event.pk])
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_registration_sent_twice_at_once_registers_once(event, owner, buyer_org):
    url = reverse("events:register", args=[event.pk])
    responses = post_twice_at_once(owner, url, {"organisation": buyer_org.pk})
    assert [r.status_code for r in responses] == [302, 302], responses
    assert {r["Location"] for r in responses} == {reverse("events:registration", args=[event.pk])}
    assert Registration.objects.filter(event=event, user=owner).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_registration_with_a_bad_token_registers_nobody(client, event, owner, buyer_org, bad):
    client.force_login(owner)
    data = {"organisation": buyer_org.pk}
    data = forged(data) if bad == "forged" else expired(client, data)
    response = client.post(reverse("events:register", args=[event.pk]), data)
    assert response.status_code == 400
    text = "open for too long" if bad == "expired" else "could not be checked"
    assert text in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_message_to_participants_sent_twice_mails_once(coordinator_client, event, owner, buyer_org):
    services.register(event, owner, buyer_org)
    data = {
        "action": "message_participants",
        "_selected_action": [event.pk],
        "index": "0",
        "apply": "1",
        "subject": "Parking",
        "body": "North entrance.",
    }
    changelist = reverse("admin:events_event_changelist")
    first, second = post_twice(coordinator_client, changelist, data)
    assert_landed_on_the_first(coordinator_client, first, second)
    assert EventMessage.objects.count() == 1
    assert OutboxMessage.objects.filter(kind="event_message").count() == 1


@pytest.mark.django_db
def test_event_added_twice_in_the_admin_is_added_once(coordinator_client, hub):
    page = coordinator_client.get(reverse("admin:events_event_add")).content.decode()
    assert 'name="once_token"' in page
    url = reverse("admin:events_event_add")
    first, second = post_twice(coordinator_client, url, event_add_data(hub))
    assert Event.objects.filter(title="Oslo Matchmaking").count() == 1
    assert_landed_on_the_first(coordinator_client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_event_added_twice_at_once_in_the_admin_is_added_once(coordinator, hub):
    url = reverse("admin:events_event_add")
    responses = post_twice_at_once(coordinator, url, event_add_data(hub))
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Event.objects.filter(title="Oslo Matchmaking").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_event_added_with_a_bad_token_is_not_added(coordinator_client, hub, bad):
    data = event_add_data(hub)
    data = forged(data) if bad == "forged" else expired(coordinator_client, data)
    response = coordinator_client.post(reverse("admin:events_event_add"), data)
    assert_refused_token(response, expired=bad == "expired")
    assert "Oslo Matchmaking" in response.content.decode()
    assert not Event.objects.filter(title="Oslo Matchmaking").exists()
