"""A meeting request acts once per form token: the double click asks once."""

import pytest
from django.urls import reverse

from events.requests.models import MeetingRequest
from tests.once import (
    assert_landed_on_the_first,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


@pytest.mark.django_db
def test_meeting_request_sent_twice_asks_once(client, event, buyer_reg, company_reg, owner):
    client.force_login(owner)
    first, second = post_twice(
        client, url("request_new", event, company_reg.pk), {"message": "Night falls?"}
    )
    assert MeetingRequest.objects.count() == 1
    assert first["Location"] == url("requests", event)
    assert_landed_on_the_first(client, first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_meeting_request_sent_twice_at_once_asks_once(event, buyer_reg, company_reg, owner):
    responses = post_twice_at_once(
        owner, url("request_new", event, company_reg.pk), {"message": "Night falls?"}
    )
    assert [r.status_code for r in responses] == [302, 302], responses
    assert MeetingRequest.objects.count() == 1


@pytest.mark.django_db
def test_meeting_request_with_a_forged_token_asks_nothing(
    client, event, buyer_reg, company_reg, owner
):
    client.force_login(owner)
    response = client.post(
        url("request_new", event, company_reg.pk), forged({"message": "Night falls?"})
    )
    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert "Night falls?" in response.content.decode()
    assert not MeetingRequest.objects.exists()
