"""match.mutual and match.introduced through the real services, to both sides' organisations."""

import pytest

from matching.lifecycle import introductions, services
from tests.healthmatch.webhooks.conftest import deliveries, subscribe

pytestmark = pytest.mark.django_db


def test_a_mutual_match_emits_to_both_sides(
    world, buyer_org, company_org, owner, company_owner, foreign_org
):
    subscribe(buyer_org, "match.mutual")
    subscribe(company_org, "match.mutual", "match.introduced")
    subscribe(foreign_org, "match.mutual")

    services.state_interest(world.match, by=owner, interest="interested")
    assert deliveries() == []  # one side is not a mutual match
    services.state_interest(world.match, by=company_owner, interest="interested")

    rows = deliveries()
    assert sorted(org for _type, org, _data in rows) == sorted([buyer_org.pk, company_org.pk])
    _type, _org, data = rows[0]
    assert data == {
        "match": {
            "id": world.match.pk,
            "status": "mutual",
            "url": f"http://127.0.0.1:8000/api/v1/matches/{world.match.pk}/",
        },
        "need": {
            "id": world.need.pk,
            "url": f"http://127.0.0.1:8000/api/v1/needs/{world.need.pk}/",
        },
        "capability": {
            "id": world.capability.pk,
            "url": f"http://127.0.0.1:8000/api/v1/capabilities/{world.capability.pk}/",
        },
    }


def test_an_introduction_emits_match_introduced(world, company_org, coordinator):
    subscribe(company_org, "match.introduced")
    services.approve(world.match, by=coordinator)
    assert deliveries() == []  # approved is not a webhook
    introductions.send_introduction(
        world.match, by=coordinator, subject="Meet", body_buyer="Hello", body_company="Hello"
    )
    assert [(t, o) for t, o, _d in deliveries()] == [("match.introduced", company_org.pk)]
