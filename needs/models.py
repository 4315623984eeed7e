"""A need: a clinical or care problem a hospital, region or municipality wants solved."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import (
    CONTENT_LANGUAGES,
    TRL_CHOICES,
    TRL_VALIDATORS,
    Attachment,
    CareSetting,
    ClinicalArea,
    Hub,
    LifecycleStep,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
)
from needs.access import detail_needs_q, owner_q, visible_needs_q


class NeedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Need.Status.PUBLISHED)

    def listed(self):
        """Needs anybody may see the teaser of: published (open) and closed ones."""
        return self.filter(status__in=(Need.Status.PUBLISHED, Need.Status.CLOSED))

    def visible_to(self, user):
        """Needs whose page the user may open (teaser at least). Access rules: needs.access."""
        return self.filter(pk__in=Need.objects.filter(visible_needs_q(user)).values("pk"))

    def details_visible_to(self, user):
        """Needs whose full description the user may read."""
        return self.filter(pk__in=Need.objects.filter(detail_needs_q(user)).values("pk"))

    def owned_by(self, user):
        return self.filter(owner_q(user))


class Need(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    class BudgetBand(models.TextChoices):
        UNKNOWN = "unknown", _("Not yet known")
        UNDER_50K = "lt50k", _("Under €50,000")
        FROM_50K = "50k-250k", _("€50,000 – €250,000")
        FROM_250K = "250k-1m", _("€250,000 – €1 million")
        OVER_1M = "gt1m", _("Over €1 million")

    class Route(models.TextChoices):
        PILOT = "pilot", _("Pilot / test")
        INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
        PCP = "pcp", _("Pre-commercial procurement")
        TENDER = "tender", _("Tender")
        MARKET_DIALOGUE = "market_dialogue", _("Market dialogue only")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="needs", verbose_name=_("organisation")
    )
    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="needs", verbose_name=_("hub")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("public summary"),
        max_length=500,
        help_text=_("A short teaser that anyone can read, also for confidential needs."),
    )
    description = models.TextField(_("problem description"), max_length=20000)
    care_pathway = models.TextField(
        _("current care pathway"),
        max_length=10000,
        blank=True,
        help_text=_("How the problem is handled today."),
    )
    affected_groups = models.TextField(
        _("who is affected"),
        max_length=5000,
        blank=True,
        help_text=_("Patient groups, citizens, staff roles."),
    )
    scale = models.CharField(
        _("expected volume / scale"),
        max_length=300,
        blank=True,
        help_text=_("For example: 4 wards, 1,200 patients a year."),
    )
    success_criteria = models.TextField(_("success criteria"), max_length=10000, blank=True)
    clinical_areas = models.ManyToManyField(
        ClinicalArea, blank=True, related_name="needs", verbose_name=_("clinical areas")
    )
    care_settings = models.ManyToManyField(
        CareSetting, blank=True, related_name="needs", verbose_name=_("care settings")
    )
    technology_types = models.ManyToManyField(
        TechnologyType, blank=True, related_name="needs", verbose_name=_("technology types")
    )
    min_trl = models.PositiveSmallIntegerField(
        _("minimum technology readiness"),
        choices=TRL_CHOICES,
        validators=TRL_VALIDATORS,
        null=True,
        blank=True,
    )
    regulatory_requirements = models.ManyToManyField(
        RegulatoryItem,
        blank=True,
        related_name="needs",
        verbose_name=_("required regulatory status"),
    )
    budget_band = models.CharField(
        _("budget band"), max_length=20, choices=BudgetBand.choices, default=BudgetBand.UNKNOWN
    )
    route = models.CharField(
        _("intended route"), max_length=30, choices=Route.choices, default=Route.PILOT
    )
    response_deadline = models.DateField(_("deadline for responses"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("region"),
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only invited companies can read the details; everyone sees the summary."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    coordinator_comment = models.TextField(_("coordinator comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The API's list order (needs.api.filters): newest first, a draft by its creation,
            # ending in the key so the cursor is stable. Without it each page sorts every row.
            models.Index(
                F("status"),
                Coalesce("published_at", "created_at").desc(),
                F("id").desc(),
                name="need_listed_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("needs:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class NeedStatusChange(LifecycleStep):
    """One step of a need's lifecycle: who moved it, from what, to what, when and why."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=12, choices=Need.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=Need.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.need_id}: {self.from_status or '-'} -> {self.to_status}"


class NeedInvitation(models.Model):
    """A company organisation invited to read a confidential need's details."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="need_invitations",
        limit_choices_to={"kind__in": Organisation.PROVIDER_KINDS},
        verbose_name=_("company"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["need", "organisation"], name="need_invitation_unique")
        ]

    def __str__(self):
        return f"{self.organisation} → {self.need}"


class NeedAttachment(Attachment):
    owner_field = "need"
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Attachment.Meta):
        pass

    def upload_folder(self) -> str:
        return f"needs/{self.need_id}"


class NeedDetailView(models.Model):
    """One look at a confidential need's details: who, when. Written by
    needs.services.record_detail_view; never edited (the audit trail of confidential needs)."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="detail_views", verbose_name=_("need")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("viewed by"),
    )
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("confidential need view")
        verbose_name_plural = _("confidential need views")
        ordering = ["-viewed_at", "-pk"]
        indexes = [models.Index(fields=["need", "-viewed_at"], name="need_detail_view_need")]

    def __str__(self):
        return f"{self.need_id} viewed by {self.user_id} at {self.viewed_at:%Y-%m-%d %H:%M}"
