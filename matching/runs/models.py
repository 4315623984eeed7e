"""The per-hub matching settings, the record of each scoring run and the cache of text embeddings.
Rescoring and persisting are in the other modules of matching.runs."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import Hub
from matching.engine.types import Weights

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
