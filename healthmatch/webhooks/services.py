"""The webhooks' verbs: emit an event to the subscribed endpoints (in the event's transaction),
manage endpoints (create, edit, rotate the secret, enable, disable, ping), redeliver, and the
sweeper's and the sender's bookkeeping (backoff, disabling an endpoint that keeps failing).
Sending over HTTP is in ``sending.py``.

``emit()`` writes one Delivery row per active endpoint subscribed to the type, inside the
caller's transaction, and queues the sender once that transaction commits; a rolled-back event
sends nothing, a committed one is never lost, whatever happens to the broker or the worker.
"""

import datetime
import logging
import uuid
from datetime import timedelta

from asgiref.local import Local
from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from healthmatch.accounts.models import Membership
from healthmatch.mail.services import event_stamp, notify
from healthmatch.webhooks import event_types
from healthmatch.webhooks.addresses import UnsafeURL, resolve
from healthmatch.webhooks.models import Delivery, Endpoint
from healthmatch.webhooks.signing import generate_secret

log = logging.getLogger(__name__)

State = Delivery.State

DELIVER_TASK = "healthmatch.webhooks.tasks.deliver_webhooks"
# Publishing the kick: a couple of quick tries, then give up (the sweeper sends the row).
KICK_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}


# --- Emitting ---------------------------------------------------------------------------------


def api_url(path: str) -> str:
    """The absolute URL of an API resource: ``api_url("needs/4/")`` ->
    ``<SITE_URL>/api/v1/needs/4/``."""
    return f"{settings.SITE_URL}/api/v1/{path.lstrip('/')}"


def new_webhook_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def payload(event_type: str, data: dict, now=None) -> dict:
    moment = (now or timezone.now()).astimezone(datetime.UTC)
    return {
        "type": event_type,
        "timestamp": moment.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "data": data,
    }


def _org_ids(organisations) -> set[int]:
    ids = set()
    for org in organisations:
        if org is not None:
            ids.add(org if isinstance(org, int) else org.pk)
    return ids


def emit(event_type: str, organisations, data: dict, *, bulk: bool = False) -> list[Delivery]:
    """Write a Delivery of ``event_type`` with ``data`` for every active endpoint of
    ``organisations`` (objects or ids) subscribed to it; the sender is kicked after commit.
    ``data`` holds ids and API URLs only, nothing the receiving organisations may not see.
    ``bulk=True`` (the demo seeder) writes nothing. Returns the rows written."""
    if event_type not in event_types.EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r} (see event_types.py)")
    if bulk:
        return []
    ids = _org_ids(organisations)
    if not ids:
        return []
    endpoints = [
        endpoint
        for endpoint in Endpoint.objects.filter(organisation_id__in=ids, active=True)
        if endpoint.subscribes_to(event_type)
    ]
    if not endpoints:
        return []
    body = payload(event_type, data)
    rows = [_write(endpoint, event_type, body) for endpoint in endpoints]
    kick_after_commit()
    return rows


def _write(endpoint, event_type, body) -> Delivery:
    # One INSERT per row (not bulk_create): a row a few endpoints long, and post_save lets the
    # demo seeder take its rows back before commit (healthmatch/demo/quiet.py).
    return Delivery.objects.create(
        endpoint=endpoint, webhook_id=new_webhook_id(), event_type=event_type, payload=body
    )


# --- Endpoints ------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """``url`` cleaned, or ValidationError(field "url") when it breaks the SSRF rules."""
    try:
        resolve(url)
    except UnsafeURL as error:
        raise ValidationError({"url": str(error)}, code="unsafe_url") from error
    return url.strip()


def _check_events(events) -> list[str]:
    unknown = [e for e in events if e not in event_types.EVENT_TYPES]
    if unknown:
        raise ValidationError(
            {"events": _("Unknown event type: %(type)s.") % {"type": unknown[0]}}, code="unknown"
        )
    return [e for e in event_types.EVENT_TYPES if e in events]


@transaction.atomic
def create_endpoint(organisation, *, actor, url, description="", events=()) -> Endpoint:
    return Endpoint.objects.create(
        organisation=organisation,
        url=check_url(url),
        description=description.strip(),
        events=_check_events(events),
        secret=generate_secret(),
        created_by=actor,
    )


@transaction.atomic
def update_endpoint(endpoint, *, url, description="", events=()) -> Endpoint:
    endpoint.url = check_url(url)
    endpoint.description = description.strip()
    endpoint.events = _check_events(events)
    endpoint.save(update_fields=["url", "description", "events"])
    return endpoint


@transaction.atomic
def rotate_secret(endpoint) -> Endpoint:
    """A new secret; the old one keeps signing too for WEBHOOKS_PREVIOUS_SECRET_SECONDS (each
    delivery then carries two signatures), so the receiver can switch without a gap."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + timedelta(
        seconds=settings.WEBHOOKS_PREVIOUS_SECRET_SECONDS
    )
    endpoint.secret = generate_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint


def signing_secrets(endpoint, now=None) -> list[str]:
    """The secrets a delivery is signed with now: the current one, and the previous one until
    it expires."""
    now = now or timezone.now()
    secrets_ = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires and expires > now:
        secrets_.append(endpoint.previous_secret)
    return secrets_


@transaction.atomic
def enable(endpoint) -> Endpoint:
    """Active again, with its failure count reset; deliveries still queued go out now."""
    Endpoint.objects.filter(pk=endpoint.pk).update(
        active=True,
        consecutive_failures=0,
        failing_since=None,
        disabled_at=None,
        disabled_reason="",
    )
    endpoint.refresh_from_db()
    Delivery.objects.filter(endpoint=endpoint, state=State.QUEUED).update(
        next_attempt_at=timezone.now()
    )
    kick_after_commit()
    return endpoint


@transaction.atomic
def disable(endpoint, *, reason: str = "") -> Endpoint:
    """Stop sending to it (by hand). Its queued deliveries wait until it is enabled again."""
    Endpoint.objects.filter(pk=endpoint.pk).update(
        active=False, disabled_at=timezone.now(), disabled_reason=reason
    )
    endpoint.refresh_from_db()
    return endpoint


@transaction.atomic
def delete_endpoint(endpoint) -> None:
    """The endpoint and its deliveries go; a delivery being sent finishes unrecorded."""
    Endpoint.objects.filter(pk=endpoint.pk).delete()


@transaction.atomic
def send_ping(endpoint) -> Delivery:
    """A ``ping`` to this endpoint alone, whatever it subscribes to."""
    if not endpoint.active:
        raise ValidationError(_("Enable the endpoint before you send it a test event."))
    row = Delivery.objects.create(
        endpoint=endpoint,
        webhook_id=new_webhook_id(),
        event_type=event_types.PING,
        payload=payload(event_types.PING, {"endpoint_id": endpoint.pk}),
    )
    kick_after_commit()
    return row


@transaction.atomic
def redeliver(delivery) -> Delivery:
    """A failed delivery queued again, attempts reset, with the same webhook id (the receiver
    drops it if it had it after all)."""
    updated = Delivery.objects.filter(pk=delivery.pk, state=State.FAILED).update(
        state=State.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        claim_token="",
        claimed_at=None,
    )
    if not updated:
        raise ValidationError(_("Only a failed delivery can be sent again."), code="not_failed")
    kick_after_commit()
    delivery.refresh_from_db()
    return delivery


# --- The sender's bookkeeping ---------------------------------------------------------------


def backoff_seconds(attempts: int) -> int:
    """Seconds before retry number ``attempts`` + 1: WEBHOOKS_RETRY_DELAYS in turn, the last
    one repeated."""
    delays = settings.WEBHOOKS_RETRY_DELAYS
    return int(delays[min(max(attempts, 1), len(delays)) - 1])


def record_success(endpoint_id: int) -> None:
    Endpoint.objects.filter(pk=endpoint_id).exclude(
        consecutive_failures=0, failing_since=None
    ).update(consecutive_failures=0, failing_since=None)


@transaction.atomic
def record_failure(endpoint_id: int, *, gave_up: bool, error: str) -> bool:
    """Count a failed attempt (``gave_up``: the delivery failed for good) and disable the
    endpoint when it keeps failing: WEBHOOKS_DISABLE_AFTER_FAILURES deliveries failed in a row,
    or nothing but failures for WEBHOOKS_DISABLE_AFTER_SECONDS. Its organisation's
    administrators are told by email. True when it was disabled now."""
    endpoint = Endpoint.objects.select_for_update().filter(pk=endpoint_id).first()
    if endpoint is None:
        return False
    now = timezone.now()
    endpoint.failing_since = endpoint.failing_since or now
    if gave_up:
        endpoint.consecutive_failures += 1
    fields = ["failing_since", "consecutive_failures"]
    reason = ""
    if endpoint.active:
        if endpoint.consecutive_failures >= settings.WEBHOOKS_DISABLE_AFTER_FAILURES:
            reason = _("%(count)d deliveries in a row failed; the last error: %(error)s") % {
                "count": endpoint.consecutive_failures,
                "error": error,
            }
        elif now - endpoint.failing_since >= timedelta(
            seconds=settings.WEBHOOKS_DISABLE_AFTER_SECONDS
        ):
            reason = _("every delivery since %(since)s failed; the last error: %(error)s") % {
                "since": endpoint.failing_since.isoformat(timespec="minutes"),
                "error": error,
            }
    if reason:
        endpoint.active = False
        endpoint.disabled_at = now
        endpoint.disabled_reason = reason[:2000]
        fields += ["active", "disabled_at", "disabled_reason"]
    endpoint.save(update_fields=fields)
    if reason:
        log.warning("webhooks: endpoint %s disabled: %s", endpoint.pk, reason)
        _tell_disabled(endpoint)
    return bool(reason)


def _tell_disabled(endpoint) -> int:
    admins = [
        m.user
        for m in Membership.objects.active()
        .filter(organisation=endpoint.organisation, role=Membership.Role.ADMIN)
        .select_related("user")
    ]
    return notify(
        "webhook_endpoint_disabled",
        admins,
        {
            "endpoint": endpoint,
            "organisation": endpoint.organisation,
            "endpoint_url": settings.SITE_URL
            + reverse("webhooks:endpoint", args=[endpoint.organisation.slug, endpoint.pk]),
        },
        event=f"{endpoint.pk}:{event_stamp(endpoint.disabled_at)}",
        category="transactional",
    )


def sweep(now=None) -> dict:
    """Re-queue deliveries left in "sending" longer than WEBHOOKS_STUCK_SECONDS (their worker
    died; the claim counted as an attempt, so a delivery that kills workers ends "failed"), and
    report how many queued rows are due. Safe to run twice and concurrently."""
    now = now or timezone.now()
    stuck = Delivery.objects.filter(
        state=State.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.WEBHOOKS_STUCK_SECONDS),
    )
    failed = stuck.filter(attempts__gte=settings.WEBHOOKS_MAX_ATTEMPTS).update(
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
    due = due_deliveries(now).count()
    if requeued or failed:
        log.warning("webhooks sweep: %d stuck row(s) re-queued, %d failed", requeued, failed)
    return {"requeued": requeued, "failed": failed, "due": due}


def due_deliveries(now=None):
    """Queued deliveries whose time has come, to active endpoints."""
    return Delivery.objects.filter(
        state=State.QUEUED,
        next_attempt_at__lte=now or timezone.now(),
        endpoint__active=True,
    )


# --- Kicking the sender ---------------------------------------------------------------------


class _KickOnCommit:
    """The on_commit callback that queues the sender: registered by every row of a transaction,
    it kicks on its first run and does nothing on later ones (as the outbox's)."""

    ran = False

    def __call__(self):
        if self.ran:
            return
        self.ran = True
        kick()


_pending = Local(thread_critical=True)


def kick_after_commit() -> None:
    """Queue the sender once the transaction commits, once per transaction (see
    ``healthmatch.mail.services.kick_after_commit``, which this mirrors)."""
    callback = getattr(_pending, "kick", None)
    if callback is None or callback.ran:
        callback = _pending.kick = _KickOnCommit()
    transaction.on_commit(callback, robust=True)


def kick() -> None:
    """Queue the sender task by name; a broker outage is logged, never raised (the row is
    committed: the sweeper sends it)."""
    try:
        current_app.signature(DELIVER_TASK).apply_async(retry=True, retry_policy=KICK_RETRY_POLICY)
    except Exception:
        log.warning("could not queue the webhook sender; the sweeper will send", exc_info=True)
