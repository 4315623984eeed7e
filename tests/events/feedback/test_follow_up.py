"""When both sides of a meeting want to follow up, their match moves into the lifecycle at
"meeting held" through matching's services (one MatchEvent, by the person who answered last),
created first when HealthMatch had none; once per meeting, whatever is answered later. The
funnel counts it."""

import pytest
from django.utils import timezone

from events.feedback import services
from events.feedback.models import MeetingFollowUp
from matching.funnel.services import compute_funnel
from matching.lifecycle import services as lifecycle
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests import factories as f
from tests.events.feedback.conftest import accepted, place

pytestmark = pytest.mark.django_db
S = Match.Status


def give(meeting, user, follow_up=True, useful=True):
    return services.give_feedback(meeting, actor=user, useful=useful, follow_up=follow_up)


def test_both_want_to_follow_up_moves_the_match_to_meeting_held(met, match, owner, company_owner):
    give(met, owner)
    assert not MeetingFollowUp.objects.exists()
    match.refresh_from_db()
    assert match.status == S.SUGGESTED
    give(met, company_owner)
    match.refresh_from_db()
    assert match.status == S.MET
    assert match.acted_on and match.acted_by == company_owner
    event = MatchEvent.objects.get(match=match)
    assert (event.from_status, event.to_status, event.actor) == (S.SUGGESTED, S.MET, company_owner)
    assert "Welfare Tech Matchmaking Day" in event.note
    record = MeetingFollowUp.objects.get(meeting=met)
    assert (record.outcome, record.match, record.match_created, record.by) == (
        MeetingFollowUp.Outcome.MOVED,
        match,
        False,
        company_owner,
    )


def test_answering_again_moves_nothing_more(met, match, owner, company_owner):
    give(met, owner)
    give(met, company_owner)
    give(met, owner, useful=False)
    give(met, company_owner, follow_up=False)
    give(met, company_owner, follow_up=True)
    assert MatchEvent.objects.filter(match=match).count() == 1
    assert MeetingFollowUp.objects.count() == 1
    match.refresh_from_db()
    assert match.status == S.MET


def test_one_side_only_moves_nothing(met, match, owner, company_owner):
    give(met, owner)
    give(met, company_owner, follow_up=False)
    match.refresh_from_db()
    assert match.status == S.SUGGESTED
    assert not MatchEvent.objects.exists() and not MeetingFollowUp.objects.exists()


def test_a_match_is_created_for_the_pitched_need_and_the_brought_capability(
    hub, met_second, second_company_reg, need, owner
):
    """The request names nothing and HealthMatch had no match: the buyer pitched one need and
    the company brought one capability, so the match is theirs."""
    profile = f.CompanyProfileFactory(organisation=second_company_reg.organisation)
    walker = f.CapabilityFactory(company=profile, published=True, title="Walking aid")
    second_company_reg.capabilities.set([walker])
    give(met_second, owner)
    give(met_second, second_company_reg.user)
    match = Match.objects.get(need=need, capability=walker)
    assert (match.status, match.hub, match.score, match.acted_on) == (S.MET, hub, 0.3, True)
    record = MeetingFollowUp.objects.get(meeting=met_second)
    assert (record.outcome, record.match, record.match_created) == (
        MeetingFollowUp.Outcome.MOVED,
        match,
        True,
    )
    assert list(MatchEvent.objects.filter(match=match).values_list("to_status", flat=True)) == [
        S.MET
    ]


def test_the_requests_need_and_capability_are_used_when_it_had_no_match(
    event, session, tables, buyer_reg, company_reg, need, capability, owner, company_owner
):
    other_need = f.NeedFactory(organisation=need.organisation, published=True)
    buyer_reg.pitched_needs.add(other_need)  # two pitched: the request's own decides
    request = accepted(buyer_reg, company_reg, need=need, capability=capability)
    meeting = place(request, session, 0, tables[1])
    give(meeting, owner)
    give(meeting, company_owner)
    assert Match.objects.get(need=need, capability=capability).status == S.MET
    assert not Match.objects.filter(need=other_need).exists()


def test_skipped_with_a_reason_when_nothing_says_what_to_follow_up(
    met_second, second_company_reg, owner
):
    """The second company brought no capability and the request named none."""
    give(met_second, owner)
    give(met_second, second_company_reg.user)
    record = MeetingFollowUp.objects.get(meeting=met_second)
    assert (record.outcome, record.reason, record.match) == (
        MeetingFollowUp.Outcome.SKIPPED,
        MeetingFollowUp.Reason.NO_CAPABILITY,
        None,
    )
    assert not Match.objects.exists()


def test_a_closed_match_stays_closed(met, match, owner, company_owner, coordinator):
    lifecycle.close(match, by=coordinator, reason="Not in budget")
    give(met, owner)
    give(met, company_owner)
    match.refresh_from_db()
    assert match.status == S.CLOSED
    record = MeetingFollowUp.objects.get()
    assert (record.outcome, record.reason) == (
        MeetingFollowUp.Outcome.SKIPPED,
        MeetingFollowUp.Reason.CLOSED,
    )
    assert MatchEvent.objects.filter(to_status=S.MET).count() == 0


def test_a_match_already_further_is_left_where_it_is(met, match, owner, company_owner):
    Match.objects.filter(pk=match.pk).update(status=S.PILOT)
    give(met, owner)
    give(met, company_owner)
    match.refresh_from_db()
    assert match.status == S.PILOT
    assert MeetingFollowUp.objects.get().outcome == MeetingFollowUp.Outcome.ALREADY
    assert not MatchEvent.objects.exists()


def test_the_funnel_counts_the_meeting(hub, met, match, need, owner, company_owner):
    today = timezone.localdate()
    before = {s.key: s.matches for s in compute_funnel([hub], today, today).stages}
    assert (before["matched"], before["mutual"], before["met"]) == (1, 0, 0)
    give(met, owner)
    give(met, company_owner)
    after = {s.key: (s.needs, s.matches) for s in compute_funnel([hub], today, today).stages}
    assert after["mutual"] == after["introduced"] == after["met"] == (1, 1)
    assert after["pilot"] == (0, 0)
