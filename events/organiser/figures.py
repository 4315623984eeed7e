"""The organisers' figures of one event, computed in six queries whatever its size: who
registered (by status and kind), who came; the meeting requests by status; the meetings placed
and the accepted requests left unscheduled, with the scheduler's reasons; the feedback given,
the share found useful, and the follow-ups that moved a match into the lifecycle."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.feedback.models import MeetingFeedback, MeetingFollowUp
from events.meetings.models import Meeting, Unplaced
from events.meetings.services import REASON_LABELS
from events.models import Registration
from events.requests.models import MeetingRequest

KINDS = (Registration.Kind.BUYER, Registration.Kind.COMPANY)
Outcome = MeetingFollowUp.Outcome
# Accepted requests without a meeting and without a reason: accepted after the last run.
NOT_RUN = _("accepted since the scheduler last ran")


@dataclass
class Figures:
    # {status: {"buyer": n, "company": n, "total": n}} for confirmed, waitlisted, cancelled
    registrations: dict = field(default_factory=dict)
    checked_in: int = 0
    no_shows: int = 0
    # {status: n} for every MeetingRequest.Status, and "total"
    requests: dict = field(default_factory=dict)
    meetings: int = 0
    unscheduled: int = 0  # accepted requests without a meeting
    # [(reason label, n)] of the unscheduled, the scheduler's reasons first
    unscheduled_reasons: list = field(default_factory=list)
    feedback: int = 0  # answers given (one per participant and meeting)
    meetings_with_feedback: int = 0
    useful: int = 0
    follow_up_wished: int = 0  # answers saying "follow up"
    both_follow_up: int = 0  # meetings where both sides said so
    moved: int = 0  # matches moved into the lifecycle at "meeting held"
    matches_created: int = 0
    already_further: int = 0
    skipped: int = 0

    @property
    def useful_share(self) -> float | None:
        return self.useful / self.feedback if self.feedback else None

    @property
    def useful_percent(self) -> int | None:
        share = self.useful_share
        return None if share is None else round(share * 100)


def event_figures(event) -> Figures:
    figures = Figures()

    counts = {
        f"{status}_{kind}": Count("pk", filter=Q(status=status, kind=kind))
        for status in Registration.Status.values
        for kind in KINDS
    }
    confirmed = Q(status=Registration.Status.CONFIRMED)
    row = Registration.objects.filter(event=event).aggregate(
        **counts,
        checked_in=Count("pk", filter=confirmed & Q(checked_in_at__isnull=False)),
        no_shows=Count("pk", filter=confirmed & Q(no_show=True)),
    )
    for status in Registration.Status.values:
        by_kind = {kind: row[f"{status}_{kind}"] for kind in KINDS}
        figures.registrations[status] = {**by_kind, "total": sum(by_kind.values())}
    figures.checked_in, figures.no_shows = row["checked_in"], row["no_shows"]

    accepted = Q(status=MeetingRequest.Status.ACCEPTED)
    row = MeetingRequest.objects.filter(event=event).aggregate(
        total=Count("pk"),
        unscheduled=Count("pk", filter=accepted & Q(meeting__isnull=True)),
        **{status: Count("pk", filter=Q(status=status)) for status in MeetingRequest.Status.values},
    )
    figures.unscheduled = row.pop("unscheduled")
    figures.requests = row

    figures.meetings = Meeting.objects.filter(session__event=event).count()
    reasons = dict(
        Unplaced.objects.filter(
            request__event=event,
            request__status=MeetingRequest.Status.ACCEPTED,
            request__meeting__isnull=True,
        )
        .values_list("code")
        .annotate(n=Count("pk"))
        .order_by("code")
    )
    figures.unscheduled_reasons = [
        (str(REASON_LABELS.get(code, code)), n) for code, n in sorted(reasons.items())
    ]
    rest = figures.unscheduled - sum(reasons.values())
    if rest > 0:
        figures.unscheduled_reasons.append((str(NOT_RUN), rest))

    row = MeetingFeedback.objects.filter(meeting__session__event=event).aggregate(
        given=Count("pk"),
        meetings=Count("meeting", distinct=True),
        useful=Count("pk", filter=Q(useful=True)),
        follow_up=Count("pk", filter=Q(follow_up=True)),
    )
    figures.feedback, figures.meetings_with_feedback = row["given"], row["meetings"]
    figures.useful, figures.follow_up_wished = row["useful"], row["follow_up"]

    row = MeetingFollowUp.objects.filter(meeting__session__event=event).aggregate(
        total=Count("pk"),
        moved=Count("pk", filter=Q(outcome=Outcome.MOVED)),
        created=Count("pk", filter=Q(match_created=True)),
        already=Count("pk", filter=Q(outcome=Outcome.ALREADY)),
        skipped=Count("pk", filter=Q(outcome=Outcome.SKIPPED)),
    )
    figures.both_follow_up, figures.moved = row["total"], row["moved"]
    figures.matches_created = row["created"]
    figures.already_further, figures.skipped = row["already"], row["skipped"]
    return figures
