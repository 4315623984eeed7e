"""enqueue(): rows written in the event's transaction, rendered now, idempotent on the key."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from healthmatch.accounts.models import Membership
from healthmatch.accounts.services import request_membership, verify_organisation
from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage, Suppression
from tests import factories as f
from tests.healthmatch.mail.conftest import sender_runs

pytestmark = pytest.mark.django_db

State = OutboxMessage.State


def _enqueue(org, key="test:1", to="nora@ouh.example", **extra):
    return services.enqueue(
        key=key, kind="organisation_verified", to=to, context={"organisation": org}, **extra
    )


def test_enqueue_writes_rendered_row_with_deterministic_message_id(settings, buyer_org):
    settings.OUTBOX_MESSAGE_ID_DOMAIN = "mail.healthmatch.example"
    user = f.UserFactory(email="nora@ouh.example")

    row = _enqueue(
        buyer_org,
        user=user,
        language="da",
        category="account",
        headers={"List-Unsubscribe": "<https://x.example/u/1/>"},
    )

    row.refresh_from_db()
    assert row.state == State.QUEUED
    assert (row.kind, row.category, row.to_email, row.user, row.language) == (
        "organisation_verified",
        "account",
        "nora@ouh.example",
        user,
        "da",
    )
    # Rendered in the row's language (Danish), the organisation's name as written.
    assert row.subject == "Odense University Hospital er verificeret på HealthMatch"
    assert "Odense University Hospital" in row.text and "has verified" not in row.text
    assert f"{settings.SITE_URL}/dashboard/" in row.text
    assert '<a href="http://' in row.html and "/dashboard/" in row.html
    assert row.headers == {"List-Unsubscribe": "<https://x.example/u/1/>"}
    assert row.message_id == services.message_id_for("test:1")
    assert row.message_id.endswith("@mail.healthmatch.example>")
    assert services.message_id_for("test:1") == row.message_id  # stable
    assert services.message_id_for("test:2") != row.message_id
    assert row.attempts == 0 and row.sent_at is None
    assert row.from_email == settings.DEFAULT_FROM_EMAIL
    assert mail.outbox == []  # written, not sent


def test_enqueue_same_key_twice_writes_one_row(buyer_org):
    first = _enqueue(buyer_org)
    second = _enqueue(buyer_org, to="someone-else@ouh.example")

    assert second.pk == first.pk
    assert second.to_email == "nora@ouh.example"
    assert OutboxMessage.objects.count() == 1


def test_enqueue_default_language_is_the_site_language(settings, buyer_org):
    assert _enqueue(buyer_org).language == settings.LANGUAGE_CODE


def test_enqueue_rolled_back_with_its_event_leaves_no_row(owner, buyer_org):
    joiner = f.UserFactory(email="nina@ouh.example")

    with pytest.raises(RuntimeError), transaction.atomic():
        request_membership(joiner, buyer_org, "hello")
        assert OutboxMessage.objects.filter(kind="membership_requested").count() == 1
        raise RuntimeError("the event fails after the email was queued")

    assert not Membership.objects.filter(user=joiner).exists()
    assert OutboxMessage.objects.count() == 0


def test_event_writes_rows_in_its_transaction_and_kicks_once(
    owner, member, buyer_org, coordinator, django_capture_on_commit_callbacks
):
    buyer_org.verified_at = None
    buyer_org.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        verify_organisation(buyer_org, actor=coordinator)
        rows = list(OutboxMessage.objects.order_by("to_email"))
        assert [r.to_email for r in rows] == [member.email, owner.email]
        assert mail.outbox == []

    # Each row registered the same callback: the commit runs it once per row, it kicks once.
    # (Other callbacks, such as the cache versions' replacements, are not the outbox's.)
    callbacks = [c for c in callbacks if type(c).__module__ == "healthmatch.mail.services"]
    assert len(callbacks) == 2 and len(set(callbacks)) == 1
    with sender_runs() as runs:
        for callback in callbacks:
            callback()
    assert runs == [services.DELIVER_TASK]  # one kick for the transaction, however many rows
    assert sorted(m.to[0] for m in mail.outbox) == [member.email, owner.email]
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.SENT}


def test_same_event_twice_writes_one_row_per_recipient(owner, buyer_org):
    from healthmatch.accounts import notifications

    membership = Membership.objects.get(user=owner)
    membership.decided_at = timezone.now()
    membership.save()
    notifications.membership_decided(membership)
    notifications.membership_decided(membership)

    assert OutboxMessage.objects.filter(kind="membership_decided").count() == 1


def test_enqueue_to_suppressed_address_writes_suppressed_row_never_sent(
    buyer_org, django_capture_on_commit_callbacks
):
    services.suppress("Nora@OUH.example", reason="manual")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = _enqueue(buyer_org)

    assert row.state == State.SUPPRESSED
    assert callbacks == []  # nothing to kick
    assert mail.outbox == []
    assert Suppression.objects.get().email == "nora@ouh.example"


@pytest.mark.parametrize(
    "headers",
    [
        {"Message-ID": "<x@y>"},
        {"To": "evil@example.org"},
        {"X-Evil": "a\r\nBcc: evil@example.org"},
        {"X-Bad:Name": "x"},
    ],
)
def test_enqueue_refuses_reserved_or_broken_headers(buyer_org, headers):
    with pytest.raises(ValueError):
        _enqueue(buyer_org, headers=headers)
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_enqueue_refuses_empty_or_too_long_keys(buyer_org, key):
    with pytest.raises(ValueError):
        _enqueue(buyer_org, key=key)
    assert OutboxMessage.objects.count() == 0


def test_backoff_is_exponential_and_capped(settings):
    settings.OUTBOX_BACKOFF_BASE = 60
    settings.OUTBOX_BACKOFF_CAP = 600
    assert [services.backoff_seconds(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


def test_kick_survives_a_rolled_back_savepoint(buyer_org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _enqueue(buyer_org, key="test:gone")
            raise RuntimeError("the inner step fails")
        _enqueue(buyer_org, key="test:kept", to="kept@ouh.example")

    assert len(callbacks) == 1
    assert list(OutboxMessage.objects.values_list("key", "state")) == [("test:kept", State.SENT)]
    assert [m.to for m in mail.outbox] == [["kept@ouh.example"]]
