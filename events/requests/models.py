"""A 1:1 meeting request between two confirmed participants of an event: a buyer and a company,
either side asking. The scheduler (events.scheduling) later places accepted requests; their
value comes from ``must_meet`` and the ``score`` snapshot taken when the request was made."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from events.access import organiser_q
from events.models import Event, Registration
from matching.models import Match
from needs.models import Need

OPEN_STATUSES = ("pending", "accepted")


class MeetingRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def between(self, first, second):
        """Requests between two registrations, either direction."""
        return self.filter(
            Q(from_registration=first, to_registration=second)
            | Q(from_registration=second, to_registration=first)
        )

    def visible_to(self, user):
        """A request is private to its two participants and the event's organisers."""
        if not user.is_authenticated:
            return self.none()
        q = Q(from_registration__user=user) | Q(to_registration__user=user)
        organiser = organiser_q(user)
        if organiser is not None:
            q |= Q(event__in=Event.objects.filter(organiser))
        return self.filter(q)


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="meeting_requests", verbose_name=_("event")
    )
    from_registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="requests_made",
        verbose_name=_("asked by"),
    )
    to_registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("asked"),
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the need"),
    )
    capability = models.ForeignKey(
        Capability,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the capability"),
    )
    match = models.ForeignKey(
        Match,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("match"),
    )
    must_meet = models.BooleanField(
        _("must meet"),
        default=False,
        help_text=_("Mutual interest or approved by a coordinator when the request was made."),
    )
    score = models.FloatField(_("match score"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        app_label = "events"
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Least("from_registration", "to_registration"),
                Greatest("from_registration", "to_registration"),
                condition=Q(status__in=OPEN_STATUSES),
                name="meetingrequest_one_open_per_pair",
                violation_error_message=_("You two already have an open meeting request."),
            ),
            models.CheckConstraint(
                condition=~Q(from_registration=models.F("to_registration")),
                name="meetingrequest_not_to_oneself",
                violation_error_message=_("You cannot request a meeting with yourself."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.from_registration.user} → {self.to_registration.user}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
