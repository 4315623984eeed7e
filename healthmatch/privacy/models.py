"""A person's export requests and the log of erasures (which holds no personal data)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_export_token() -> str:
    return secrets.token_urlsafe(32)


class DataExport(models.Model):
    """One archive of everything HealthMatch holds about ``user``, built by the worker and
    downloadable by that person alone until ``expires_at``; then the file is deleted."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("person"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_export_token, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    archive = models.FileField(_("archive"), upload_to="privacy-exports/", blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"#{self.pk} ({self.get_state_display()})"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.state == self.State.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class ErasureLog(models.Model):
    """That person #user_id was erased, when, by whom (themselves or a coordinator) and why.
    Only ids and the reason: the log must not bring back what the erasure removed."""

    user_id = models.PositiveBigIntegerField(_("erased person's id"), db_index=True)
    by_user_id = models.PositiveBigIntegerField(_("erased by (id)"), null=True, blank=True)
    by_coordinator = models.BooleanField(_("by a coordinator"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    rows_scrubbed = models.PositiveIntegerField(_("rows scrubbed"), default=0)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"Former user #{self.user_id}"


class InactivityWarning(models.Model):
    """That an inactive account was warned of its erasure, and when: erased only once the
    warning is older than PRIVACY_INACTIVE_WARNING_DAYS and the person stayed away."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    warned_at = models.DateTimeField(_("warned at"), default=timezone.now)

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self):
        return f"#{self.user_id} warned {self.warned_at:%Y-%m-%d}"
