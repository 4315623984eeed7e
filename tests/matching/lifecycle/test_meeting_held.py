"""A meeting held outside the matching app (an event's feedback calls these): ensure_match
creates the pair's match only when there is none; record_meeting moves a match to "meeting
held" with one MatchEvent from any stage before it (dismissed and retired ones included), leaves
one at that stage or later alone, and refuses a closed one, writing nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.funnel.services import compute_funnel
from matching.lifecycle import services
from matching.lifecycle.models import MatchEvent
from matching.models import Match
from tests.matching.notify.conftest import published_capability

pytestmark = pytest.mark.django_db
S = Match.Status


def test_ensure_match_creates_only_when_missing(world, hub, owner):
    other = published_capability(world.profile, title="Bed exit alarm")
    match, created = services.ensure_match(world.need, other, by=owner, score=0.4)
    assert created
    assert (match.hub, match.status, match.score, match.acted_on, match.acted_by) == (
        hub,
        S.SUGGESTED,
        0.4,
        True,
        owner,
    )
    again, created = services.ensure_match(world.need, other, by=owner)
    assert (again, created) == (match, False)
    existing, created = services.ensure_match(world.need, world.capability, by=owner)
    assert (existing, created, existing.score) == (world.match, False, 0.82)
    assert Match.objects.count() == 2


@pytest.mark.parametrize(
    "status", [S.SUGGESTED, S.MUTUAL, S.APPROVED, S.INTRODUCED, S.RETIRED, S.DISMISSED_BY_BUYER]
)
def test_record_meeting_moves_to_met_with_one_event(world, owner, status):
    Match.objects.filter(pk=world.match.pk).update(status=status)
    assert services.record_meeting(world.match, by=owner, note="Met at the matchmaking day")
    assert world.match.status == S.MET and world.match.acted_by == owner
    event = MatchEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        status,
        S.MET,
        owner,
        "Met at the matchmaking day",
    )


@pytest.mark.parametrize("status", [S.MET, S.PILOT, S.CONTRACT])
def test_record_meeting_leaves_a_later_stage_alone(world, owner, status):
    Match.objects.filter(pk=world.match.pk).update(status=status)
    assert services.record_meeting(world.match, by=owner) is False
    world.match.refresh_from_db()
    assert world.match.status == status and not MatchEvent.objects.exists()


def test_record_meeting_refuses_a_closed_match(world, owner, coordinator):
    services.close(world.match, by=coordinator, reason="Out of scope")
    with pytest.raises(ValidationError):
        services.record_meeting(world.match, by=owner)
    world.match.refresh_from_db()
    assert world.match.status == S.CLOSED
    assert list(MatchEvent.objects.values_list("to_status", flat=True)) == [S.CLOSED]


def test_funnel_counts_a_recorded_meeting_as_every_stage_before_it(world, hub, owner):
    services.record_meeting(world.match, by=owner)
    today = timezone.localdate()
    stages = {s.key: s.matches for s in compute_funnel([hub], today, today).stages}
    assert (stages["mutual"], stages["introduced"], stages["met"], stages["pilot"]) == (1, 1, 1, 0)
