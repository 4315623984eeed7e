"""Both sides saying "follow up" at the same moment move their match once: the second waits on
the meeting's row, then finds the follow-up decided. Needs PostgreSQL (see
tests/events/test_concurrency.py)."""

import pytest

from events.feedback import services
from events.feedback.models import MeetingFeedback, MeetingFollowUp
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests.events.test_concurrency import _race, postgres_only


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_both_sides_at_once_move_the_match_once(met, match, owner, company_owner):
    def answer(user):
        return lambda: services.give_feedback(met, actor=user, useful=True, follow_up=True)

    results = _race([answer(owner), answer(company_owner)])

    assert all(isinstance(r, MeetingFeedback) for r in results), results
    assert MeetingFollowUp.objects.get().outcome == MeetingFollowUp.Outcome.MOVED
    assert list(MatchEvent.objects.values_list("to_status", flat=True)) == [Match.Status.MET]
