"""A match between a need and a capability: the core of the matching app. Each sub-domain keeps
its own models next to its services (matching.lifecycle, matching.runs, matching.notify,
matching.bids); matching.apps registers them. The scoring itself is in matching.engine (pure)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from healthmatch.accounts.models import Hub
from needs.models import Need


class MatchQuerySet(models.QuerySet):
    def suggested(self):
        return self.filter(status=Match.Status.SUGGESTED)

    def dismissed(self):
        return self.filter(status__in=Match.DISMISSED)

    def named(self):
        """With what ``str(match)`` reads, so a list of names costs one query."""
        return self.select_related("need", "capability__company__organisation")


class Match(models.Model):
    """One need and one capability the engine found worth showing, with the reasons why.

    A re-run updates the score in place; a pair that falls out of both top-K lists is retired,
    unless a person has acted on it (dismissed it, or later curation states)."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        DISMISSED_BY_BUYER = "dismissed_by_buyer", _("Dismissed by the buyer")
        DISMISSED_BY_COMPANY = "dismissed_by_company", _("Dismissed by the company")
        RETIRED = "retired", _("Retired")
        # The curation lifecycle (matching.lifecycle.services moves a match along it).
        MUTUAL = "mutual", _("Mutual interest")
        APPROVED = "approved", _("Approved")
        INTRODUCED = "introduced", _("Introduced")
        MET = "met", _("Meeting held")
        PILOT = "pilot", _("Pilot")
        PROCUREMENT = "procurement", _("Procurement")
        CONTRACT = "contract", _("Contract")
        CLOSED = "closed", _("Closed")

    class Interest(models.TextChoices):
        NONE = "", _("Not stated")
        INTERESTED = "interested", _("Interested")
        NOT_RELEVANT = "not_relevant", _("Not relevant")

    DISMISSED = (Status.DISMISSED_BY_BUYER, Status.DISMISSED_BY_COMPANY)

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="matches", verbose_name=_("need")
    )
    capability = models.ForeignKey(
        Capability,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("capability"),
    )
    hub = models.ForeignKey(
        Hub,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("hub"),
        help_text=_("The need's hub (copied for filtering)."),
    )
    score = models.FloatField(_("score"))
    factors = models.JSONField(_("factors"), default=dict, blank=True)
    shared_terms = models.JSONField(_("shared terms"), default=list, blank=True)
    gaps = models.JSONField(_("gaps"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.SUGGESTED
    )
    acted_on = models.BooleanField(
        _("acted on"),
        default=False,
        help_text=_("A person has acted on it: such matches are never retired by a re-run."),
    )
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acted on by"),
    )
    acted_at = models.DateTimeField(_("acted on at"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    last_scored_at = models.DateTimeField(_("last scored"), default=timezone.now)
    last_run = models.ForeignKey(
        "matching.MatchRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last run"),
    )
    # The curation fields carry database defaults: the engine writes rows with raw SQL.
    buyer_interest = models.CharField(
        _("need side's interest"),
        max_length=20,
        choices=Interest.choices,
        blank=True,
        db_default="",
    )
    buyer_interest_at = models.DateTimeField(_("need side answered at"), null=True, blank=True)
    buyer_interest_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("need side answered by"),
    )
    buyer_interest_reason = models.TextField(_("need side's reason"), blank=True, db_default="")
    company_interest = models.CharField(
        _("company side's interest"),
        max_length=20,
        choices=Interest.choices,
        blank=True,
        db_default="",
    )
    company_interest_at = models.DateTimeField(_("company side answered at"), null=True, blank=True)
    company_interest_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company side answered by"),
    )
    company_interest_reason = models.TextField(
        _("company side's reason"), blank=True, db_default=""
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True, db_default="")
    introduced_at = models.DateTimeField(_("introduced at"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(
        _("follow-up due at"), null=True, blank=True, db_index=True
    )
    follow_up_sent_at = models.DateTimeField(_("follow-up sent at"), null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "capability"], name="match_unique_pair")
        ]
        indexes = [
            models.Index(fields=["need", "status", "-score"], name="match_need_top"),
            models.Index(fields=["capability", "status", "-score"], name="match_capability_top"),
            models.Index(fields=["hub", "status", "-score"], name="match_hub_status"),
            # The curation queue (suggested and mutual, best first, 50 a page): read in order,
            # it stops at the 50th match of the coordinator's hubs instead of sorting them all.
            models.Index(
                fields=["-score", "id"],
                name="match_queue_by_score",
                condition=models.Q(status__in=["suggested", "mutual"]),
            ),
        ]

    def __str__(self):
        """How a match is named everywhere: "<need title> ↔ <company name>". Lists that show it
        select ``need`` and ``capability__company__organisation`` (see ``named()``)."""
        return f"{self.need.title} ↔ {self.capability.company.organisation.name}"
