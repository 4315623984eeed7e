"""Delivery: claim due outbox rows and send them over one SMTP connection, classifying errors.

``deliver_due()`` is the one code path the Celery task, the sweeper and the benchmarks use.

- A claim is a conditional UPDATE queued -> sending with a fresh token (on PostgreSQL after
  ``SELECT ... FOR UPDATE SKIP LOCKED``), so two workers never send one row.
- After the server's 250 the row is marked "sent" in its own statement at once: the time between
  the two is the only window in which a dying worker leaves a sent message looking unsent.
- 4xx replies, dropped or refused connections and timeouts are transient: back to "queued" after
  a capped exponential backoff, "failed" after OUTBOX_MAX_ATTEMPTS. A 5xx at RCPT suppresses the
  address; any other 5xx fails the row with the server's answer.
"""

import logging
import smtplib
import uuid
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from email.mime.application import MIMEApplication

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import SafeMIMEText
from django.db import connection as db
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage, Suppression
from healthmatch.mail.services import backoff_seconds, normalise_address, suppress

log = logging.getLogger(__name__)

State = OutboxMessage.State

TRANSIENT, PERMANENT, REFUSED = "transient", "permanent", "refused"


def deliver_due(limit: int | None = None, *, connection=None) -> dict:
    """Claim up to ``limit`` (OUTBOX_BATCH_SIZE) due rows and send them. Returns the counts
    ``claimed``, ``sent``, ``retried``, ``failed`` and ``suppressed``. Call it outside a
    transaction: every row's outcome is committed on its own."""
    token, rows = claim_due(limit or settings.OUTBOX_BATCH_SIZE)
    counts = Counter({"claimed": len(rows), "sent": 0, "retried": 0, "failed": 0, "suppressed": 0})
    if rows:
        with _quick_commits():
            _send_batch(rows, token, connection, counts)
        log.info("outbox batch: %s", dict(counts))
    return dict(counts)


def claim_due(limit: int, now=None) -> tuple[str, list[OutboxMessage]]:
    """Move up to ``limit`` due rows from queued to sending under a new token; each claim counts
    as an attempt (so a row whose worker dies still reaches the attempt cap)."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(state=State.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return token, []
        OutboxMessage.objects.filter(pk__in=ids, state=State.QUEUED).update(
            state=State.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1
        )
    rows = OutboxMessage.objects.filter(pk__in=ids, claim_token=token, state=State.SENDING)
    position = {pk: index for index, pk in enumerate(ids)}
    return token, sorted(rows, key=lambda row: position[row.pk])


@contextmanager
def _quick_commits():
    """Outcome marks commit without waiting for the disk flush (PostgreSQL
    ``synchronous_commit=off``, SQLite ``synchronous=NORMAL`` in WAL mode). A worker that dies
    loses nothing: the database already has the commit. Only a crash of the database server
    itself (or the machine) can lose the last few marks, and a lost "sent" mark means one
    duplicate, never a lost message. Without this a batch waits for one fsync per message."""
    if db.vendor == "postgresql":
        statements = ("SET synchronous_commit TO OFF", "RESET synchronous_commit")
    elif db.vendor == "sqlite" and not db.in_atomic_block:  # SQLite refuses it in a transaction
        with db.cursor() as cursor:
            previous = int(cursor.execute("PRAGMA synchronous").fetchone()[0])
        statements = ("PRAGMA synchronous = NORMAL", f"PRAGMA synchronous = {previous}")
    else:
        statements = None
    if statements:
        with db.cursor() as cursor:
            cursor.execute(statements[0])
    try:
        yield
    finally:
        if statements:
            with db.cursor() as cursor:
                cursor.execute(statements[1])


def build_message(row: OutboxMessage, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=row.from_email or settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        headers={**row.headers, "Message-ID": row.message_id},
        connection=connection,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for item in row.attachments or ():
        message.attach(attachment_part(item))
    return message


def attachment_part(item: dict):
    """A MIME part of an outbox attachment: text in UTF-8 with the type's parameters kept
    (``text/calendar; method=PUBLISH``, which mail clients read to offer "add to calendar")."""
    kind, *params = (part.strip() for part in item["mimetype"].split(";"))
    maintype, _slash, subtype = kind.partition("/")
    if maintype == "text":
        part = SafeMIMEText(item["content"], subtype, "utf-8")
    else:
        part = MIMEApplication(item["content"].encode("utf-8"), subtype)
    for param in params:
        name, _eq, value = param.partition("=")
        if name and value:
            part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=item["filename"])
    return part


def _send_batch(rows, token, given_connection, counts) -> None:
    connection = given_connection or get_connection(fail_silently=False)
    suppressed = set(
        Suppression.objects.filter(
            email__in={normalise_address(r.to_email) for r in rows}
        ).values_list("email", flat=True)
    )
    # Only SMTP gains from one open connection; the other backends get a fresh one per message,
    # so the file backend (make run's default) writes a file per message, as it always did
    # (Django names files by second and backend id, so two messages may share one).
    persistent = isinstance(connection, SMTPBackend)
    fresh = given_connection is None and not persistent
    is_open = False
    try:
        for index, row in enumerate(rows):
            if normalise_address(row.to_email) in suppressed:
                _finish(row, token, State.SUPPRESSED, "the address is on the suppression list")
                counts["suppressed"] += 1
                continue
            if persistent and not is_open:
                try:
                    connection.open()
                    is_open = True
                except SoftTimeLimitExceeded:
                    _release(rows[index:], token)
                    raise
                except Exception as exc:  # refused, timeout, TLS or login trouble: retry later
                    error = f"cannot connect to the mail server: {_describe(exc)}"
                    log.warning("outbox: %s", error)
                    for waiting in rows[index:]:
                        counts[_retry(waiting, token, error)] += 1
                    return
            try:
                build_message(row, get_connection() if fresh else connection).send()
            except SoftTimeLimitExceeded:
                _release(rows[index:], token)
                raise
            except Exception as exc:
                outcome, error = classify(exc)
                if outcome == REFUSED:
                    suppress(row.to_email, reason=error, source=row)
                    suppressed.add(normalise_address(row.to_email))
                    _finish(row, token, State.SUPPRESSED, error)
                    counts["suppressed"] += 1
                elif outcome == TRANSIENT:
                    counts[_retry(row, token, error)] += 1
                else:
                    _finish(row, token, State.FAILED, error)
                    counts["failed"] += 1
                if persistent and is_open and _connection_lost(exc):
                    _close(connection)
                    is_open = False
                continue
            _mark_sent(row)
            counts["sent"] += 1
    finally:
        if is_open:
            _close(connection)


def classify(exc: BaseException) -> tuple[str, str]:
    """(outcome, error text) for an exception raised while sending one message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = list(exc.recipients.values()) or [(550, b"refused")]
        code, reply = replies[0]
        error = f"{code} {_text(reply)} (at RCPT)"
        if 500 <= code < 600:
            return REFUSED, error
        return (TRANSIENT if 400 <= code < 500 else PERMANENT), error
    if isinstance(exc, smtplib.SMTPResponseException):  # sender refused, DATA refused, ...
        error = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        return (TRANSIENT if 400 <= exc.smtp_code < 500 else PERMANENT), error
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TRANSIENT, f"server disconnected: {exc}"
    if isinstance(exc, smtplib.SMTPException):
        return PERMANENT, _describe(exc)
    if isinstance(exc, OSError):  # refused, reset, timed out
        return TRANSIENT, _describe(exc)
    log.exception("outbox: cannot send a message")
    return PERMANENT, _describe(exc)


def _connection_lost(exc) -> bool:
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPRecipientsRefused)


def _mark_sent(row) -> None:
    # Unconditional: whatever happened to the claim meanwhile, the server has the message.
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.SENT, sent_at=timezone.now(), claim_token="", last_error=""
    )


def _finish(row, token, state, error) -> None:
    OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(
        state=state, claim_token="", last_error=error[:2000]
    )


def _retry(row, token, error) -> str:
    """Back to queued after the backoff, or failed at the cap; returns the counter to bump."""
    if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _finish(row, token, State.FAILED, f"gave up after {row.attempts} attempts: {error}")
        return "failed"
    OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(
        state=State.QUEUED,
        claim_token="",
        claimed_at=None,
        last_error=error[:2000],
        next_attempt_at=timezone.now() + timedelta(seconds=backoff_seconds(row.attempts)),
    )
    return "retried"


def _release(rows, token) -> None:
    """Hand rows back untried (the task ran out of time): their claim was not an attempt."""
    OutboxMessage.objects.filter(pk__in=[r.pk for r in rows], claim_token=token).update(
        state=State.QUEUED, claim_token="", claimed_at=None, attempts=F("attempts") - 1
    )


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a dead connection may fail to say QUIT; nothing to do about it
        log.debug("outbox: closing the SMTP connection failed", exc_info=True)


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _describe(exc) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]
