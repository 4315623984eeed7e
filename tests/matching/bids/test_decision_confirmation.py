"""The need owner's confirmation after a decision on a bid says how many people at the company
the outbox wrote to, and that nobody was when the company has no active member left."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from healthmatch.accounts.models import Membership
from healthmatch.mail.models import OutboxMessage
from tests.matching.bids.conftest import bid_on

pytestmark = pytest.mark.django_db


def _decide(client, bid, decision="shortlisted"):
    response = client.post(reverse("bids:decide", args=[bid.pk]), {"decision": decision})
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_confirmation_counts_the_emails_written(client, world, owner):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    client.force_login(owner)
    assert _decide(client, bid) == [
        "Your decision is saved and 2 people at CareSense ApS are told by email."
    ]
    assert OutboxMessage.objects.filter(kind="bid_decided").count() == 2


def test_a_company_without_active_members_is_not_said_to_be_told(client, world, owner):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    Membership.objects.filter(organisation=world.company).delete()
    client.force_login(owner)
    assert _decide(client, bid) == [
        "Your decision is saved. CareSense ApS has no active member on HealthMatch any more, so "
        "nobody there was emailed."
    ]
    assert not OutboxMessage.objects.filter(kind="bid_decided").exists()
