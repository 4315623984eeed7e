"""deliver_due() against a real SMTP server on loopback: what arrives, and what each kind of
SMTP trouble does to the row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage, Suppression
from healthmatch.mail.sending import claim_due, deliver_due
from tests.healthmatch.mail.conftest import parts
from tests.real_services import free_port

pytestmark = pytest.mark.django_db

State = OutboxMessage.State
UNSUBSCRIBE = {
    "List-Unsubscribe": "<https://healthmatch.example/notifications/unsubscribe/abc/>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
}


def _enqueue(org, n, **extra):
    return services.enqueue(
        key=f"test:{n}",
        kind="organisation_verified",
        to=f"person{n}@ouh.example",
        context={"organisation": org},
        **extra,
    )


def _make_due(*rows):
    OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_deliver_due_sends_batch_over_one_connection_with_headers_and_both_parts(smtp, buyer_org):
    rows = [_enqueue(buyer_org, n, headers=UNSUBSCRIBE) for n in range(3)]

    counts = deliver_due()

    assert counts == {"claimed": 3, "sent": 3, "retried": 0, "failed": 0, "suppressed": 0}
    assert smtp.sessions == 1
    assert [m["to"] for m in smtp.messages] == [[f"person{n}@ouh.example"] for n in range(3)]
    for row, received in zip(rows, smtp.messages, strict=True):
        message = received["message"]
        assert message["Message-ID"] == row.message_id == services.message_id_for(row.key)
        assert message["To"] == row.to_email
        assert message["Subject"] == "Odense University Hospital is verified on HealthMatch"
        assert message["List-Unsubscribe"] == UNSUBSCRIBE["List-Unsubscribe"]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        body = parts(message)
        assert sorted(body) == ["text/html", "text/plain"]
        assert "has verified Odense University Hospital" in body["text/plain"]
        assert "<p>" in body["text/html"] and "/dashboard/" in body["text/html"]
    assert sum(smtp.message_ids().values()) == len(smtp.message_ids()) == 3  # no duplicates
    for row in OutboxMessage.objects.all():
        assert row.state == State.SENT and row.sent_at and row.attempts == 1
        assert row.claim_token == "" and row.last_error == ""

    assert deliver_due() == {"claimed": 0, "sent": 0, "retried": 0, "failed": 0, "suppressed": 0}
    assert len(smtp.messages) == 3


def test_deliver_due_respects_limit_and_order(smtp, buyer_org):
    for n in range(5):
        _enqueue(buyer_org, n)

    assert deliver_due(limit=2)["sent"] == 2
    assert [m["to"][0] for m in smtp.messages] == ["person0@ouh.example", "person1@ouh.example"]
    assert OutboxMessage.objects.filter(state=State.QUEUED).count() == 3


def test_451_at_rcpt_retries_with_backoff_then_sends_once(smtp, settings, buyer_org):
    settings.OUTBOX_BACKOFF_BASE = 120
    smtp.rcpt_replies["person0@ouh.example"] = ["451 4.7.1 Greylisted, try again later"]
    row = _enqueue(buyer_org, 0)
    before = timezone.now()

    assert deliver_due()["retried"] == 1

    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 1
    assert "451" in row.last_error and "Greylisted" in row.last_error
    assert before + timedelta(seconds=119) < row.next_attempt_at
    assert row.next_attempt_at < timezone.now() + timedelta(seconds=121)
    assert smtp.messages == []
    assert deliver_due()["claimed"] == 0  # not due yet

    _make_due(row)
    assert deliver_due()["sent"] == 1

    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert list(smtp.message_ids().values()) == [1]


def test_451_at_data_is_transient_too(smtp, buyer_org):
    smtp.data_replies = ["451 4.3.0 Local error in processing"]
    first, second = _enqueue(buyer_org, 0), _enqueue(buyer_org, 1)

    counts = deliver_due()

    assert (counts["retried"], counts["sent"]) == (1, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == State.QUEUED and "451" in first.last_error
    assert second.state == State.SENT
    assert smtp.sessions == 1  # the connection stayed usable


def test_550_at_rcpt_suppresses_address_and_later_messages(
    smtp, buyer_org, django_capture_on_commit_callbacks
):
    smtp.rcpt_replies["person0@ouh.example"] = ["550 5.1.1 No such user"]
    row, other = _enqueue(buyer_org, 0), _enqueue(buyer_org, 1)

    counts = deliver_due()

    assert (counts["suppressed"], counts["sent"]) == (1, 1)
    row.refresh_from_db()
    assert row.state == State.SUPPRESSED and "550" in row.last_error
    suppression = Suppression.objects.get()
    assert suppression.email == "person0@ouh.example" and suppression.source == row
    assert "No such user" in suppression.reason
    assert [m["to"] for m in smtp.messages] == [["person1@ouh.example"]]
    other.refresh_from_db()
    assert other.state == State.SENT

    with django_capture_on_commit_callbacks(execute=True):
        later = services.enqueue(
            key="test:later",
            kind="organisation_verified",
            to="Person0@ouh.example",
            context={"organisation": buyer_org},
        )
    assert later.state == State.SUPPRESSED
    assert deliver_due()["claimed"] == 0
    assert len(smtp.messages) == 1


def test_address_suppressed_while_queued_is_not_sent(smtp, buyer_org):
    row = _enqueue(buyer_org, 0)
    services.suppress("person0@ouh.example", reason="manual")

    assert deliver_due() == {"claimed": 1, "sent": 0, "retried": 0, "failed": 0, "suppressed": 1}
    row.refresh_from_db()
    assert row.state == State.SUPPRESSED
    assert smtp.messages == [] and smtp.sessions == 0  # no connection for nothing


def test_554_at_data_fails_with_error(smtp, buyer_org):
    smtp.data_replies = ["554 5.6.0 Message content rejected"]
    row = _enqueue(buyer_org, 0)

    assert deliver_due()["failed"] == 1

    row.refresh_from_db()
    assert row.state == State.FAILED
    assert row.last_error == "554 5.6.0 Message content rejected"
    assert not Suppression.objects.exists()


def test_421_at_data_retries_and_reconnects_for_the_rest(smtp, buyer_org):
    smtp.data_replies = ["250", "421 4.3.2 Service shutting down"]
    rows = [_enqueue(buyer_org, n) for n in range(3)]

    counts = deliver_due()

    assert (counts["sent"], counts["retried"]) == (2, 1)
    states = [OutboxMessage.objects.get(pk=r.pk).state for r in rows]
    assert states == [State.SENT, State.QUEUED, State.SENT]
    assert smtp.sessions == 2


def test_connection_refused_requeues_whole_batch_with_backoff(settings, buyer_org):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.OUTBOX_BACKOFF_BASE = 60
    rows = [_enqueue(buyer_org, n) for n in range(2)]

    counts = deliver_due()

    assert (counts["claimed"], counts["retried"]) == (2, 2)
    for row in rows:
        row.refresh_from_db()
        assert row.state == State.QUEUED and row.attempts == 1
        assert "cannot connect" in row.last_error and "refused" in row.last_error.lower()
        assert row.next_attempt_at > timezone.now() + timedelta(seconds=55)


def test_transient_errors_fail_at_the_attempt_cap(settings, buyer_org):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.OUTBOX_MAX_ATTEMPTS = 3
    row = _enqueue(buyer_org, 0)

    outcomes = []
    for _ in range(3):
        _make_due(row)
        counts = deliver_due()
        outcomes.append("failed" if counts["failed"] else "retried")

    assert outcomes == ["retried", "retried", "failed"]
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 3
    assert row.last_error.startswith("gave up after 3 attempts")


def test_claim_moves_rows_to_sending_once(buyer_org):
    rows = [_enqueue(buyer_org, n) for n in range(3)]

    token, claimed = claim_due(10)
    second_token, second = claim_due(10)

    assert [r.pk for r in claimed] == [r.pk for r in rows]
    assert second == [] and second_token != token
    assert all(r.state == State.SENDING and r.claim_token == token for r in claimed)
    assert all(r.attempts == 1 and r.claimed_at for r in claimed)


def test_file_backend_writes_one_file_per_message(settings, tmp_path, buyer_org):
    """make run's default (EMAIL_URL=file://var/mail) still shows every message."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    rows = [_enqueue(buyer_org, n) for n in range(2)]

    assert deliver_due()["sent"] == 2

    # Django names a file by the second and the backend object's id, which Python may reuse
    # within a second: two messages can share a file, so count messages, not files.
    contents = "".join(path.read_text() for path in sorted((tmp_path / "mail").iterdir()))
    assert contents.count("Message-ID: ") == 2
    assert all(row.message_id in contents for row in rows)


def test_quick_commits_setting_is_restored_after_a_batch(smtp, buyer_org):
    from django.db import connection

    def durability():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SHOW synchronous_commit")
            else:
                cursor.execute("PRAGMA synchronous")
            return cursor.fetchone()[0]

    before = durability()
    _enqueue(buyer_org, 0)

    assert deliver_due()["sent"] == 1
    assert durability() == before
