"""Companies and what they offer: a profile per company organisation and its capabilities."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.access import editable_capabilities_q, visible_capabilities_q
from healthmatch.accounts.models import (
    TRL_CHOICES,
    TRL_VALIDATORS,
    Attachment,
    CareSetting,
    ClinicalArea,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
)


class CompanyProfile(models.Model):
    """What a buyer wants to know about a company beyond the organisation's name and site."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="company_profile",
        limit_choices_to={"kind__in": Organisation.PROVIDER_KINDS},
        verbose_name=_("organisation"),
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    is_sme = models.BooleanField(
        _("SME"), default=True, help_text=_("Fewer than 250 employees (EU definition).")
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    regions_served = models.ManyToManyField(
        Region, blank=True, related_name="companies", verbose_name=_("regions served")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")
        ordering = ["organisation__name"]

    def __str__(self):
        return self.organisation.name


class ContactPerson(models.Model):
    company = models.ForeignKey(CompanyProfile, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class CapabilityQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Capability.Status.PUBLISHED)

    # The access Q objects may join through to the hub's coordinators; filtering on a subquery
    # of primary keys keeps every row once.
    def visible_to(self, user):
        """Published capabilities of verified companies, plus the user's own companies' drafts
        (and, for coordinators, everything of their hubs' companies)."""
        return self.filter(
            pk__in=Capability.objects.filter(visible_capabilities_q(user)).values("pk")
        )

    def editable_by(self, user):
        """What the user may edit, publish, archive and attach files to."""
        return self.filter(
            pk__in=Capability.objects.filter(editable_capabilities_q(user)).values("pk")
        )


class Capability(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")
        COMPETENCE = "competence", _("Competence")
        # What universities and research institutes offer (and some companies too).
        RESEARCH_GROUP = "research_group", _("Research group")
        TEST_BED = "test_bed", _("Test bed")
        CLINICAL_TRIAL_UNIT = "trial_unit", _("Clinical trial unit")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    company = models.ForeignKey(
        CompanyProfile,
        on_delete=models.CASCADE,
        related_name="capabilities",
        verbose_name=_("company"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRODUCT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=20000)
    technology_types = models.ManyToManyField(
        TechnologyType, blank=True, related_name="capabilities", verbose_name=_("technology types")
    )
    clinical_areas = models.ManyToManyField(
        ClinicalArea, blank=True, related_name="capabilities", verbose_name=_("clinical areas")
    )
    care_settings = models.ManyToManyField(
        CareSetting, blank=True, related_name="capabilities", verbose_name=_("care settings")
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness"),
        choices=TRL_CHOICES,
        validators=TRL_VALIDATORS,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = CapabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["-updated_at"]
        # The API's list order (companies.api.filters): recently changed first, then the key.
        indexes = [
            models.Index(
                F("status"), F("updated_at").desc(), F("id").desc(), name="capability_listed_order"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("companies:capability_detail", args=[self.pk])


# A company hears this many days before one of its certificates expires: once per threshold.
REMINDER_DAYS = (90, 30)


class Certification(models.Model):
    """A regulatory status a capability holds (CE class IIa, ISO 13485, ...) and its expiry."""

    capability = models.ForeignKey(
        Capability, on_delete=models.CASCADE, related_name="certifications"
    )
    item = models.ForeignKey(
        RegulatoryItem,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("regulatory item"),
    )
    reference = models.CharField(
        _("certificate number / notified body"), max_length=200, blank=True
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["item__position", "item__name"]
        constraints = [
            models.UniqueConstraint(fields=["capability", "item"], name="certification_unique")
        ]

    def __str__(self):
        return f"{self.item} ({self.capability})"

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def expires_soon(self) -> bool:
        """Still valid, and within the first reminder's reach (companies/certificates.py)."""
        today = timezone.localdate()
        return self.valid_until is not None and (
            today <= self.valid_until <= today + datetime.timedelta(days=max(REMINDER_DAYS))
        )


class CertificateReminder(models.Model):
    """A reminder that a certificate expires, written with its emails in one transaction: one
    per certificate, expiry date and threshold, so a repeated or concurrent run sends nothing
    twice and a renewed certificate (a new date) is reminded of again."""

    certification = models.ForeignKey(
        Certification,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certification"),
    )
    valid_until = models.DateField(_("valid until"))
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "valid_until", "days_before"],
                name="certificate_reminder_once",
            )
        ]

    def __str__(self):
        return f"{self.certification} ({self.days_before} days before {self.valid_until})"


class CapabilityReference(models.Model):
    """An earlier pilot, deployment or customer that vouches for a capability."""

    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="references")
    customer = models.CharField(_("customer or site"), max_length=200)
    description = models.CharField(_("what was done"), max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["-year", "pk"]

    def __str__(self):
        return self.customer


class CapabilityAttachment(Attachment):
    owner_field = "capability"
    capability = models.ForeignKey(Capability, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Attachment.Meta):
        pass

    def upload_folder(self) -> str:
        return f"capabilities/{self.capability_id}"
