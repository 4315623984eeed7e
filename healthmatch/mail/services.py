"""The outbox's verbs: render and enqueue a message in the event's transaction, re-queue stuck
rows, resend, suppress; ``notify()`` writes one templated email per user. Delivery over SMTP is in
``sending.py``.

Every email leaves through ``enqueue()`` (or ``enqueue_rendered()`` for a message rendered
elsewhere, such as allauth's): the row is part of the event's transaction, so a rolled-back event
sends nothing and a committed one is never lost, even when the broker is down at that moment.
"""

import hashlib
import logging
from datetime import timedelta
from functools import partial

from asgiref.local import Local
from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from healthmatch.mail.models import OutboxMessage, Suppression
from healthmatch.mail.text import email_subject, render_plain

log = logging.getLogger(__name__)

State = OutboxMessage.State

# Headers the outbox sets itself; callers cannot override them through ``headers``.
RESERVED_HEADERS = frozenset({"message-id", "to", "from", "subject", "cc", "bcc", "date"})
# The sender task's name (healthmatch/mail/tasks.py): the name it had when it lived in the accounts
# app, which beat and messages already waiting in the broker use.
DELIVER_TASK = "healthmatch.accounts.tasks.deliver_outbox"
# Publishing the kick: a couple of quick tries, then give up (the sweeper sends the row).
KICK_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}


def render_email(
    kind: str, context: dict, language: str | None = None, time_zone: str | None = None
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of templates/email/<kind>_subject.txt, <kind>.txt, .html,
    in ``language`` with times in ``time_zone`` (the site's when None).
    The subject and the text are rendered unescaped, the subject made one line of at most
    ``text.SUBJECT_MAX_LENGTH`` characters (healthmatch/mail/text.py); the HTML is escaped."""
    context = {"site_url": settings.SITE_URL, **context}
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        timezone.override(time_zone or settings.TIME_ZONE),
    ):
        subject = email_subject(render_plain(f"email/{kind}_subject.txt", context))
        text = render_plain(f"email/{kind}.txt", context)
        html = render_to_string(f"email/{kind}.html", context)
    return subject, text, html_document(html, language or settings.LANGUAGE_CODE)


def html_document(body: str, language: str) -> str:
    """An email's HTML part as a whole document that says its language, so that mail
    programs' screen readers and translators read it as such; a whole document stays as is."""
    if not body or body.lstrip().lower().startswith(("<!doctype html", "<html")):
        return body
    return f'<!DOCTYPE html>\n<html lang="{language}"><body>\n{body}</body></html>\n'


def language_for(user) -> str:
    """The language to write to ``user`` in: theirs when the user model has one, else the
    site's default. Nothing else is known about a recipient at event time."""
    language = getattr(user, "language", "") if user is not None else ""
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def time_zone_for(user) -> str:
    """The zone to show times to ``user`` in: their own (User.time_zone), else the site's.
    (Pages also fall back to their hub's zone; the outbox knows no organisations.)"""
    return getattr(user, "time_zone", "") or settings.TIME_ZONE


def message_id_for(key: str) -> str:
    """The Message-ID of the row with ``key``: the same key always gives the same ID."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{settings.OUTBOX_MESSAGE_ID_DOMAIN}>"


def normalise_address(address: str) -> str:
    return address.strip().lower()


def is_suppressed(address: str) -> bool:
    return Suppression.objects.filter(email=normalise_address(address)).exists()


def event_stamp(moment) -> str:
    """A compact, stable part of an outbox key for an event that happened at ``moment``."""
    if moment is None:
        return "-"
    return str(int(moment.timestamp() * 1_000_000))


def notify(kind: str, users, context: dict, *, event: str, category: str, attachments=None) -> int:
    """Enqueue ``kind`` to each active user with an address, once per (kind, event, user):
    repeating the call for the same event writes nothing new. Returns the number of rows.
    Each message is rendered now, in its recipient's language.

    ``attachments``: a list (the same files for everybody) or a callable ``f(user) -> list``,
    called only for a row not written yet, in the recipient's language (see ``enqueue``)."""
    count = 0
    seen = set()
    for user in users:
        if not user.is_active or not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        enqueue(
            key=f"{kind}:{event}:{user.pk}",
            kind=kind,
            to=user.email,
            context={**context, "recipient": user},
            user=user,
            language=language_for(user),
            category=category,
            attachments=partial(attachments, user) if callable(attachments) else attachments,
        )
        count += 1
    return count


def enqueue(
    *,
    key: str,
    kind: str,
    to: str,
    context: dict,
    language: str | None = None,
    attachments=None,
    **options,
) -> OutboxMessage:
    """Render templates/email/<kind>_subject.txt, <kind>.txt, <kind>.html with ``context``
    (+ site_url) in ``language`` and write one OutboxMessage row; ``options`` are those of
    ``enqueue_rendered`` (user, headers, category, from_email).

    Call it inside the event's transaction: the sender task is kicked on commit. Idempotent on
    ``key``: a second call returns the existing row and writes nothing. A suppressed address gets
    a row in state "suppressed" that is never sent. ``headers`` are extra message headers.

    ``attachments``: files sent with the message, each ``{"filename", "content", "mimetype"}``
    with text content (calendar files; ``"text/calendar; method=PUBLISH"``); or a callable
    returning that list, called only when the row is new, in ``language``."""
    existing = OutboxMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = language or settings.LANGUAGE_CODE
    subject, text, html = render_email(kind, context, language, time_zone_for(options.get("user")))
    if callable(attachments):
        with translation.override(language):
            attachments = attachments()
    return enqueue_rendered(
        key=key,
        kind=kind,
        to=to,
        subject=subject,
        text=text,
        html=html,
        language=language,
        attachments=attachments,
        **options,
    )


def enqueue_rendered(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    user=None,
    language: str | None = None,
    headers: dict[str, str] | None = None,
    category: str = "transactional",
    from_email: str | None = None,
    attachments: list[dict] | None = None,
) -> OutboxMessage:
    """Write a row for a message rendered elsewhere (allauth's emails); as ``enqueue``."""
    if not key or len(key) > OutboxMessage._meta.get_field("key").max_length:
        raise ValueError(f"an outbox key must have 1 to 255 characters: {key!r}")
    headers = _clean_headers(headers)
    attachments = _clean_attachments(attachments)
    to = to.strip()
    suppressed = is_suppressed(to)
    row = OutboxMessage(
        key=key,
        kind=kind,
        category=category,
        to_email=to,
        user=user,
        language=language or settings.LANGUAGE_CODE,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        subject=email_subject(subject),
        text=text,
        html=html or "",
        headers=headers,
        attachments=attachments,
        message_id=message_id_for(key),
        state=State.SUPPRESSED if suppressed else State.QUEUED,
        last_error="the address is on the suppression list" if suppressed else "",
    )
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:  # the same key, written by a concurrent or earlier transaction
        return OutboxMessage.objects.get(key=key)
    if not suppressed:
        kick_after_commit()
    return row


def _clean_attachments(attachments) -> list[dict]:
    cleaned = []
    for item in attachments or ():
        filename, content, mimetype = item["filename"], item["content"], item["mimetype"]
        if not isinstance(content, str):
            raise ValueError(f"attachment {filename!r}: the outbox stores text content only")
        if any(c in filename + mimetype for c in '\r\n"') or "/" not in mimetype:
            raise ValueError(f"attachment {filename!r}: bad file name or type {mimetype!r}")
        cleaned.append({"filename": filename, "content": content, "mimetype": mimetype})
    return cleaned


def _clean_headers(headers: dict[str, str] | None) -> dict[str, str]:
    cleaned = {}
    for name, value in (headers or {}).items():
        name, value = str(name).strip(), str(value)
        if not name or name.lower() in RESERVED_HEADERS:
            raise ValueError(f"the outbox sets the {name!r} header itself")
        if any(c in name + value for c in "\r\n") or ":" in name:
            raise ValueError(f"header {name!r} contains a line break or colon")
        cleaned[name] = value
    return cleaned


class _KickOnCommit:
    """The on_commit callback that queues the sender: registered by every row of a transaction,
    it kicks on its first run and does nothing on later ones."""

    ran = False

    def __call__(self):
        if self.ran:
            return
        self.ran = True
        kick()


# The callback this thread's rows register until it runs: one per thread, as Django keeps its
# database connections (a thread-critical Local), so one callback never spans two connections'
# transactions. It is ours: no peeking at the connection's private list of callbacks.
_pending = Local(thread_critical=True)


def kick_after_commit() -> None:
    """Queue the sender task once the transaction commits: once per transaction, however many
    rows it wrote.

    Every row registers the same callback (``transaction.on_commit``), which kicks once. A rolled
    back transaction or savepoint takes its registrations with it; the callback, not having run,
    is registered again by the next row, so no committed row loses its kick. Outside a
    transaction it runs at once, and the next row gets a new one."""
    callback = getattr(_pending, "kick", None)
    if callback is None or callback.ran:
        callback = _pending.kick = _KickOnCommit()
    transaction.on_commit(callback, robust=True)


def kick() -> None:
    """Queue the sender task. Never lets a broker outage reach the request: the row is
    committed, the sweeper sends it. The task is named, not imported: tasks.py imports this
    module, never the other way round (MailConfig.ready registers the tasks in every process)."""
    try:
        current_app.signature(DELIVER_TASK).apply_async(retry=True, retry_policy=KICK_RETRY_POLICY)
    except Exception:
        log.warning("could not queue the outbox sender; the sweeper will send", exc_info=True)


def backoff_seconds(attempts: int) -> int:
    """Seconds before retry number ``attempts`` + 1: exponential from the base, capped."""
    exponent = max(attempts - 1, 0)
    return min(settings.OUTBOX_BACKOFF_CAP, settings.OUTBOX_BACKOFF_BASE * 2 ** min(exponent, 30))


def sweep(now=None) -> dict:
    """Re-queue rows left in "sending" longer than OUTBOX_STUCK_SECONDS (their worker died:
    each such claim counted as an attempt, so a message that kills workers ends "failed"), and
    report how many queued rows are due. Safe to run twice and concurrently."""
    now = now or timezone.now()
    stuck = OutboxMessage.objects.filter(
        state=State.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.OUTBOX_STUCK_SECONDS),
    )
    failed = stuck.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        state=State.FAILED,
        claim_token="",
        last_error="stuck in sending too many times (the worker died while sending)",
    )
    requeued = stuck.update(
        state=State.QUEUED,
        claim_token="",
        claimed_at=None,
        next_attempt_at=now,
        last_error="re-queued by the sweeper: stuck in sending",
    )
    due = OutboxMessage.objects.filter(state=State.QUEUED, next_attempt_at__lte=now).count()
    if requeued or failed:
        log.warning("outbox sweep: %d stuck row(s) re-queued, %d failed", requeued, failed)
    return {"requeued": requeued, "failed": failed, "due": due}


@transaction.atomic
def resend(messages) -> int:
    """Re-queue failed or suppressed messages with their attempts reset. Resending a suppressed
    message lifts the suppression of its address: the coordinator asked for it."""
    rows = list(
        OutboxMessage.objects.select_for_update().filter(
            pk__in=[m.pk for m in messages], state__in=[State.FAILED, State.SUPPRESSED]
        )
    )
    if not rows:
        return 0
    Suppression.objects.filter(
        email__in={normalise_address(r.to_email) for r in rows if r.state == State.SUPPRESSED}
    ).delete()
    count = OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
        state=State.QUEUED,
        attempts=0,
        last_error="",
        claim_token="",
        claimed_at=None,
        next_attempt_at=timezone.now(),
    )
    kick_after_commit()
    return count


def suppress(address: str, *, reason: str, source: OutboxMessage | None = None) -> Suppression:
    """Put ``address`` on the suppression list (idempotent)."""
    suppression, _created = Suppression.objects.get_or_create(
        email=normalise_address(address), defaults={"reason": reason, "source": source}
    )
    return suppression
