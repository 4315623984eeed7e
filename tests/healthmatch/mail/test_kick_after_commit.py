"""The sender is queued after a real commit, once per transaction however many rows it wrote;
a rolled-back transaction queues nothing and leaves nothing behind that stops the next kick."""

import pytest
from django.core import mail
from django.db import transaction

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage
from tests.healthmatch.mail.conftest import sender_runs

pytestmark = pytest.mark.django_db(transaction=True)

State = OutboxMessage.State


def _enqueue(n):
    return services.enqueue_rendered(
        key=f"kick:{n}", kind="kick_test", to=f"person{n}@example.org", subject="S", text="T"
    )


def test_commit_of_many_rows_runs_the_sender_once():
    with sender_runs() as runs:
        with transaction.atomic():
            for n in range(3):
                _enqueue(n)
            assert mail.outbox == []

    assert runs == [services.DELIVER_TASK]
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.org" for n in range(3)]
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}


def test_rolled_back_transaction_sends_nothing_and_the_next_commit_still_kicks():
    with sender_runs() as runs:
        with pytest.raises(RuntimeError), transaction.atomic():
            _enqueue(1)
            raise RuntimeError("the event fails")
        assert runs == [] and mail.outbox == []
        assert not OutboxMessage.objects.exists()

        with transaction.atomic():
            _enqueue(2)

    assert runs == [services.DELIVER_TASK]
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]


def test_rows_written_outside_a_transaction_are_each_kicked_at_once():
    with sender_runs() as runs:
        _enqueue(1)
        _enqueue(2)

    assert runs == [services.DELIVER_TASK, services.DELIVER_TASK]
    assert [m.to for m in mail.outbox] == [["person1@example.org"], ["person2@example.org"]]
