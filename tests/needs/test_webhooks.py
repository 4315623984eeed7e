"""need.published through the real service: the need's own organisation's endpoints only; a
bulk load (the demo seeder) writes nothing."""

import pytest

from needs import services
from tests import factories as f
from tests.healthmatch.webhooks.conftest import deliveries, subscribe

pytestmark = pytest.mark.django_db


def test_publishing_a_need_emits_need_published_to_its_organisation(
    buyer_org, company_org, coordinator
):
    subscribe(buyer_org, "need.published")
    subscribe(company_org, "need.published")  # not the company's need: nothing for it
    need = f.NeedFactory(organisation=buyer_org, submitted=True)

    services.publish_need(need, actor=coordinator)

    assert deliveries() == [
        (
            "need.published",
            buyer_org.pk,
            {
                "need": {
                    "id": need.pk,
                    "status": "published",
                    "url": f"http://127.0.0.1:8000/api/v1/needs/{need.pk}/",
                }
            },
        )
    ]


def test_a_bulk_publish_emits_nothing(buyer_org, coordinator):
    subscribe(buyer_org, "need.published")
    need = f.NeedFactory(organisation=buyer_org, submitted=True)
    services.publish_need(need, actor=coordinator, bulk=True)
    assert deliveries() == []
