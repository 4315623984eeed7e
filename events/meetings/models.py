"""Meetings the organiser's scheduler placed: one accepted request at one slot of one session,
at one table (or the host's booth). ``starts_at`` and ``ends_at`` are stored from the session's
slot when placed, so an agenda reads them without recomputing slots. A request the scheduler
left out keeps its reason (``Unplaced``) until a later run places it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import Session, Table
from events.requests.models import MeetingRequest


class Meeting(models.Model):
    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        related_name="meeting",
        verbose_name=_("meeting request"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("session")
    )
    slot = models.PositiveSmallIntegerField(_("slot"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # RESTRICT, not PROTECT: a table with meetings cannot be deleted on its own, but deleting
    # the event (which takes its sessions, and so its meetings, with it) works.
    table = models.ForeignKey(
        Table, on_delete=models.RESTRICT, related_name="meetings", verbose_name=_("table")
    )
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A re-run of the scheduler keeps it where it is.")
    )
    # The calendar files' SEQUENCE (events.meetings.ics): one more each time a run moves it.
    sequence = models.PositiveIntegerField(_("times moved"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "events"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "table__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot", "table"],
                name="meeting_one_per_table_and_slot",
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("This table already has a meeting in this slot."),
            )
        ]

    def __str__(self):
        return f"{self.request} ({self.starts_at:%Y-%m-%d %H:%M})"

    @property
    def event(self):
        return self.session.event

    def other(self, registration):
        """The other participant of this meeting, seen from ``registration``."""
        request = self.request
        if request.from_registration_id == registration.pk:
            return request.to_registration
        return request.from_registration

    @property
    def place(self) -> str:
        """The table, or the host's booth."""
        if self.table.host_id:
            return _("Booth of %(name)s") % {"name": self.table.host.organisation.name}
        return str(self.table)


class Unplaced(models.Model):
    """Why the last run of the scheduler left an accepted request out. ``message`` is the
    scheduler's English sentence (marked for translation there), filled from ``params``."""

    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        related_name="unplaced",
        verbose_name=_("meeting request"),
    )
    code = models.CharField(_("reason code"), max_length=40)
    message = models.CharField(_("reason"), max_length=300)
    params = models.JSONField(_("details"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "events"
        verbose_name = _("unscheduled request")
        verbose_name_plural = _("unscheduled requests")

    def __str__(self):
        return self.reason

    @property
    def reason(self) -> str:
        return gettext(self.message) % self.params
