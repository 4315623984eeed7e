"""The lifecycle's rules, through the services: every change writes one MatchEvent, invalid
moves raise a clear error and write nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from matching.lifecycle import introductions, services
from matching.lifecycle.models import Introduction, MatchEvent
from matching.models import Match
from matching.runs.rescore import rescore

pytestmark = pytest.mark.django_db
S = Match.Status


def _history(match):
    return list(match.events.order_by("pk").values_list("from_status", "to_status"))


def _introduce(match, coordinator):
    services.approve(match, by=coordinator)
    intro = Introduction.objects.get(match=match)
    introductions.send_introduction(
        match,
        by=coordinator,
        subject=intro.subject,
        body_buyer=intro.body_buyer,
        body_company=intro.body_company,
    )
    match.refresh_from_db()
    return match


def test_interest_from_both_sides_makes_the_match_mutual(world, owner, company_member):
    match = world.match
    services.state_interest(match, by=owner, interest="interested", reason="Looks right")
    match.refresh_from_db()
    assert match.status == S.SUGGESTED
    assert match.buyer_interest == "interested" and match.buyer_interest_at is not None
    assert match.buyer_interest_reason == "Looks right"
    assert match.acted_on is True  # a re-run keeps it
    assert not match.events.exists()

    services.state_interest(match, by=company_member, interest="interested")
    match.refresh_from_db()

    assert match.status == S.MUTUAL
    event = match.events.get()
    assert (event.from_status, event.to_status, event.actor) == (
        S.SUGGESTED,
        S.MUTUAL,
        company_member,
    )


def test_saying_the_same_again_changes_nothing(world, owner, company_member):
    services.state_interest(world.match, by=owner, interest="interested")
    services.state_interest(world.match, by=company_member, interest="interested")
    services.state_interest(world.match, by=company_member, interest="interested")
    assert MatchEvent.objects.filter(match=world.match).count() == 1


def test_not_relevant_dismisses_for_that_side_and_survives_a_rescore(world, company_member):
    services.state_interest(
        world.match, by=company_member, interest="not_relevant", reason="We do not sell in DK"
    )
    world.match.refresh_from_db()
    assert world.match.status == S.DISMISSED_BY_COMPANY
    assert world.match.company_interest == "not_relevant"
    assert world.match.company_interest_reason == "We do not sell in DK"
    assert _history(world.match) == [(S.SUGGESTED, S.DISMISSED_BY_COMPANY)]
    assert world.match.events.get().note == "We do not sell in DK"

    rescore(full=True)

    world.match.refresh_from_db()
    assert world.match.status == S.DISMISSED_BY_COMPANY


def test_interest_of_a_stated_match_cannot_change_once_it_moved_on(world, owner, coordinator):
    services.approve(world.match, by=coordinator)
    with pytest.raises(ValidationError):
        services.state_interest(world.match, by=owner, interest="not_relevant")
    world.match.refresh_from_db()
    assert world.match.status == S.APPROVED and world.match.buyer_interest == ""


@pytest.mark.parametrize("person", ["outsider", "coordinator"])
def test_only_the_parties_state_interest(world, person, request):
    with pytest.raises(PermissionDenied):
        services.state_interest(
            world.match, by=request.getfixturevalue(person), interest="interested"
        )
    world.match.refresh_from_db()
    assert world.match.buyer_interest == world.match.company_interest == ""


def test_dismiss_writes_an_event_too(world, owner):
    services.dismiss(world.match, by=owner, side="buyer")
    assert _history(world.match) == [(S.SUGGESTED, S.DISMISSED_BY_BUYER)]


def test_the_whole_lifecycle_records_each_step(world, coordinator, owner, company_member):
    services.state_interest(world.match, by=owner, interest="interested")
    services.state_interest(world.match, by=company_member, interest="interested")
    match = _introduce(world.match, coordinator)
    services.report(match, by=owner, to=S.MET, note="Good first meeting")
    services.report(match, by=company_member, to=S.PILOT)
    services.move(match, to=S.PROCUREMENT, by=coordinator)
    services.move(match, to=S.CONTRACT, by=coordinator, note="Signed")

    match.refresh_from_db()
    assert match.status == S.CONTRACT
    assert _history(match) == [
        (S.SUGGESTED, S.MUTUAL),
        (S.MUTUAL, S.APPROVED),
        (S.APPROVED, S.INTRODUCED),
        (S.INTRODUCED, S.MET),
        (S.MET, S.PILOT),
        (S.PILOT, S.PROCUREMENT),
        (S.PROCUREMENT, S.CONTRACT),
    ]
    actors = list(match.events.order_by("pk").values_list("actor__email", flat=True))
    assert actors[3:5] == ["owner@ouh.example", "dev@caresense.example"]
    assert match.events.get(to_status=S.MET).note == "Good first meeting"


def test_skipping_a_stage_records_every_stage_passed(world, coordinator, owner):
    match = _introduce(world.match, coordinator)
    services.report(match, by=owner, to=S.PILOT)
    assert _history(match)[-2:] == [(S.INTRODUCED, S.MET), (S.MET, S.PILOT)]


@pytest.mark.parametrize(
    "to",
    [S.MET, S.PILOT, S.PROCUREMENT, S.CONTRACT],
)
def test_stages_after_the_introduction_need_an_introduction(world, coordinator, to):
    with pytest.raises(ValidationError) as error:
        services.move(world.match, to=to, by=coordinator)
    assert "cannot move" in str(error.value)
    world.match.refresh_from_db()
    assert world.match.status == S.SUGGESTED and not world.match.events.exists()


@pytest.mark.parametrize("to", [S.MUTUAL, S.INTRODUCED, S.SUGGESTED, S.RETIRED])
def test_coordinators_cannot_set_states_that_come_from_elsewhere(world, coordinator, to):
    with pytest.raises(ValidationError):
        services.move(world.match, to=to, by=coordinator)
    assert not world.match.events.exists()


def test_no_moving_backwards(world, coordinator, owner):
    match = _introduce(world.match, coordinator)
    services.move(match, to=S.PILOT, by=coordinator)
    with pytest.raises(ValidationError):
        services.move(match, to=S.APPROVED, by=coordinator)
    events = match.events.count()
    services.report(match, by=owner, to=S.MET)  # already past it: nothing happens
    assert match.events.count() == events
    match.refresh_from_db()
    assert match.status == S.PILOT


def test_close_needs_a_reason_and_ends_the_lifecycle(world, coordinator):
    with pytest.raises(ValidationError):
        services.close(world.match, by=coordinator, reason="  ")
    assert not world.match.events.exists()

    services.move(world.match, to=S.CLOSED, by=coordinator, note="Budget withdrawn")

    world.match.refresh_from_db()
    assert world.match.status == S.CLOSED
    assert world.match.closed_reason == "Budget withdrawn"
    assert _history(world.match) == [(S.SUGGESTED, S.CLOSED)]
    with pytest.raises(ValidationError):
        services.move(world.match, to=S.APPROVED, by=coordinator)
    with pytest.raises(ValidationError):
        services.close(world.match, by=coordinator, reason="Again")
    assert world.match.events.count() == 1


def test_coordinator_of_another_hub_cannot_move(world, other_coordinator):
    with pytest.raises(PermissionDenied):
        services.move(world.match, to=S.APPROVED, by=other_coordinator)
    with pytest.raises(PermissionDenied):
        services.approve(world.match, by=other_coordinator)
    assert not world.match.events.exists()


def test_parties_cannot_report_before_the_introduction_nor_outsiders_ever(
    world, owner, outsider, coordinator
):
    with pytest.raises(ValidationError):
        services.report(world.match, by=owner, to=S.MET)
    match = _introduce(world.match, coordinator)
    with pytest.raises(PermissionDenied):
        services.report(match, by=outsider, to=S.MET)
    assert match.events.count() == 2


def test_approve_drafts_the_introduction_from_both_profiles(world, coordinator):
    services.approve(world.match, by=coordinator)
    intro = Introduction.objects.get(match=world.match)
    assert world.need.title in intro.subject and "CareSense ApS" in intro.subject
    assert "Dear Odense University Hospital" in intro.body_buyer
    assert world.capability.title in intro.body_buyer
    assert "Dear CareSense ApS" in intro.body_company
    assert world.need.summary in intro.body_company
    # the match reasons: the summary, its main factors and shared terms
    assert "Strong match: same clinical area, similar wording" in intro.body_buyer
    assert "fall, radar, night" in intro.body_company
    assert intro.sent_at is None
