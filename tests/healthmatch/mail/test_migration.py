"""The outbox's move from the accounts app to the mail app keeps every row: a database migrated
to the last state before the move gets rows through the historical models, is migrated forward,
and shows the same rows through the mail app's models."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage, Suppression

BEFORE_MOVE = [("accounts", "0004_outbox"), ("mail", None)]

FIELDS = (
    "id",
    "key",
    "kind",
    "to_email",
    "user_id",
    "subject",
    "text",
    "html",
    "headers",
    "message_id",
    "state",
    "attempts",
    "last_error",
    "sent_at",
)
SUPPRESSION_FIELDS = ("id", "email", "reason", "source_id")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_rows(apps):
    """Rows written as the accounts app's models, before the move."""
    user_model = apps.get_model("accounts", "User")
    message = apps.get_model("accounts", "OutboxMessage")
    suppression = apps.get_model("accounts", "Suppression")
    nora = user_model.objects.create(email="nora@ouh.example", name="Nora", password="!")
    sent_at = timezone.now() - dt.timedelta(hours=2)
    message.objects.create(
        key="membership_requested:1:1",
        kind="membership_requested",
        to_email=nora.email,
        user=nora,
        language="da",
        from_email="HealthMatch <no-reply@healthmatch.local>",
        subject="Ny anmodning",
        text="Plain text",
        html="<p>HTML</p>",
        headers={"List-Unsubscribe": "<https://example.org/u>"},
        message_id="<a1@healthmatch.local>",
        state="sent",
        attempts=1,
        sent_at=sent_at,
    )
    bounced = message.objects.create(
        key="match_digest:daily:2",
        kind="match_digest",
        to_email="gone@ouh.example",
        language="en",
        from_email="HealthMatch <no-reply@healthmatch.local>",
        subject="Your matches",
        text="Plain text",
        message_id="<a2@healthmatch.local>",
        state="suppressed",
        attempts=3,
        last_error="550 no such user (at RCPT)",
    )
    message.objects.create(
        key="bid_submitted:3:1",
        kind="bid_submitted",
        to_email="queued@ouh.example",
        language="en",
        from_email="HealthMatch <no-reply@healthmatch.local>",
        subject="A bid",
        text="Plain text",
        message_id="<a3@healthmatch.local>",
        state="queued",
    )
    suppression.objects.create(
        email="gone@ouh.example", reason="550 no such user (at RCPT)", source=bounced
    )
    rows = list(message.objects.order_by("pk").values_list(*FIELDS))
    suppressions = list(suppression.objects.order_by("pk").values_list(*SUPPRESSION_FIELDS))
    return rows, suppressions


@pytest.mark.django_db(transaction=True)
def test_outbox_rows_survive_the_move_to_the_mail_app():
    latest = _latest()
    try:
        executor = _migrate(BEFORE_MOVE)
        old_apps = executor.loader.project_state([("accounts", "0004_outbox")]).apps
        content_type = old_apps.get_model("contenttypes", "ContentType")
        assert content_type.objects.filter(app_label="accounts", model="outboxmessage").exists()
        view_before = Permission.objects.get(codename="view_outboxmessage")
        rows, suppressions = _old_rows(old_apps)

        _migrate(latest)

        assert list(OutboxMessage.objects.order_by("pk").values_list(*FIELDS)) == rows
        assert [r[FIELDS.index("state")] for r in rows] == ["sent", "suppressed", "queued"]
        suppressions_after = Suppression.objects.order_by("pk").values_list(*SUPPRESSION_FIELDS)
        assert list(suppressions_after) == suppressions
        assert OutboxMessage.objects.get(pk=rows[0][0]).user.email == "nora@ouh.example"
        # Permissions follow their models: the same rows, now under the mail app.
        view_after = Permission.objects.get(codename="view_outboxmessage")
        assert view_after.pk == view_before.pk
        assert view_after.content_type == ContentType.objects.get_for_model(OutboxMessage)
        assert view_after.content_type.app_label == "mail"
        # The table's id sequence goes on where it was.
        new = services.enqueue_rendered(
            key="after:move", kind="after_move", to="new@ouh.example", subject="S", text="T"
        )
        assert new.pk > max(r[0] for r in rows)
    finally:
        _migrate(latest)
