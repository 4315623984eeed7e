"""Runs end to end with the real engine: full, incremental, one item; idempotence; dismissals
fed back; retirement except acted-on."""

import datetime

import pytest
from django.utils import timezone

from companies.models import Capability, CompanyProfile
from healthmatch.accounts.models import Organisation
from matching.lifecycle import services
from matching.models import Match
from matching.runs.models import MatchRun
from matching.runs.rescore import rescore, rescore_capability, rescore_need
from needs.models import Need
from tests.matching.conftest import make_capability, make_need


def snapshot():
    return {
        (m.need_id, m.capability_id): (m.pk, m.status, round(m.score, 6), m.first_seen_at)
        for m in Match.objects.all()
    }


def age_everything(hours=2):
    """Make every run and item look older, as if the last run was a while ago."""
    past = timezone.now() - datetime.timedelta(hours=hours)
    MatchRun.objects.update(started_at=past, heartbeat_at=past)
    Need.objects.update(updated_at=past - datetime.timedelta(hours=1))
    Capability.objects.update(updated_at=past - datetime.timedelta(hours=1))
    CompanyProfile.objects.update(updated_at=past - datetime.timedelta(hours=1))
    Organisation.objects.update(verified_at=past - datetime.timedelta(hours=1))


def suggested_caps(need):
    return set(Match.objects.suggested().filter(need=need).values_list("capability_id", flat=True))


def test_full_run_suggests_relevant_capabilities_with_reasons(world):
    run = rescore(full=True)

    assert run.state == MatchRun.State.DONE
    assert run.kind == MatchRun.Kind.FULL
    assert (run.needs, run.capabilities) == (1, 4)
    assert world.radar.pk in suggested_caps(world.need)
    assert world.billing.pk not in suggested_caps(world.need)
    radar = Match.objects.get(need=world.need, capability=world.radar)
    assert 0 < radar.score <= 1
    assert {"text", "relevance", "constraints", "clinical_area"} <= set(radar.factors)
    assert "fall" in radar.shared_terms
    assert radar.hub == world.need.hub
    assert radar.last_run == run
    best = Match.objects.filter(need=world.need).order_by("-score").first()
    assert best.capability == world.radar  # the one sharing area, setting and technology


def test_full_run_twice_gives_the_same_rows(world):
    rescore(full=True)
    first = snapshot()

    rescore(full=True)

    assert snapshot() == first
    assert MatchRun.objects.filter(state="done").count() == 2


def test_incremental_run_without_a_full_one_runs_full(world):
    run = rescore()

    assert run.kind == MatchRun.Kind.FULL
    assert suggested_caps(world.need)


def test_incremental_run_rescores_only_what_changed(world, buyer_org):
    rescore(full=True)
    before = snapshot()
    age_everything()
    fresh = make_need(buyer_org, title="Detecting falls with radar in nursing homes")
    # an unchanged item's rows are not touched, even if they would score differently now
    Match.objects.filter(need=world.need).update(score=0.99)

    run = rescore()

    assert run.kind == MatchRun.Kind.INCREMENTAL
    assert run.needs == 1
    assert world.radar.pk in suggested_caps(fresh)
    untouched = {k: v for k, v in snapshot().items() if k[0] == world.need.pk}
    assert {v[2] for v in untouched.values()} == {0.99}
    assert set(untouched) == {k for k in before if k[0] == world.need.pk}


def test_incremental_run_with_nothing_changed_writes_nothing(world):
    rescore(full=True)
    age_everything()
    before = snapshot()

    run = rescore()

    assert run.kind == MatchRun.Kind.INCREMENTAL
    assert (run.needs, run.capabilities, run.matches) == (0, 0, 0)
    assert snapshot() == before


def test_incremental_run_retires_matches_of_a_closed_need(world):
    rescore(full=True)
    age_everything()
    Need.objects.filter(pk=world.need.pk).update(
        status=Need.Status.CLOSED, updated_at=timezone.now()
    )

    rescore()

    assert not Match.objects.suggested().exists()
    assert Match.objects.filter(status="retired").exists()


def test_rescore_need_scores_one_need(world, buyer_org):
    rescore(full=True)
    fresh = make_need(buyer_org, title="Radar to detect falls at night")

    run = rescore_need(fresh.pk)

    assert run.kind == MatchRun.Kind.ITEM and run.state == "done"
    assert run.need_ids == [fresh.pk]
    assert world.radar.pk in suggested_caps(fresh)
    assert world.billing.pk not in suggested_caps(fresh)


def test_rescore_capability_scores_it_against_every_need(world, profile):
    rescore(full=True)
    fresh = make_capability(profile, title="Fall alarm sensors for geriatric wards")

    rescore_capability(fresh.pk)

    assert fresh.pk in suggested_caps(world.need)


def test_rescore_capability_retires_an_archived_one(world):
    rescore(full=True)
    Capability.objects.filter(pk=world.radar.pk).update(status=Capability.Status.ARCHIVED)

    rescore_capability(world.radar.pk)

    assert world.radar.pk not in suggested_caps(world.need)
    assert Match.objects.get(capability=world.radar).status == Match.Status.RETIRED


def test_dismissed_pair_is_never_suggested_again(world, owner):
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)
    services.dismiss(match, by=owner)

    rescore(full=True)
    rescore_need(world.need.pk)
    rescore_capability(world.radar.pk)

    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_BUYER
    assert world.radar.pk not in suggested_caps(world.need)


def test_matches_that_fall_out_are_retired_except_acted_on(world, company_member):
    rescore(full=True)
    radar = Match.objects.get(need=world.need, capability=world.radar)
    mats = Match.objects.get(need=world.need, capability=world.mats)
    services.dismiss(radar, by=company_member)
    # the need changes so that nothing fits any more
    Need.objects.filter(pk=world.need.pk).update(
        title="Payroll for the municipality", summary="Payroll.", description="Payroll export."
    )
    world.need.clinical_areas.clear()
    world.need.care_settings.clear()
    world.need.technology_types.clear()

    rescore(full=True)

    radar.refresh_from_db()
    mats.refresh_from_db()
    assert mats.status == Match.Status.RETIRED
    assert radar.status == Match.Status.DISMISSED_BY_COMPANY


def test_top_k_keeps_each_need_and_capability_best(world, buyer_org, top_k):
    make_need(buyer_org, title="Radar sensors detect falls in patient rooms")
    top_k(1)

    rescore(full=True)

    suggested = list(Match.objects.suggested())
    best_of_need, best_of_cap = {}, {}
    for m in sorted(suggested, key=lambda m: -m.score):
        best_of_need.setdefault(m.need_id, m.pk)
        best_of_cap.setdefault(m.capability_id, m.pk)
    assert suggested
    assert {m.pk for m in suggested} == set(best_of_need.values()) | set(best_of_cap.values())


@pytest.mark.parametrize("chunk_needs", [1, 2, 3])
def test_distributed_full_run_matches_the_inline_one(world, buyer_org, settings, chunk_needs):
    from matching.tasks import dispatch_chunks

    for i in range(3):
        make_need(buyer_org, title=f"Fall sensors for ward {i}")
    rescore(full=True)
    inline = {k: (v[1], v[2]) for k, v in snapshot().items()}
    settings.MATCHING_CHUNK_NEEDS = chunk_needs

    run = rescore(full=True, dispatch=dispatch_chunks)  # eager: chunks run here

    run.refresh_from_db()
    assert run.state == MatchRun.State.DONE
    assert run.chunks_total == -(-4 // chunk_needs)  # id ranges of needs
    assert len(run.chunks_done) == run.chunks_total
    assert {k: (v[1], v[2]) for k, v in snapshot().items()} == inline
