"""Feedback on a meeting: only its two participants, only once it has ended and until two
weeks after the event, one row per person and meeting (answering again edits it), never from a
participant recorded as a no-show (the other side still answers), and bad answers refused
whole."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from events import services as event_services
from events.feedback import services
from events.feedback.models import MeetingFeedback
from events.meetings.models import Meeting
from events.models import Event

pytestmark = pytest.mark.django_db


def give(meeting, user, useful=True, follow_up=False, comment=""):
    return services.give_feedback(
        meeting, actor=user, useful=useful, follow_up=follow_up, comment=comment
    )


def test_each_participant_gives_one_row_and_edits_it(met, owner, company_owner, buyer_reg):
    first = give(met, owner, useful=True, follow_up=False, comment="  Good demo.  ")
    assert (first.registration, first.useful, first.follow_up, first.comment) == (
        buyer_reg,
        True,
        False,
        "Good demo.",
    )
    again = give(met, owner, useful=False, follow_up=True, comment="")
    assert again.pk == first.pk
    assert MeetingFeedback.objects.filter(meeting=met, registration=buyer_reg).count() == 1
    first.refresh_from_db()
    assert (first.useful, first.follow_up, first.comment) == (False, True, "")
    give(met, company_owner)
    assert MeetingFeedback.objects.filter(meeting=met).count() == 2


def test_only_the_two_participants_answer(
    met, member, member_reg, company_member, outsider, coordinator
):
    for person in (member, company_member, outsider, coordinator):
        with pytest.raises(PermissionDenied):
            give(met, person)
    assert not MeetingFeedback.objects.exists()


def test_no_feedback_before_the_meeting_has_ended(met, owner):
    later = timezone.now() + datetime.timedelta(hours=1)
    Meeting.objects.filter(pk=met.pk).update(
        starts_at=later - datetime.timedelta(minutes=20), ends_at=later
    )
    met.refresh_from_db()
    with pytest.raises(ValidationError, match="once the meeting has ended"):
        give(met, owner)
    assert not MeetingFeedback.objects.exists()


def test_no_feedback_two_weeks_after_the_event(met, event, owner):
    give(met, owner)
    shift = datetime.timedelta(days=services.FEEDBACK_DAYS)
    Event.objects.filter(pk=event.pk).update(
        starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift
    )
    with pytest.raises(ValidationError, match="Feedback closed on"):
        give(met, owner, useful=False)
    assert MeetingFeedback.objects.get().useful is True


def test_no_feedback_on_a_cancelled_event(met, event, owner):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        give(met, owner)


def test_a_no_show_gives_none_and_the_other_side_still_does(
    met, buyer_reg, company_reg, owner, company_owner, coordinator
):
    event_services.mark_no_show(company_reg, actor=coordinator)
    with pytest.raises(ValidationError, match="did not attend"):
        give(met, company_owner)
    feedback = give(met, owner, useful=False)
    assert feedback.registration == buyer_reg
    assert MeetingFeedback.objects.count() == 1


def test_answers_must_be_yes_or_no_and_the_comment_short(met, owner):
    with pytest.raises(ValidationError) as error:
        services.give_feedback(met, actor=owner, useful=None, follow_up="yes", comment="x" * 2001)
    assert set(error.value.error_dict) == {"useful", "follow_up", "comment"}
    assert not MeetingFeedback.objects.exists()
