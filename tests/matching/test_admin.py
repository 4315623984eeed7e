"""Matches, settings and runs in the coordination admin, scoped to the coordinator's hubs."""

import pytest
from django.urls import reverse

from matching.models import Match
from matching.runs.config import Configs
from matching.runs.models import MatchingConfig, MatchRun
from matching.runs.rescore import rescore
from tests import factories as f
from tests.matching.conftest import make_capability, make_need
from tests.once import once


def rows(response):
    return list(response.context["cl"].result_list)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def matches(world, other_hub, terms):
    """The world's matches plus one of a need in another hub."""
    foreign_org = f.OrganisationFactory(name="Oslo Universitetssykehus", hub=other_hub)
    foreign = make_need(
        foreign_org,
        title="Foreign need: fall alarms in Oslo",
        m2m={"clinical_areas": [terms.cardiology]},
    )
    rescore(full=True)
    assert Match.objects.filter(need=foreign).exists()
    return foreign


def test_match_changelist_shows_only_the_coordinators_hub(coordinator_client, matches, world):
    response = coordinator_client.get(reverse("admin:matching_match_changelist"))

    assert response.status_code == 200
    assert rows(response)
    assert {m.need_id for m in rows(response)} == {world.need.pk}
    assert matches.title not in response.content.decode()


def test_match_changelist_superuser_sees_every_hub(client, superuser, matches, world):
    client.force_login(superuser)

    response = client.get(reverse("admin:matching_match_changelist"))

    assert {m.need_id for m in rows(response)} == {world.need.pk, matches.pk}


def test_match_of_another_hub_is_not_found(coordinator_client, matches):
    foreign = Match.objects.filter(need=matches).first()

    response = coordinator_client.get(reverse("admin:matching_match_change", args=[foreign.pk]))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("score=high", lambda m: m.score >= 0.6),
        ("score=low", lambda m: m.score < 0.4),
        ("status__exact=suggested", lambda m: m.status == "suggested"),
        ("status__exact=dismissed_by_buyer", lambda m: False),
        (
            "q=Radar",
            lambda m: "Radar" in m.capability.title + m.capability.company.organisation.name,
        ),
    ],
)
def test_match_changelist_filters(client, superuser, matches, query, expected):
    client.force_login(superuser)

    response = client.get(reverse("admin:matching_match_changelist") + "?" + query)

    assert response.status_code == 200
    assert {m.pk for m in rows(response)} == {
        m.pk
        for m in Match.objects.select_related("capability__company__organisation")
        if expected(m)
    }


def test_match_changelist_filters_by_hub_and_clinical_area(
    client, superuser, matches, world, terms
):
    client.force_login(superuser)
    url = reverse("admin:matching_match_changelist")

    by_hub = client.get(f"{url}?hub__id__exact={world.need.hub_id}")
    by_area = client.get(f"{url}?need__clinical_areas__id__exact={terms.cardiology.pk}")

    assert {m.need_id for m in rows(by_hub)} == {world.need.pk}
    assert {m.need_id for m in rows(by_area)} == {matches.pk}


def test_match_change_page_shows_the_breakdown_read_only(coordinator_client, world, terms):
    world.need.regulatory_requirements.set([terms.ce])
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)

    response = coordinator_client.get(reverse("admin:matching_match_change", args=[match.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Clinical area" in html and "100%" in html
    assert "Missing: CE marking - MDR class IIa" in html
    assert 'name="score"' not in html  # nothing editable
    assert "fall" in html


def test_match_change_page_explains_it_as_the_parties_see_it(coordinator_client, world):
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)
    Match.objects.filter(pk=match.pk).update(
        factors={"clinical_area": 1.0, "technology": 0.9, "text": 0.4, "relevance": 0.8},
        shared_terms=["fall", "2", "kg", "radar"],
    )

    response = coordinator_client.get(reverse("admin:matching_match_change", args=[match.pk]))

    html = response.content.decode()
    summary = "same clinical area, same kind of technology and similar wording."
    assert summary in html
    assert html.index(summary) < html.index("Every factor")
    assert "fall, radar" in html and "fall, 2" not in html


def test_a_match_is_named_by_the_need_and_the_company(coordinator_client, world):
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)
    name = f"{world.need.title} ↔ CareSense ApS"
    assert str(match) == name

    change = coordinator_client.get(reverse("admin:matching_match_change", args=[match.pk]))
    move = coordinator_client.get(reverse("admin:matching_match_lifecycle_move", args=[match.pk]))

    assert name in change.content.decode()  # Django's own page
    # Ours (templates/admin/lifecycle/) isolate each name (healthmatch/bidi.py).
    assert (
        f'<bdi lang="en">{world.need.title}</bdi> ↔ <bdi>CareSense ApS</bdi>'
        in move.content.decode()
    )
    for page in (change.content.decode(), move.content.decode()):
        assert f"{match.need_id} ↔ {match.capability_id}" not in page


def test_admin_shows_the_score_in_its_one_form(coordinator_client, world):
    rescore(full=True)
    match = Match.objects.get(need=world.need, capability=world.radar)
    percent = f"{round(match.score * 100)} % match"

    listing = coordinator_client.get(reverse("admin:matching_match_changelist")).content.decode()
    change = coordinator_client.get(reverse("admin:matching_match_change", args=[match.pk]))

    assert percent in listing and percent in change.content.decode()
    assert f">{match.score:.2f}<" not in listing
    assert "60 % match and above" in listing


def test_naming_matches_in_a_list_costs_no_query_per_match(world, django_assert_num_queries):
    rescore(full=True)
    assert Match.objects.count() >= 2
    with django_assert_num_queries(1):
        names = [str(m) for m in Match.objects.named()]
    assert f"{world.need.title} ↔ CareSense ApS" in names


def test_coordinator_adds_settings_for_their_hub_only(coordinator_client, hub, other_hub):
    url = reverse("admin:matching_matchingconfig_add")
    form = coordinator_client.get(url).context["adminform"].form
    assert set(form.fields["hub"].queryset) == {hub}

    data = {
        "hub": hub.pk,
        "text": 1,
        "semantic": 0.5,
        "clinical_area": 0.3,
        "care_setting": 0.15,
        "technology": 0.1,
        "maturity": 0.1,
        "regulatory": 0.2,
        "region": 0.05,
        "language": 0.05,
        "threshold": 0.3,
        "regulatory_hard_filter": "on",
        "top_k": 10,
        "notify_threshold": 0.6,
    }
    response = coordinator_client.post(url, once(coordinator_client, data))

    assert response.status_code == 302
    config = MatchingConfig.objects.get(hub=hub)
    assert (config.top_k, config.regulatory_hard_filter, config.threshold) == (10, True, 0.3)
    assert Configs().weights(hub.pk).clinical_area == 0.3

    refused = coordinator_client.post(url, {**data, "hub": other_hub.pk})
    assert refused.status_code == 200
    assert not MatchingConfig.objects.filter(hub=other_hub).exists()


def test_constraint_weights_stay_between_0_and_1(coordinator_client, hub):
    config = MatchingConfig.objects.create(hub=hub)
    url = reverse("admin:matching_matchingconfig_change", args=[config.pk])
    form = coordinator_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["regulatory"] = 1.5
    data.pop("regulatory_hard_filter", None)
    data.pop("maturity_hard_filter", None)

    response = coordinator_client.post(url, data)

    assert response.status_code == 200
    assert "regulatory" in response.context["adminform"].form.errors


def test_default_settings_are_for_superusers(coordinator_client, client, superuser, hub):
    default = MatchingConfig.objects.get(hub=None)  # created by a migration
    own = MatchingConfig.objects.create(hub=hub)

    response = coordinator_client.get(reverse("admin:matching_matchingconfig_changelist"))
    assert rows(response) == [own]

    client.force_login(superuser)
    response = client.get(reverse("admin:matching_matchingconfig_changelist"))
    assert set(rows(response)) == {default, own}


def test_only_one_default_config(db):
    from django.db import IntegrityError, transaction

    assert MatchingConfig.objects.filter(hub=None).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchingConfig.objects.create(hub=None)


def test_runs_are_a_read_only_log(coordinator_client, world):
    run = rescore(full=True)

    listing = coordinator_client.get(reverse("admin:matching_matchrun_changelist"))
    page = coordinator_client.get(reverse("admin:matching_matchrun_change", args=[run.pk]))

    assert listing.status_code == 200 and rows(listing) == [run]
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert coordinator_client.get(reverse("admin:matching_matchrun_add")).status_code == 403
    assert MatchRun.objects.count() == 1


def test_outsider_and_members_cannot_open_the_match_admin(client, owner, matches):
    client.force_login(owner)

    response = client.get(reverse("admin:matching_match_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url or "login" in response.url


def test_capability_of_another_hub_still_matches_this_hubs_need(world, other_hub):
    far = f.CompanyProfileFactory(organisation=f.OrganisationFactory(company=True, hub=other_hub))
    capability = make_capability(far, title="Radar fall detection from Norway")

    rescore(full=True)

    match = Match.objects.get(need=world.need, capability=capability)
    assert match.hub == world.need.hub
