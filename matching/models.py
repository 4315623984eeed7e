"""Matches between needs and capabilities, the per-hub matching settings, the record of each
scoring run and the cache of text embeddings. The scoring itself is in matching.engine (pure);
loading and persisting in matching.loading and matching.services."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from healthmatch.accounts.models import Hub, LifecycleStep
from matching.engine.types import Weights
from needs.models import Need

_DEFAULT_WEIGHTS = Weights()


def _topical(label, name, help_text=None):
    return models.FloatField(
        label,
        default=getattr(_DEFAULT_WEIGHTS, name),
        validators=[MinValueValidator(0)],
        help_text=help_text or _("How much this counts in the relevance (0 turns it off)."),
    )


def _constraint(label, name):
    return models.FloatField(
        label,
        default=getattr(_DEFAULT_WEIGHTS, name),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The share of the score a full miss takes off (0 to 1)."),
    )


class MatchQuerySet(models.QuerySet):
    def suggested(self):
        return self.filter(status=Match.Status.SUGGESTED)

    def dismissed(self):
        return self.filter(status__in=Match.DISMISSED)


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
        "MatchRun",
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
    buyer_interest_reason = models.TextField(_("need side's reason"), blank=True, db_default="")
    company_interest = models.CharField(
        _("company side's interest"),
        max_length=20,
        choices=Interest.choices,
        blank=True,
        db_default="",
    )
    company_interest_at = models.DateTimeField(_("company side answered at"), null=True, blank=True)
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
        ]

    def __str__(self):
        return f"{self.need_id} ↔ {self.capability_id} ({self.score:.2f})"


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
    note = models.TextField(_("note"), blank=True)
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

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self):
        return self.subject


class MatchingConfig(models.Model):
    """How matches are scored for the needs of one hub; the row without a hub is the default."""

    hub = models.OneToOneField(
        Hub,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matching_config",
        verbose_name=_("hub"),
        help_text=_("Leave empty for the default used by hubs without their own settings."),
    )
    # Topical weights: how much each counts in the relevance (a weighted mean).
    text = _topical(_("text relevance"), "text")
    semantic = _topical(
        _("semantic similarity"),
        "semantic",
        _("Only used when the optional embedding model is installed."),
    )
    clinical_area = _topical(_("clinical area"), "clinical_area")
    technology = _topical(_("technology type"), "technology")
    # Constraint weights: the share of the score a full miss takes off (0 to 1).
    care_setting = _constraint(_("care setting"), "care_setting")
    maturity = _constraint(_("maturity (TRL)"), "maturity")
    regulatory = _constraint(_("regulatory fit"), "regulatory")
    region = _constraint(_("region served"), "region")
    language = _constraint(_("language"), "language")
    threshold = models.FloatField(
        _("threshold"),
        default=_DEFAULT_WEIGHTS.threshold,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Matches scoring below this (0 to 1) are not kept."),
    )
    regulatory_hard_filter = models.BooleanField(
        _("required certification is a hard filter"),
        default=_DEFAULT_WEIGHTS.regulatory_hard_filter,
        help_text=_(
            "On: a capability missing a required certification (or holding an expired one) is "
            "never suggested. Off: it is suggested with the gap shown."
        ),
    )
    maturity_hard_filter = models.BooleanField(
        _("minimum TRL is a hard filter"),
        default=_DEFAULT_WEIGHTS.maturity_hard_filter,
        help_text=_("On: capabilities below the need's minimum TRL are never suggested."),
    )
    top_k = models.PositiveSmallIntegerField(
        _("matches kept per need and per capability"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    notify_threshold = models.FloatField(
        _("notification threshold"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("New matches scoring at least this are announced by email."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")
        ordering = ["hub__name"]
        constraints = [
            # One row per hub and one default (hub empty): NULLs are not equal in a plain
            # unique index, so the constraint is over the hub id with NULL mapped to 0.
            models.UniqueConstraint(
                Coalesce("hub", models.Value(0)), name="matching_config_one_per_hub"
            )
        ]

    def __str__(self):
        if self.hub_id is None:
            return str(_("Default matching settings"))
        return str(_("Matching settings of %(hub)s") % {"hub": self.hub})


class MatchRun(models.Model):
    """One scoring run. At most one is running at a time (the partial unique constraint is the
    lock); a running run whose heartbeat went stale is taken over by the next one."""

    class Kind(models.TextChoices):
        FULL = "full", _("Full")
        INCREMENTAL = "incremental", _("Incremental")
        ITEM = "item", _("One need or capability")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RUNNING
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    heartbeat_at = models.DateTimeField(_("last sign of life"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    changed_since = models.DateTimeField(
        _("changed since"),
        null=True,
        blank=True,
        help_text=_("Incremental runs: items changed since this time were rescored."),
    )
    need_ids = models.JSONField(_("needs"), default=list, blank=True)
    capability_ids = models.JSONField(_("capabilities"), default=list, blank=True)
    needs = models.PositiveIntegerField(_("needs scored"), default=0)
    capabilities = models.PositiveIntegerField(_("capabilities scored"), default=0)
    matches = models.PositiveIntegerField(_("matches written"), default=0)
    retired = models.PositiveIntegerField(_("matches retired"), default=0)
    chunks_total = models.PositiveIntegerField(_("chunks"), default=0)
    chunks_done = models.JSONField(_("chunks done"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(state="running"),
                name="match_run_one_running",
            )
        ]
        indexes = [models.Index(fields=["kind", "state", "-started_at"], name="match_run_last")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.get_state_display()})"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at


class ItemEmbedding(models.Model):
    """A need's or capability's text embedding, recomputed only when its text changes."""

    class Kind(models.TextChoices):
        NEED = "need", _("Need")
        CAPABILITY = "capability", _("Capability")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    text_hash = models.CharField(_("text hash"), max_length=64)
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("embedding")
        verbose_name_plural = _("embeddings")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="item_embedding_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


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
        help_text=_("Leave empty for the platform's default language."),
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


# Bids live in their own package of this app; importing the models registers them.
from matching.bids.models import Bid, BidAttachment, BidEvent  # noqa: E402,F401
