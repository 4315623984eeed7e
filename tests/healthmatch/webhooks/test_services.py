"""emit(): rows only for subscribed, active endpoints of the organisations named, in the
caller's transaction; endpoints' secrets; the payload's shape."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from healthmatch.webhooks import services, signing
from healthmatch.webhooks.models import Delivery

pytestmark = pytest.mark.django_db


def _endpoint(org, user, events, **extra):
    return services.create_endpoint(
        org, actor=user, url="http://127.0.0.1:9/hooks", events=events, **extra
    )


def test_emit_writes_rows_only_for_subscribed_active_endpoints(
    loopback, buyer_org, company_org, owner, company_owner, foreign_org
):
    subscribed = _endpoint(buyer_org, owner, ["need.published", "bid.submitted"])
    _endpoint(buyer_org, owner, ["bid.decided"])  # another type
    off = _endpoint(buyer_org, owner, ["need.published"])
    services.disable(off)
    company = _endpoint(company_org, company_owner, ["need.published"])
    _endpoint(foreign_org, owner, ["need.published"])  # not named

    rows = services.emit("need.published", [buyer_org, company_org.pk], {"need": {"id": 7}})

    assert {row.endpoint_id for row in rows} == {subscribed.pk, company.pk}
    assert Delivery.objects.count() == 2
    assert len({row.webhook_id for row in rows}) == 2
    row = rows[0]
    assert row.state == Delivery.State.QUEUED and row.attempts == 0
    assert set(row.payload) == {"type", "timestamp", "data"}
    assert row.payload["type"] == "need.published" and row.payload["data"] == {"need": {"id": 7}}


def test_emit_with_bulk_or_nobody_writes_nothing(loopback, buyer_org, owner):
    _endpoint(buyer_org, owner, ["need.published"])
    assert services.emit("need.published", [buyer_org], {}, bulk=True) == []
    assert services.emit("need.published", [], {}) == []
    assert Delivery.objects.count() == 0


def test_emit_refuses_unknown_types(buyer_org):
    with pytest.raises(ValueError, match="unknown webhook event type"):
        services.emit("need.exploded", [buyer_org], {})


def test_emit_in_a_rolled_back_transaction_leaves_nothing(loopback, buyer_org, owner):
    _endpoint(buyer_org, owner, ["need.published"])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.emit("need.published", [buyer_org], {})
        raise RuntimeError
    assert Delivery.objects.count() == 0


def test_emit_kicks_the_sender_once_after_commit(
    loopback, buyer_org, owner, django_capture_on_commit_callbacks
):
    _endpoint(buyer_org, owner, ["need.published"])
    with django_capture_on_commit_callbacks() as callbacks:
        services.emit("need.published", [buyer_org], {})
        services.emit("need.published", [buyer_org], {})
    assert len({id(c) for c in callbacks}) == 1  # one kick per transaction


def test_new_endpoints_get_a_standard_webhooks_secret(loopback, buyer_org, owner):
    endpoint = _endpoint(buyer_org, owner, ["need.published", "match.mutual"])
    assert endpoint.secret.startswith("whsec_")
    assert len(signing.secret_key(endpoint.secret)) == 32
    assert endpoint.events == ["need.published", "match.mutual"]
    assert endpoint.created_by == owner and endpoint.active


def test_endpoint_with_an_unknown_event_or_unsafe_url_is_refused(loopback, buyer_org, owner):
    settings = loopback
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(ValidationError) as error:
        _endpoint(buyer_org, owner, ["need.published"])
    assert "public addresses only" in error.value.message_dict["url"][0]
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with pytest.raises(ValidationError) as error:
        _endpoint(buyer_org, owner, ["nope"])
    assert "events" in error.value.message_dict


def test_ping_refused_on_a_disabled_endpoint(loopback, buyer_org, owner):
    endpoint = _endpoint(buyer_org, owner, [])
    services.disable(endpoint)
    with pytest.raises(ValidationError):
        services.send_ping(endpoint)
    assert Delivery.objects.count() == 0
