"""The sweeper re-queues stuck rows and sends what is due; a broker outage at event time loses
nothing (the row is committed, the request succeeds, the sweeper sends it later)."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from healthmatch.accounts.models import Membership
from healthmatch.celery import app as celery_app
from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import claim_due
from healthmatch.mail.tasks import deliver_outbox, sweep_outbox
from tests import factories as f
from tests.once import once
from tests.real_services import free_port

State = OutboxMessage.State


def _enqueue(org, n):
    return services.enqueue(
        key=f"test:{n}",
        kind="organisation_verified",
        to=f"person{n}@ouh.example",
        context={"organisation": org},
    )


@pytest.mark.django_db
def test_sweep_requeues_rows_stuck_in_sending(settings, buyer_org):
    settings.OUTBOX_STUCK_SECONDS = 600
    settings.OUTBOX_MAX_ATTEMPTS = 3
    stuck, fresh, worn = (_enqueue(buyer_org, n) for n in range(3))
    _token, _rows = claim_due(10)
    long_ago = timezone.now() - timedelta(seconds=601)
    OutboxMessage.objects.filter(pk__in=[stuck.pk, worn.pk]).update(claimed_at=long_ago)
    OutboxMessage.objects.filter(pk=worn.pk).update(attempts=3)

    result = services.sweep()

    assert result == {"requeued": 1, "failed": 1, "due": 1}
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    worn.refresh_from_db()
    assert stuck.state == State.QUEUED and stuck.claim_token == "" and stuck.attempts == 1
    assert "sweeper" in stuck.last_error
    assert fresh.state == State.SENDING  # a live batch is left alone
    assert worn.state == State.FAILED and "stuck" in worn.last_error
    assert services.sweep() == {"requeued": 0, "failed": 0, "due": 1}  # safe to repeat


@pytest.mark.django_db
def test_sweep_task_sends_due_rows(smtp, buyer_org):
    row = _enqueue(buyer_org, 0)  # its kick never ran (no commit in this test)
    OutboxMessage.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=5)
    )

    result = sweep_outbox.delay().get()

    assert result["due"] == 1
    row.refresh_from_db()
    assert row.state == State.SENT
    assert [m["to"] for m in smtp.messages] == [["person0@ouh.example"]]


@pytest.mark.django_db
def test_deliver_task_keeps_going_while_batches_are_full(smtp, settings, buyer_org):
    settings.OUTBOX_BATCH_SIZE = 2
    for n in range(5):
        _enqueue(buyer_org, n)

    deliver_outbox.delay()

    assert OutboxMessage.objects.filter(state=State.SENT).count() == 5
    assert len(smtp.messages) == 5


@pytest.fixture
def broker_down(settings):
    """Celery publishes for real to a broker nobody listens on."""
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    celery_app.conf.task_always_eager = False
    _reset_pools()
    try:
        yield
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        _reset_pools()


def _reset_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_broker_down_at_event_time_loses_nothing(
    broker_down, smtp, client, owner, buyer_org, caplog
):
    joiner = f.UserFactory(email="nina@ouh.example", name="Nina Newcomer")
    client.force_login(joiner)

    started = time.monotonic()
    response = client.post(
        reverse("organisation_join"),
        once(client, {"organisation": buyer_org.pk, "message": "I run the falls project."}),
    )
    elapsed = time.monotonic() - started

    assert response.status_code == 302, response.content[:500]
    assert Membership.objects.get(user=joiner).status == Membership.Status.PENDING
    row = OutboxMessage.objects.get(kind="membership_requested")
    assert row.state == State.QUEUED and row.to_email == owner.email
    assert smtp.messages == []
    assert "could not queue the outbox sender" in caplog.text  # the broker really was down
    assert elapsed < 10

    # The broker comes back; beat's sweeper finds the row and sends it.
    celery_app.conf.task_always_eager = True
    result = sweep_outbox.delay().get()

    assert result["due"] == 1
    row.refresh_from_db()
    assert row.state == State.SENT
    assert [m["to"] for m in smtp.messages] == [[owner.email]]
    assert "Nina Newcomer" in smtp.messages[0]["message"]["Subject"]
