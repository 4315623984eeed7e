"""Scored pairs to rows: upserts, top K per need and per capability, retirement."""

from matching.engine.types import ScoredPair
from matching.models import Match
from matching.runs.config import Configs
from matching.runs.models import MatchingConfig
from matching.runs.store import admit, dismissed_pairs, persist, prune, retire_for_needs
from tests.matching.conftest import make_capability, make_need


def pair(need, capability, score, **extra):
    return ScoredPair(
        need_id=need.pk,
        capability_id=capability.pk,
        score=score,
        factors=extra.get("factors", {"text": score, "relevance": score, "constraints": 1.0}),
        shared_terms=extra.get("terms", ["fall", "sensor"]),
        gaps=extra.get("gaps", [("care_setting", 0)]),
    )


def rows():
    return {
        (m.need_id, m.capability_id): (m.status, round(m.score, 3)) for m in Match.objects.all()
    }


def test_persist_creates_rows_with_the_breakdown(world):
    written = persist([pair(world.need, world.radar, 0.8, gaps=[("regulatory_missing", 7)])])

    match = Match.objects.get()
    assert written == 1
    assert (match.need, match.capability, match.hub) == (world.need, world.radar, world.need.hub)
    assert match.score == 0.8
    assert match.factors == {"text": 0.8, "relevance": 0.8, "constraints": 1.0}
    assert match.shared_terms == ["fall", "sensor"]
    assert match.gaps == [["regulatory_missing", 7]]
    assert match.status == Match.Status.SUGGESTED
    assert match.acted_on is False


def test_persist_updates_in_place_and_keeps_first_seen(world):
    persist([pair(world.need, world.radar, 0.5)])
    first = Match.objects.get()

    persist([pair(world.need, world.radar, 0.7, terms=["radar"])])

    again = Match.objects.get()
    assert again.pk == first.pk
    assert again.score == 0.7
    assert again.shared_terms == ["radar"]
    assert again.first_seen_at == first.first_seen_at
    assert again.last_scored_at > first.last_scored_at


def test_persist_brings_a_retired_pair_back_but_keeps_a_dismissal(world):
    persist([pair(world.need, world.radar, 0.5), pair(world.need, world.mats, 0.5)])
    Match.objects.filter(capability=world.radar).update(status=Match.Status.RETIRED)
    Match.objects.filter(capability=world.mats).update(
        status=Match.Status.DISMISSED_BY_BUYER, acted_on=True
    )

    persist([pair(world.need, world.radar, 0.6), pair(world.need, world.mats, 0.6)])

    assert rows() == {
        (world.need.pk, world.radar.pk): ("suggested", 0.6),
        (world.need.pk, world.mats.pk): ("dismissed_by_buyer", 0.6),
    }
    assert dismissed_pairs() == {(world.need.pk, world.mats.pk)}


def test_persist_keeps_the_last_of_duplicate_pairs(world):
    written = persist([pair(world.need, world.radar, 0.4), pair(world.need, world.radar, 0.5)])

    assert written == 1
    assert Match.objects.get().score == 0.5


def test_persist_stores_nonfinite_numbers_as_zero(world):
    persist([pair(world.need, world.radar, 0.4, factors={"text": float("nan")})])

    assert Match.objects.get().factors == {"text": 0.0}


def _square(world, buyer_org):
    """Two needs x two capabilities: n1c1 .9, n1c2 .8, n2c1 .7, n2c2 .3."""
    n1, n2 = world.need, make_need(buyer_org, title="Second need")
    c1, c2 = world.radar, world.mats
    persist([pair(n1, c1, 0.9), pair(n1, c2, 0.8), pair(n2, c1, 0.7), pair(n2, c2, 0.3)])
    return n1, n2, c1, c2


def test_prune_keeps_the_union_of_need_and_capability_top_k(world, buyer_org, top_k):
    n1, n2, c1, c2 = _square(world, buyer_org)
    top_k(1)

    retired = prune(configs=Configs(), full=True)

    # n1's best (c1), n2's best (c1), c2's best (n1) stay; n2-c2 is nobody's top 1
    assert retired == 1
    assert rows() == {
        (n1.pk, c1.pk): ("suggested", 0.9),
        (n1.pk, c2.pk): ("suggested", 0.8),
        (n2.pk, c1.pk): ("suggested", 0.7),
        (n2.pk, c2.pk): ("retired", 0.3),
    }


def test_prune_of_some_lists_gives_the_same_result(world, buyer_org, top_k):
    n1, n2, c1, c2 = _square(world, buyer_org)
    top_k(1)

    prune(configs=Configs(), need_ids={n2.pk})

    assert Match.objects.get(need=n2, capability=c2).status == Match.Status.RETIRED
    assert Match.objects.filter(status="retired").count() == 1


def test_prune_never_retires_acted_on_matches(world, buyer_org, top_k):
    n1, n2, c1, c2 = _square(world, buyer_org)
    Match.objects.filter(need=n2, capability=c2).update(acted_on=True)
    top_k(1)

    assert prune(configs=Configs(), full=True) == 0
    assert not Match.objects.filter(status="retired").exists()


def test_top_k_follows_the_hub_of_the_need(world, buyer_org, top_k):
    n1, n2, c1, c2 = _square(world, buyer_org)
    top_k(1)
    MatchingConfig.objects.create(hub=world.need.hub, top_k=2)

    assert prune(configs=Configs(), full=True) == 0


def test_retire_for_needs_keeps_dismissed_and_other_needs(world, buyer_org):
    n1, n2, c1, c2 = _square(world, buyer_org)
    Match.objects.filter(need=n1, capability=c2).update(
        status=Match.Status.DISMISSED_BY_COMPANY, acted_on=True
    )

    assert retire_for_needs([n1.pk]) == 1
    assert rows()[(n1.pk, c1.pk)][0] == "retired"
    assert rows()[(n1.pk, c2.pk)][0] == "dismissed_by_company"
    assert rows()[(n2.pk, c1.pk)][0] == "suggested"


def test_admit_keeps_a_pair_beyond_the_needs_k_that_tops_its_capability(
    world, buyer_org, profile, top_k
):
    top_k(1)
    other = make_need(buyer_org, title="An older need")
    lonely = make_capability(profile, title="Niche capability")
    persist([pair(other, world.radar, 0.95)])
    wide = [pair(world.need, world.radar, 0.9), pair(world.need, lonely, 0.2)]

    chosen = admit(
        wide, [], rescored_needs={world.need.pk}, rescored_capabilities=set(), configs=Configs()
    )

    # radar is the need's best; lonely is beyond the need's K=1 but lonely has no better need
    assert {(p.need_id, p.capability_id) for p in chosen} == {
        (world.need.pk, world.radar.pk),
        (world.need.pk, lonely.pk),
    }


def test_admit_drops_a_pair_beyond_both_lists(world, buyer_org, top_k):
    top_k(1)
    other = make_need(buyer_org, title="An older need")
    persist([pair(other, world.mats, 0.95)])
    wide = [pair(world.need, world.radar, 0.9), pair(world.need, world.mats, 0.5)]

    chosen = admit(
        wide, [], rescored_needs={world.need.pk}, rescored_capabilities=set(), configs=Configs()
    )

    assert {(p.need_id, p.capability_id) for p in chosen} == {(world.need.pk, world.radar.pk)}


def test_admit_keeps_a_pair_beyond_the_capabilitys_k_that_tops_its_need(world, buyer_org, top_k):
    top_k(1)
    lonely = make_need(buyer_org, title="A need nobody else serves")
    wide = [pair(world.need, world.radar, 0.9), pair(lonely, world.radar, 0.2)]

    chosen = admit(
        [], wide, rescored_needs=set(), rescored_capabilities={world.radar.pk}, configs=Configs()
    )

    # the need is radar's best; lonely is beyond radar's K=1 but has no better capability
    assert {(p.need_id, p.capability_id) for p in chosen} == {
        (world.need.pk, world.radar.pk),
        (lonely.pk, world.radar.pk),
    }


def test_admit_drops_a_capabilitys_pair_beyond_both_lists(world, buyer_org, top_k):
    top_k(1)
    other = make_need(buyer_org, title="An older need")
    persist([pair(other, world.mats, 0.95)])
    wide = [pair(world.need, world.radar, 0.9), pair(other, world.radar, 0.5)]

    chosen = admit(
        [], wide, rescored_needs=set(), rescored_capabilities={world.radar.pk}, configs=Configs()
    )

    assert {(p.need_id, p.capability_id) for p in chosen} == {(world.need.pk, world.radar.pk)}


def test_persist_skips_items_deleted_since_they_were_loaded(world):
    gone = ScoredPair(
        need_id=world.need.pk, capability_id=987654, score=0.5, factors={}, shared_terms=[]
    )
    lost = ScoredPair(
        need_id=987654, capability_id=world.radar.pk, score=0.5, factors={}, shared_terms=[]
    )

    written = persist([gone, lost, pair(world.need, world.radar, 0.5)])

    assert written == 1
    assert Match.objects.get().capability == world.radar
