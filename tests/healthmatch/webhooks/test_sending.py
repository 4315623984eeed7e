"""deliver_due() against a real HTTP receiver on loopback that verifies every signature itself:
success, retries with backoff, redirects not followed, timeouts, endpoints disabled with an
email, the SSRF check at send time, and rotated secrets."""

import json
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from healthmatch.webhooks import services
from healthmatch.webhooks.models import Delivery, Endpoint
from healthmatch.webhooks.sending import claim_one, deliver_due
from tests import factories as f
from tests.healthmatch.mail.conftest import parts

pytestmark = pytest.mark.django_db

State = Delivery.State


def _emit(organisation, n=1):
    rows = []
    for number in range(n):
        rows += services.emit("need.published", [organisation], {"need": {"id": number}})
    return rows


def _make_due(*rows):
    Delivery.objects.filter(pk__in=[r.pk for r in rows]).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_deliver_due_posts_signed_json_with_the_standard_headers(endpoint, receiver, buyer_org):
    (row,) = _emit(buyer_org)

    counts = deliver_due()

    assert counts["claimed"] == 1 and counts["succeeded"] == 1
    (request,) = receiver.posts()
    assert request["verified"], request["headers"]
    assert request["path"] == "/hooks"
    headers = request["headers"]
    assert headers["webhook-id"] == row.webhook_id and row.webhook_id.startswith("msg_")
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 30
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == "HealthMatch-Webhooks/1"
    assert headers["host"] == f"127.0.0.1:{receiver.port}"
    assert request["json"]["type"] == "need.published"
    assert request["json"]["data"] == {"need": {"id": 0}}
    assert request["json"]["timestamp"].endswith("Z")
    row.refresh_from_db()
    assert row.state == State.SUCCEEDED and row.attempts == 1
    assert row.last_status_code == 200 and row.last_response == '{"ok": true}'
    assert row.delivered_at is not None and row.claim_token == ""


def test_a_wrong_secret_fails_the_receivers_check(endpoint, receiver, buyer_org):
    """The receiver's check is real: with another secret it refuses the same request."""
    receiver.secrets = [services.generate_secret()]
    _emit(buyer_org)
    deliver_due()
    assert receiver.posts()[0]["verified"] is False


def test_500_is_retried_with_backoff_then_succeeds_with_the_same_id(
    endpoint, receiver, buyer_org, settings
):
    settings.WEBHOOKS_RETRY_DELAYS = [30, 120, 600]
    receiver.replies = [(500, b"boom", {}), (503, b"busy", {})]
    (row,) = _emit(buyer_org)

    before = timezone.now()
    assert deliver_due()["retried"] == 1
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 1
    assert row.last_status_code == 500 and row.last_response == "boom"
    assert row.last_error == "HTTP 500"
    assert timedelta(seconds=29) < row.next_attempt_at - before < timedelta(seconds=40)
    assert deliver_due()["claimed"] == 0  # not due yet

    _make_due(row)
    deliver_due()
    row.refresh_from_db()
    assert row.attempts == 2 and row.last_status_code == 503
    assert timedelta(seconds=110) < row.next_attempt_at - timezone.now() < timedelta(seconds=130)

    _make_due(row)
    deliver_due()
    row.refresh_from_db()
    assert row.state == State.SUCCEEDED and row.attempts == 3
    assert [r["headers"]["webhook-id"] for r in receiver.posts()] == [row.webhook_id] * 3
    assert all(r["verified"] for r in receiver.posts())
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.failing_since is None


def test_backoff_follows_the_schedule_and_repeats_the_last_delay(settings):
    settings.WEBHOOKS_RETRY_DELAYS = [30, 120, 600, 3600, 21600, 43200]
    assert [services.backoff_seconds(n) for n in range(1, 9)] == [
        30, 120, 600, 3600, 21600, 43200, 43200, 43200,
    ]  # fmt: skip


def test_gives_up_after_max_attempts(endpoint, receiver, buyer_org, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 2
    receiver.default = (500, b"down", {})
    (row,) = _emit(buyer_org)
    deliver_due()
    _make_due(row)
    assert deliver_due()["failed"] == 1
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 2
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1 and endpoint.failing_since is not None
    assert endpoint.active  # one failed delivery is not enough to disable


def test_redirect_is_a_failure_and_never_followed(endpoint, receiver, buyer_org):
    target = receiver.url("/elsewhere")
    receiver.replies = [(302, b"", {"Location": target})]
    (row,) = _emit(buyer_org)

    deliver_due()

    row.refresh_from_db()
    assert row.state == State.QUEUED and row.last_status_code == 302
    assert "not followed" in row.last_error and "/elsewhere" in row.last_error
    assert [r["path"] for r in receiver.requests] == ["/hooks"]  # the target never hit


def test_a_slow_receiver_times_out_and_is_retried(endpoint, receiver, buyer_org, settings):
    settings.WEBHOOKS_READ_TIMEOUT = 1
    receiver.delay = 3
    (row,) = _emit(buyer_org)

    started = time.monotonic()
    assert deliver_due()["retried"] == 1
    assert time.monotonic() - started < 2.5
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.last_status_code is None
    assert "timed out" in row.last_error


def test_a_closed_port_is_a_retried_connection_error(loopback, buyer_org, owner, receiver):
    from tests.real_services import free_port

    endpoint = services.create_endpoint(
        buyer_org,
        actor=owner,
        url=f"http://127.0.0.1:{free_port()}/",
        events=["need.published"],
    )
    (row,) = _emit(buyer_org)
    deliver_due()
    row.refresh_from_db()
    assert row.state == State.QUEUED and "cannot connect" in row.last_error
    assert endpoint.deliveries.count() == 1


def test_endpoint_disabled_after_repeated_failed_deliveries_with_an_email(
    endpoint, receiver, buyer_org, owner, member, settings, smtp
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    receiver.default = (500, b"down", {})
    admin_two = f.UserFactory(email="second-admin@ouh.example", name="Second Admin")
    f.MembershipFactory(user=admin_two, organisation=buyer_org, role="admin")
    rows = _emit(buyer_org, n=4)

    counts = deliver_due(limit=2)
    assert counts["failed"] == 2
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 2

    counts = deliver_due()
    assert counts == {"claimed": 1, "succeeded": 0, "retried": 0, "failed": 1, "more": False}
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    assert "3 deliveries in a row failed" in endpoint.disabled_reason
    assert "HTTP 500" in endpoint.disabled_reason
    # The fourth waits: nothing is sent to a disabled endpoint.
    assert Delivery.objects.get(pk=rows[3].pk).state == State.QUEUED
    assert len(receiver.posts()) == 3

    mails = OutboxMessage.objects.filter(kind="webhook_endpoint_disabled")
    assert sorted(m.to_email for m in mails) == ["owner@ouh.example", "second-admin@ouh.example"]
    from healthmatch.mail.sending import deliver_due as send_mail

    assert send_mail()["sent"] == 2
    message = next(m["message"] for m in smtp.messages if m["to"] == ["owner@ouh.example"])
    assert message["Subject"] == "A webhook endpoint of Odense University Hospital was disabled"
    body = parts(message)
    for part in (body["text/plain"], body["text/html"]):
        assert endpoint.url in part
        assert "3 deliveries in a row failed" in part
        assert f"/organisations/{buyer_org.slug}/webhooks/{endpoint.pk}/" in part
    assert "<a href=" in body["text/html"]

    # Enabled again: the waiting delivery goes out, the counters start over.
    receiver.default = (204, b"", {})
    services.enable(endpoint)
    assert deliver_due()["succeeded"] == 1
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 0


def test_endpoint_failing_for_longer_than_a_day_is_disabled(
    endpoint, receiver, buyer_org, settings
):
    receiver.default = (500, b"down", {})
    Endpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - timedelta(hours=25), consecutive_failures=1
    )
    _emit(buyer_org)
    deliver_due()
    endpoint.refresh_from_db()
    assert not endpoint.active and "every delivery since" in endpoint.disabled_reason
    assert OutboxMessage.objects.filter(kind="webhook_endpoint_disabled").count() == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "[::1]", "localhost"])
def test_private_addresses_refused_at_send_time(endpoint, receiver, buyer_org, settings, host):
    """The endpoint was accepted (or DNS changed since): the sender checks again."""
    Endpoint.objects.filter(pk=endpoint.pk).update(url=f"http://{host}:{receiver.port}/hooks")
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = False
    (row,) = _emit(buyer_org)

    deliver_due()

    row.refresh_from_db()
    assert row.state == State.QUEUED and row.last_error.startswith("refused:")
    assert "public addresses only" in row.last_error
    assert receiver.requests == []


def test_rotation_signs_with_both_secrets_until_the_old_one_expires(endpoint, receiver, buyer_org):
    old = endpoint.secret
    services.rotate_secret(endpoint)
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")

    receiver.secrets = [old]  # a receiver that has not switched yet
    _emit(buyer_org)
    deliver_due()
    receiver.secrets = [endpoint.secret]  # one that has
    _emit(buyer_org)
    deliver_due()
    assert [r["verified"] for r in receiver.posts()] == [True, True]
    assert len(receiver.posts()[0]["headers"]["webhook-signature"].split(" ")) == 2

    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_expires_at=timezone.now() - timedelta(seconds=1)
    )
    receiver.secrets = [old]
    _emit(buyer_org)
    deliver_due()
    assert receiver.posts()[-1]["verified"] is False
    assert len(receiver.posts()[-1]["headers"]["webhook-signature"].split(" ")) == 1


def test_ping_and_redeliver_keep_one_webhook_id(endpoint, receiver, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    receiver.replies = [(500, b"no", {})]
    ping = services.send_ping(endpoint)
    deliver_due()
    ping.refresh_from_db()
    assert ping.state == State.FAILED

    services.redeliver(ping)
    assert ping.state == State.QUEUED and ping.attempts == 0
    deliver_due()
    ping.refresh_from_db()
    assert ping.state == State.SUCCEEDED
    assert receiver.ids() == {ping.webhook_id: 2}
    assert receiver.posts()[-1]["json"] == {
        "type": "ping",
        "timestamp": ping.payload["timestamp"],
        "data": {"endpoint_id": endpoint.pk},
    }


def test_sweeper_requeues_a_stuck_delivery_and_it_is_sent(endpoint, receiver, buyer_org, settings):
    settings.WEBHOOKS_STUCK_SECONDS = 60
    (row,) = _emit(buyer_org)
    token, claimed = claim_one()  # a worker claims it and dies
    assert claimed.pk == row.pk
    assert services.sweep()["requeued"] == 0  # not stuck yet
    Delivery.objects.filter(pk=row.pk).update(claimed_at=timezone.now() - timedelta(minutes=2))

    assert services.sweep() == {"requeued": 1, "failed": 0, "due": 1}
    deliver_due()
    row.refresh_from_db()
    assert row.state == State.SUCCEEDED and row.attempts == 2  # the dead claim counted


def test_two_workers_never_send_one_delivery(endpoint, receiver, transactional_db):
    # Written without a kick (emit's would send them at once here, eagerly, on commit).
    rows = [
        Delivery.objects.create(
            endpoint=endpoint,
            webhook_id=services.new_webhook_id(),
            event_type="need.published",
            payload=services.payload("need.published", {"need": {"id": n}}),
        )
        for n in range(6)
    ]
    results = []

    def work():
        from django.db import connection

        try:
            results.append(deliver_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r["claimed"] for r in results) == 6
    assert receiver.ids() == {row.webhook_id: 1 for row in rows}
    assert json.loads(receiver.posts()[0]["body"])["type"] == "need.published"
