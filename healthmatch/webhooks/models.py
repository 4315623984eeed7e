"""An organisation's webhook endpoints and the deliveries made to them.

A Delivery is written in the transaction of the event it reports (``services.emit``) and sent
by the worker after commit, retried from this table as the outbox retries emails: a committed
event is never lost, whatever happens to the broker or the worker.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import Organisation


class Endpoint(models.Model):
    """An HTTPS URL of an organisation's own systems, the event types it wants, and the secret
    its deliveries are signed with (Standard Webhooks: ``whsec_<base64>``)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("organisation"),
    )
    url = models.URLField(_("URL"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    # After a rotation the old secret signs too (a second signature) until it expires, so the
    # receiver can switch over without losing a delivery.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    events = models.JSONField(_("event types"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Deliveries that ended "failed" in a row, and the first failed attempt since the last
    # success: either disables the endpoint (WEBHOOKS_DISABLE_AFTER_*). A success resets both.
    consecutive_failures = models.PositiveIntegerField(
        _("consecutive failed deliveries"), default=0
    )
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    disabled_reason = models.TextField(_("why it was disabled"), blank=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["organisation__name", "created_at", "pk"]

    def __str__(self):
        return f"{self.url} ({self.organisation})"

    def subscribes_to(self, event_type: str) -> bool:
        return event_type in (self.events or ())


class Delivery(models.Model):
    """One event to one endpoint. ``webhook_id`` is the message's id, the same on every retry,
    so the receiver can drop a message it already has."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        Endpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    webhook_id = models.CharField(_("webhook id"), max_length=64, unique=True)
    event_type = models.CharField(_("event type"), max_length=64)
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_response = models.TextField(_("last response (excerpt)"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="webhook_due_idx"),
            models.Index(fields=["state", "claimed_at"], name="webhook_claimed_idx"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_endpoint_idx"),
        ]

    def __str__(self):
        return f"{self.event_type} {self.webhook_id} ({self.get_state_display()})"
