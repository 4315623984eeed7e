"""Delivery: claim due rows one at a time and POST them, signed, to the checked address.

``deliver_due()`` is the one code path the Celery task and the tests use.

- A claim is a short transaction: ``SELECT ... FOR UPDATE SKIP LOCKED`` of one due row, then a
  conditional UPDATE queued -> sending with a fresh token; the claim counts as an attempt (so
  a delivery that kills its worker still reaches the attempt cap). Two workers never send one
  row; a worker killed mid-request leaves the row in "sending" and the sweeper re-queues it:
  that delivery may reach the receiver twice, with the same ``webhook-id``.
- The request: the URL is resolved and checked again (``addresses.resolve``) and the
  connection goes to that checked address, with the endpoint's host name as the Host header,
  the TLS SNI and the name the certificate must match (urllib3's ``server_hostname`` and
  ``assert_hostname``). No second DNS lookup, so no rebinding between check and connect.
- Short timeouts, no redirects followed (a 3xx is a failure), 2xx is success; everything else
  is retried after WEBHOOKS_RETRY_DELAYS, "failed" after WEBHOOKS_MAX_ATTEMPTS.
"""

import json
import logging
import time
import uuid
from datetime import timedelta

import urllib3
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from healthmatch.webhooks import services
from healthmatch.webhooks.addresses import Target, UnsafeURL, resolve
from healthmatch.webhooks.models import Delivery
from healthmatch.webhooks.signing import signature_header

log = logging.getLogger(__name__)

State = Delivery.State
USER_AGENT = "HealthMatch-Webhooks/1"
EXCERPT_BYTES = 1024


class Outcome:
    def __init__(self, ok: bool, status: int | None = None, excerpt: str = "", error: str = ""):
        self.ok, self.status, self.excerpt, self.error = ok, status, excerpt, error


def deliver_due(limit: int | None = None, *, budget_seconds: float | None = None) -> dict:
    """Claim and send due deliveries one by one, up to ``limit`` (WEBHOOKS_BATCH_SIZE) or until
    ``budget_seconds`` have passed. Returns the counts ``claimed``, ``succeeded``, ``retried``,
    ``failed`` and ``more`` (True when it stopped with rows possibly left). Call it outside a
    transaction: every outcome is committed on its own."""
    limit = limit or settings.WEBHOOKS_BATCH_SIZE
    started = time.monotonic()
    counts = {"claimed": 0, "succeeded": 0, "retried": 0, "failed": 0, "more": False}
    while counts["claimed"] < limit:
        if budget_seconds is not None and time.monotonic() - started > budget_seconds:
            counts["more"] = True
            break
        token, row = claim_one()
        if row is None:
            break
        counts["claimed"] += 1
        try:
            outcome = send(row)
        except SoftTimeLimitExceeded:
            _release(row, token)
            raise
        counts[_finish(row, token, outcome)] += 1
    else:
        counts["more"] = True
    if counts["claimed"]:
        log.info("webhooks batch: %s", counts)
    return counts


def claim_one(now=None) -> tuple[str, Delivery | None]:
    """Move one due row from queued to sending under a new token, counting an attempt."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        pk = (
            services.due_deliveries(now)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return token, None
        Delivery.objects.filter(pk=pk, state=State.QUEUED).update(
            state=State.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1
        )
    row = (
        Delivery.objects.select_related("endpoint")
        .filter(pk=pk, claim_token=token, state=State.SENDING)
        .first()
    )
    return token, row


def body_of(delivery: Delivery) -> bytes:
    """The request body: the payload as compact JSON, the same bytes on every attempt."""
    return json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()


def headers_for(delivery: Delivery, body: bytes, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    secrets_ = services.signing_secrets(delivery.endpoint)
    return {
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header(secrets_, delivery.webhook_id, timestamp, body),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }


def send(delivery: Delivery) -> Outcome:
    """POST one delivery; never raises for the receiver's or the network's trouble."""
    try:
        target = resolve(delivery.endpoint.url)
    except UnsafeURL as error:
        return Outcome(False, error=f"refused: {error}")
    body = body_of(delivery)
    headers = {**headers_for(delivery, body), "host": target.host_header}
    errors = []
    for address in target.addresses:
        try:
            return _post(target, address, headers, body)
        except urllib3.exceptions.NewConnectionError as error:  # refused, unreachable: next
            errors.append(f"{address}: {_reason(error)}")
        except urllib3.exceptions.ConnectTimeoutError:
            errors.append(f"{address}: connection timed out")
        except urllib3.exceptions.ReadTimeoutError:
            return Outcome(False, error="timed out waiting for the response")
        except urllib3.exceptions.SSLError as error:
            return Outcome(False, error=f"TLS error: {_reason(error)}")
        except (urllib3.exceptions.HTTPError, OSError) as error:
            return Outcome(False, error=f"{type(error).__name__}: {_reason(error)}")
    return Outcome(False, error="cannot connect: " + "; ".join(errors))


def _post(target: Target, address: str, headers: dict, body: bytes) -> Outcome:
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOKS_CONNECT_TIMEOUT,
        read=settings.WEBHOOKS_READ_TIMEOUT,
        total=settings.WEBHOOKS_CONNECT_TIMEOUT + settings.WEBHOOKS_READ_TIMEOUT,
    )
    options = {"timeout": timeout, "retries": False, "maxsize": 1, "block": False}
    if target.scheme == "https":
        # Connect to the checked address; SNI, the certificate's name and Host are the URL's.
        pool = urllib3.HTTPSConnectionPool(
            address,
            target.port,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, target.port, **options)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers=headers,
            redirect=False,
            retries=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            excerpt = response.read(EXCERPT_BYTES, decode_content=True) or b""
        finally:
            response.release_conn()
    finally:
        pool.close()
    text = excerpt.decode("utf-8", "replace")
    status = response.status
    if 200 <= status < 300:
        return Outcome(True, status, text)
    if 300 <= status < 400:
        where = response.headers.get("location", "")
        return Outcome(False, status, text, f"redirect to {where[:200]} not followed")
    return Outcome(False, status, text, f"HTTP {status}")


def _finish(row: Delivery, token: str, outcome: Outcome) -> str:
    """Record the attempt; returns the counter to bump."""
    now = timezone.now()
    fields = {
        "claim_token": "",
        "last_attempt_at": now,
        "last_status_code": outcome.status,
        "last_response": outcome.excerpt[:EXCERPT_BYTES],
        "last_error": outcome.error[:2000],
    }
    mine = Delivery.objects.filter(pk=row.pk, claim_token=token)
    if outcome.ok:
        # Unconditional: whatever happened to the claim meanwhile, the receiver has it.
        Delivery.objects.filter(pk=row.pk).update(state=State.SUCCEEDED, delivered_at=now, **fields)
        services.record_success(row.endpoint_id)
        return "succeeded"
    gave_up = row.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS
    if gave_up:
        mine.update(state=State.FAILED, **fields)
    else:
        mine.update(
            state=State.QUEUED,
            claimed_at=None,
            next_attempt_at=now + timedelta(seconds=services.backoff_seconds(row.attempts)),
            **fields,
        )
    services.record_failure(row.endpoint_id, gave_up=gave_up, error=outcome.error)
    return "failed" if gave_up else "retried"


def _release(row, token) -> None:
    """Hand a row back untried (the task ran out of time): its claim was not an attempt."""
    Delivery.objects.filter(pk=row.pk, claim_token=token).update(
        state=State.QUEUED, claim_token="", claimed_at=None, attempts=F("attempts") - 1
    )


def _reason(error) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason)[:500]
