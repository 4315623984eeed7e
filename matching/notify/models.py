"""Match emails: each person's notification preference and the record of who was told about
which match (never twice). The sending is in matching.notify.emails."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.models import Match


class NotificationPreference(models.Model):
    """How often a person hears about new matches by email, and how many at a time."""

    class Frequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        OFF = "off", _("Off")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    frequency = models.CharField(
        _("match emails"),
        max_length=12,
        choices=Frequency.choices,
        default=Frequency.DAILY,
    )
    max_matches = models.PositiveSmallIntegerField(
        _("matches per email"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("At most this many matches in one email (1 to 50); the rest are linked."),
    )
    language = models.CharField(
        _("email language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to get them in your own language."),
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class MatchNotice(models.Model):
    """A person was told about a match (in the outbox message ``outbox_key``): never again."""

    class Side(models.TextChoices):
        BUYER = "buyer", _("Need side")
        COMPANY = "company", _("Company side")

    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="notices", verbose_name=_("match")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    outbox_key = models.CharField(_("outbox key"), max_length=255)
    created_at = models.DateTimeField(_("announced at"), default=timezone.now)

    class Meta:
        verbose_name = _("match notice")
        verbose_name_plural = _("match notices")
        constraints = [
            models.UniqueConstraint(fields=["match", "user"], name="match_notice_once_per_user")
        ]
        indexes = [models.Index(fields=["user", "match"], name="match_notice_user")]

    def __str__(self):
        return f"{self.match_id} → {self.user_id}"


class MatchWebhookNotice(models.Model):
    """An organisation's systems were sent ``match.created`` about a match: never again
    (matching.notify.webhooks)."""

    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="webhook_notices", verbose_name=_("match")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("announced at"), default=timezone.now)

    class Meta:
        verbose_name = _("match webhook notice")
        verbose_name_plural = _("match webhook notices")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "organisation"], name="match_webhook_notice_once_per_org"
            )
        ]

    def __str__(self):
        return f"{self.match_id} → {self.organisation_id}"
