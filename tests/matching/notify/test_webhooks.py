"""match.created: new matches to the subscribed organisations' endpoints, once per match and
organisation, with the confidentiality of the emails."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from matching.models import Match
from matching.notify.models import MatchWebhookNotice
from matching.notify.webhooks import announce_new_matches
from matching.tasks import send_match_created_webhooks
from tests import factories as f
from tests.healthmatch.webhooks.conftest import deliveries, subscribe
from tests.matching.notify.conftest import make_match, published_need

pytestmark = pytest.mark.django_db


def api(path):
    return f"http://127.0.0.1:8000/api/v1/{path}"


def test_a_new_match_reaches_both_subscribed_sides_once(world, buyer_org, company_org):
    subscribe(buyer_org, "match.created")
    subscribe(company_org, "match.created", "match.mutual")
    match = make_match(world.need, world.radar, 0.8)

    assert announce_new_matches() == 2
    rows = deliveries("match.created")
    assert sorted(org for _t, org, _d in rows) == sorted([buyer_org.pk, company_org.pk])
    assert rows[0][2] == {
        "match": {"id": match.pk, "status": "suggested", "url": api(f"matches/{match.pk}/")},
        "need": {"id": world.need.pk, "url": api(f"needs/{world.need.pk}/")},
        "capability": {"id": world.radar.pk, "url": api(f"capabilities/{world.radar.pk}/")},
    }
    # A second pass (or the beat task) sends nothing again.
    assert announce_new_matches() == 0
    send_match_created_webhooks.delay()
    assert len(deliveries("match.created")) == 2
    assert MatchWebhookNotice.objects.count() == 2


def test_only_subscribed_organisations_hear_of_it(world, buyer_org, company_org):
    subscribe(company_org, "match.mutual")  # another event type
    make_match(world.need, world.radar, 0.8)
    assert announce_new_matches() == 0
    subscribe(buyer_org, "match.created")
    assert announce_new_matches() == 1
    assert [(t, o) for t, o, _d in deliveries()] == [("match.created", buyer_org.pk)]


def test_matches_an_email_would_not_announce_are_not_sent(world, buyer_org, company_org):
    subscribe(buyer_org, "match.created")
    make_match(world.need, world.radar, 0.3)  # below the notification threshold
    make_match(world.need, world.mats, 0.9, status=Match.Status.DISMISSED_BY_BUYER)
    old = published_need(buyer_org, title="An old need")
    make_match(old, world.radar, 0.9, first_seen_at=timezone.now() - datetime.timedelta(days=30))
    assert announce_new_matches() == 0
    assert deliveries() == []


def test_a_confidential_need_reaches_the_company_only_when_invited(world, buyer_org, company_org):
    subscribe(buyer_org, "match.created")
    subscribe(company_org, "match.created")
    secret = published_need(buyer_org, title="Secret ward redesign", is_confidential=True)
    make_match(secret, world.radar, 0.9)
    assert announce_new_matches() == 1
    assert [o for _t, o, _d in deliveries()] == [buyer_org.pk]

    f.NeedInvitationFactory(need=secret, organisation=company_org)
    assert announce_new_matches() == 1
    assert sorted(o for _t, o, _d in deliveries()) == sorted([buyer_org.pk, company_org.pk])


def test_a_pass_stops_at_its_limit_and_the_next_goes_on(world, buyer_org, settings):
    settings.WEBHOOKS_MATCH_CREATED_PER_PASS = 1
    subscribe(buyer_org, "match.created")
    make_match(world.need, world.radar, 0.8)
    make_match(world.need, world.mats, 0.7)
    assert announce_new_matches() == 1
    assert announce_new_matches() == 1
    assert announce_new_matches() == 0
    assert len(deliveries()) == 2


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_once_send_each_event_once(world, buyer_org, company_org):
    subscribe(buyer_org, "match.created")
    subscribe(company_org, "match.created")
    for n in range(5):
        need = published_need(buyer_org, title=f"Need {n}")
        make_match(need, world.radar, 0.8)
    barrier = threading.Barrier(2)
    counts = []

    def run():
        try:
            barrier.wait()
            counts.append(announce_new_matches())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 10
    assert len(deliveries("match.created")) == 10
