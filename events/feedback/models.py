"""What the two participants of a meeting said after it (``MeetingFeedback``: useful, follow up,
a comment; one row per meeting and participant, editable for a while after the event), and what
happened when both wanted to follow up (``MeetingFollowUp``: the match moved into the lifecycle,
or why not; one row per meeting, written once)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.meetings.models import Meeting
from events.models import Registration
from matching.models import Match


class MeetingFeedback(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("meeting")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meeting_feedback",
        verbose_name=_("participant"),
    )
    useful = models.BooleanField(_("useful"))
    follow_up = models.BooleanField(_("wants to follow up"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        app_label = "events"
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"],
                name="meetingfeedback_one_per_participant",
                violation_error_message=_("You have already given feedback on this meeting."),
            )
        ]

    def __str__(self):
        return f"{self.registration.user} on {self.meeting}"


class MeetingFollowUp(models.Model):
    """Both sides of a meeting said "follow up": the outcome for the lifecycle of their match."""

    class Outcome(models.TextChoices):
        MOVED = "moved", _("Moved to “meeting held”")
        ALREADY = "already", _("Already at “meeting held” or later")
        SKIPPED = "skipped", _("Not moved")

    class Reason(models.TextChoices):
        NONE = "", _("None")
        NO_NEED = "no_need", _("No need to follow up on: none named, none or several pitched")
        NO_CAPABILITY = (
            "no_capability",
            _("No capability to follow up on: none named, none or several brought"),
        )
        CLOSED = "closed", _("The match was closed by a coordinator")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("meeting")
    )
    match = models.ForeignKey(
        Match,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("match"),
    )
    match_created = models.BooleanField(
        _("match created"), default=False, help_text=_("HealthMatch had no match for the pair.")
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(
        _("why not moved"), max_length=20, choices=Reason.choices, blank=True, default=""
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        app_label = "events"
        verbose_name = _("follow-up after a meeting")
        verbose_name_plural = _("follow-ups after meetings")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.meeting}: {self.get_outcome_display()}"
