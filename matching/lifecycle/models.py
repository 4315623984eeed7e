"""The curation lifecycle of a match: its history of status changes, the introduction email and
the coordinators' curation queue (a proxy of Match). The verbs are in
matching.lifecycle.services."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import LifecycleStep
from matching.models import Match


class CurationQueueItem(Match):
    """The coordinators' curation queue in the admin: new and mutual matches (a proxy)."""

    class Meta:
        proxy = True
        verbose_name = _("match to curate")
        verbose_name_plural = _("curation queue")


class MatchEvent(LifecycleStep):
    """One status change of a match: who moved it, when, and why. Written by the services for
    every change, so the funnel counts the stages from ``to_status``."""

    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="events", verbose_name=_("match")
    )
    from_status = models.CharField(
        _("from"), max_length=30, choices=Match.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=30, choices=Match.Status.choices)
    # ``note`` is shown to both sides (the match page, its API); ``internal_note`` only to the
    # hub's coordinators (the admin, the audit trail), never on a page, email, API or webhook
    # of the parties.
    note = models.TextField(_("message to both sides"), blank=True)
    internal_note = models.TextField(_("internal note (coordinators only)"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("match event")
        verbose_name_plural = _("match events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["to_status", "created_at"], name="match_event_stage")]

    def __str__(self):
        return f"{self.match_id}: {self.from_status} → {self.to_status}"


class Introduction(models.Model):
    """The email a coordinator sends to introduce the two sides of a match: drafted by
    HealthMatch, edited by the coordinator, sent once through the outbox."""

    match = models.OneToOneField(
        Match, on_delete=models.CASCADE, related_name="introduction", verbose_name=_("match")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body_buyer = models.TextField(_("text to the need side"))
    body_company = models.TextField(_("text to the company side"))
    drafted_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    # Exactly who it went to, one entry per outbox row written when it was sent:
    # [{"side": "buyer"|"company", "email", "name", "via": "member"|"contact", "outbox": id}].
    recipients = models.JSONField(_("sent to"), default=list, db_default=[], blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self):
        return self.subject

    def recipients_of(self, side: str) -> list[dict]:
        return [person for person in self.recipients if person.get("side") == side]
