"""Events and matchmaking days: the event, its meeting sessions and tables, and who registered.

Times are stored as aware UTC datetimes; each event names the zone it is entered and shown in
(``time_zone``). Meeting slots are not rows: a session's slots follow from its start, end,
meeting length and break (``Session.slots()``), so changing the rhythm of a session never leaves
stale slot rows behind; a meeting placed later names its session and slot index.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from events.access import visible_events_q
from healthmatch.accounts.models import CONTENT_LANGUAGES, Hub, Organisation
from needs.models import Need


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Events whose page the user may open (rules: events.access)."""
        return self.filter(visible_events_q(user))

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


class Event(models.Model):
    class TimeZone(models.TextChoices):
        COPENHAGEN = "Europe/Copenhagen", _("Copenhagen (Denmark)")
        STOCKHOLM = "Europe/Stockholm", _("Stockholm (Sweden)")
        OSLO = "Europe/Oslo", _("Oslo (Norway)")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members of the hub's organisations")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Open for registration")
        REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
        CANCELLED = "cancelled", _("Cancelled")

    class RequestAcceptance(models.TextChoices):
        OPT_IN = "opt_in", _("The other side accepts or declines each request")
        OPT_OUT = "opt_out", _("Requests are accepted automatically")

    class Scheduling(models.TextChoices):
        SELF_PICK = "self_pick", _("Participants pick a free slot when they accept")
        ORGANISER = "organiser", _("The organiser schedules every meeting before the event")

    class Location(models.TextChoices):
        TABLES = "tables", _("Numbered tables")
        BOOTHS = "booths", _("Each host's own booth")

    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="events", verbose_name=_("hub")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.COPENHAGEN,
        help_text=_("Times of the event are entered and shown in this zone."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    registration_opens_at = models.DateTimeField(
        _("registration opens at"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Confirmed participants at most; later registrations join the waiting list."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The matchmaking modes (issue 11).
    request_acceptance = models.CharField(
        _("meeting requests"),
        max_length=10,
        choices=RequestAcceptance.choices,
        default=RequestAcceptance.OPT_IN,
    )
    scheduling = models.CharField(
        _("scheduling"), max_length=10, choices=Scheduling.choices, default=Scheduling.ORGANISER
    )
    location = models.CharField(
        _("meeting places"), max_length=10, choices=Location.choices, default=Location.TABLES
    )
    request_deadline = models.DateTimeField(
        _("deadline for answering requests"),
        null=True,
        blank=True,
        help_text=_("Requests still unanswered then expire."),
    )
    max_meetings_buyer = models.PositiveSmallIntegerField(
        _("meetings per buyer at most"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("For hospitals, regions and municipalities. Empty: no limit."),
    )
    max_meetings_company = models.PositiveSmallIntegerField(
        _("meetings per company participant at most"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Empty: no limit."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    registration_closed_at = models.DateTimeField(
        _("registration closed at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if closes and self.ends_at and closes > self.ends_at:
            errors["registration_closes_at"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def is_members_only(self) -> bool:
        return self.visibility == self.Visibility.MEMBERS

    def registration_closes(self) -> datetime.datetime:
        """When registration ends: its own close, else the start of the event."""
        return self.registration_closes_at or self.starts_at

    def meeting_cap_for(self, kind: str) -> int | None:
        """The organiser's cap on meetings for a participant of ``kind`` (None: no cap)."""
        if kind == Registration.Kind.BUYER:
            return self.max_meetings_buyer
        return self.max_meetings_company


@dataclass(frozen=True)
class Slot:
    """One meeting slot of a session: derived, never stored (``Session.slots()``)."""

    session_id: int
    index: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class Session(models.Model):
    """A block of meeting slots: from ``starts_at``, a meeting of ``meeting_minutes`` then a
    break of ``break_minutes``, as long as a whole meeting still ends by ``ends_at``."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length in minutes"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings in minutes"),
        default=5,
        validators=[MaxValueValidator(120)],
    )
    meeting_cap = models.PositiveSmallIntegerField(
        _("meetings per participant in this session at most"),
        null=True,
        blank=True,
        help_text=_("Empty: as many as there are slots."),
    )

    class Meta:
        verbose_name = _("meeting session")
        verbose_name_plural = _("meeting sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
        # The event as the form holds it: in the admin it may be new and not saved yet.
        event = self.event if Session.event.is_cached(self) or self.event_id else None
        if (
            event is not None
            and event.starts_at
            and event.ends_at
            and self.starts_at
            and self.ends_at
        ):
            if self.starts_at < event.starts_at or self.ends_at > event.ends_at:
                raise ValidationError(_("A session must lie within the event's start and end."))

    def slots(self) -> list[Slot]:
        if not (self.starts_at and self.ends_at and self.meeting_minutes):
            return []
        meeting = datetime.timedelta(minutes=self.meeting_minutes)
        step = meeting + datetime.timedelta(minutes=self.break_minutes or 0)
        slots, start, index = [], self.starts_at, 0
        while start + meeting <= self.ends_at:
            slots.append(Slot(self.pk, index, start, start + meeting))
            start += step
            index += 1
        return slots


class Table(models.Model):
    """A place where meetings happen: a numbered table, or a participant's own booth (``host``)
    when the event seats meetings at booths. No sessions chosen: available in every session."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="tables", verbose_name=_("event")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=80, blank=True)
    sessions = models.ManyToManyField(
        Session,
        blank=True,
        related_name="tables",
        verbose_name=_("sessions"),
        help_text=_("Leave empty when the table is available in every session."),
    )
    host = models.ForeignKey(
        "Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booths",
        verbose_name=_("booth of"),
        help_text=_("Meetings at booths: the participant who hosts all their meetings here."),
    )

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_unique_number")
        ]

    def __str__(self):
        if self.name:
            return _("Table %(number)d (%(name)s)") % {"number": self.number, "name": self.name}
        return _("Table %(number)d") % {"number": self.number}

    def clean(self):
        if self.host_id and self.event_id and self.host.event_id != self.event_id:
            raise ValidationError({"host": _("The host must be registered for this event.")})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        """The waiting list, first in line first."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")


class Registration(models.Model):
    """A person registered for an event on behalf of one of their organisations. Cancelling
    keeps the row (a later registration is a new row): the history stays."""

    class Kind(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        COMPANY = "company", _("Company")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("put on the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    max_meetings = models.PositiveSmallIntegerField(
        _("meetings at most"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Empty: as many as the organiser allows."),
    )
    sessions = models.ManyToManyField(
        Session, blank=True, related_name="registrations", verbose_name=_("available in")
    )
    pitched_needs = models.ManyToManyField(
        Need, blank=True, related_name="event_registrations", verbose_name=_("pitched needs")
    )
    capabilities = models.ManyToManyField(
        Capability,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("capabilities brought"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    no_show = models.BooleanField(_("no-show"), default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_user",
                violation_error_message=_("You are already registered for this event."),
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.user} @ {self.event} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def is_buyer(self) -> bool:
        return self.kind == self.Kind.BUYER


class EventMessage(models.Model):
    """A message the organiser sent to the participants (each copy is an outbox row)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    include_waitlisted = models.BooleanField(_("also to the waiting list"), default=False)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject
