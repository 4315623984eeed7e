"""Bids (proposals): a company organisation's answer to a published need, its files and the
record of every state change. The verbs are in matching.bids.services."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from healthmatch.accounts.models import (
    Attachment,
    LifecycleStep,
    Organisation,
    decided_by_field,
)
from needs.models import Need


class BidQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(state__in=Bid.INACTIVE_STATES)

    def of_company_member(self, user):
        """Bids of the companies the user is an active member of (drafts included)."""
        return self.filter(company_id__in=member_org_ids(user))


class Bid(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    # A withdrawn or declined bid no longer counts: the company may bid again.
    INACTIVE_STATES = (State.WITHDRAWN, State.DECLINED)
    # States the need owner sees (a draft is the company's own business).
    SENT_STATES = (State.SUBMITTED, State.SHORTLISTED, State.ACCEPTED, State.DECLINED)

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="bids", verbose_name=_("need")
    )
    company = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="bids",
        limit_choices_to={"kind__in": Organisation.PROVIDER_KINDS},
        verbose_name=_("company"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    summary = models.CharField(_("summary"), max_length=500)
    solution = models.TextField(_("proposed solution"), max_length=20000)
    evidence = models.TextField(_("evidence and references"), max_length=10000, blank=True)
    capabilities = models.ManyToManyField(
        Capability, blank=True, related_name="bids", verbose_name=_("capabilities offered")
    )
    price_min = models.DecimalField(
        _("indicative price from"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("indicative price to"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="DKK")
    timeline = models.CharField(_("timeline"), max_length=500, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    feedback = models.TextField(_("feedback to the company"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = decided_by_field()

    objects = BidQuerySet.as_manager()

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "company"],
                condition=~Q(state__in=("withdrawn", "declined")),
                name="bid_one_active_per_company",
                violation_error_message=_("Your company already has a bid on this need."),
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="bid_price_range_ordered",
            ),
        ]
        indexes = [models.Index(fields=["need", "state"], name="bid_need_state")]

    def __str__(self):
        return f"{self.company} → {self.need}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("bids:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state not in self.INACTIVE_STATES

    @property
    def is_decided(self) -> bool:
        return self.state in (self.State.ACCEPTED, self.State.DECLINED)


class BidAttachment(Attachment):
    owner_field = "bid"
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Attachment.Meta):
        verbose_name = _("bid attachment")
        verbose_name_plural = _("bid attachments")

    def upload_folder(self) -> str:
        return f"bids/{self.bid_id}"


class BidEvent(LifecycleStep):
    """One state change of a bid: who, from what, to what, when, and the note (feedback)."""

    bid = models.ForeignKey(
        Bid, on_delete=models.CASCADE, related_name="events", verbose_name=_("bid")
    )
    from_state = models.CharField(_("from"), max_length=12, choices=Bid.State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=Bid.State.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("bid event")
        verbose_name_plural = _("bid events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.bid_id}: {self.from_state or '-'} -> {self.to_state}"
