"""Outbox rows and the suppression list.

The models moved here from the accounts app (they were ``accounts.OutboxMessage`` and
``accounts.Suppression``). They keep their tables, ``accounts_outboxmessage`` and
``accounts_suppression``: the move changed Django's state only (see migrations/0001_initial.py),
so no row was copied and no table renamed under a running worker.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One email to one recipient, rendered at event time; its state tells where it is."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SUPPRESSED = "suppressed", _("suppressed")

    key = models.CharField(_("key"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=80, db_index=True)
    category = models.CharField(_("category"), max_length=40, default="transactional")
    to_email = models.EmailField(_("to"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=12)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("plain text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    # [{"filename", "content" (text), "mimetype"}]: small text files such as calendar invites.
    attachments = models.JSONField(_("attachments"), default=list, db_default=[], blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        db_table = "accounts_outboxmessage"  # the table from before the move (see above)
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["state", "claimed_at"], name="outbox_claimed_idx"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to_email} ({self.get_state_display()})"


class Suppression(models.Model):
    """An address we never send to: it bounced permanently, or a coordinator added it."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    reason = models.TextField(_("reason"), blank=True)
    source = models.ForeignKey(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("message that bounced"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        db_table = "accounts_suppression"  # the table from before the move (see above)
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
