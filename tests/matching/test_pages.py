"""'Suggested companies' on the need page and 'Needs for you' on the dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.lifecycle import services
from matching.models import Match
from matching.runs.rescore import rescore
from tests import factories as f
from tests.matching.conftest import make_capability, make_need

SECRET_WORDS = ("frobisher", "zanzibarium")


@pytest.fixture
def scored(world):
    rescore(full=True)
    return world


def need_page(client, user, need):
    client.force_login(user)
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


# --- Suggested companies on the need page ---------------------------------------------------------


@pytest.mark.parametrize("person", ["owner", "member"])
def test_owners_see_ranked_suggestions_with_reasons(client, scored, person, request):
    html = need_page(client, request.getfixturevalue(person), scored.need)

    assert "Suggested companies" in html
    assert scored.radar.title in html
    assert scored.radar.get_absolute_url() in html
    assert "CareSense ApS" in html
    assert html.index(scored.radar.title) < html.index(scored.rival.title)
    match = Match.objects.get(need=scored.need, capability=scored.radar)
    assert f"{round(match.score * 100)} % match" in html
    assert "<meter" in html and "Clinical area" in html and "Words in common" in html
    assert 'class="tag"><bdi>fall</bdi><' in html
    assert reverse("lifecycle:interest", args=[match.pk]) in html
    assert 'name="side" value="buyer"' in html
    assert scored.billing.title not in html


def test_coordinator_sees_suggestions_without_dismiss(client, scored, coordinator):
    html = need_page(client, coordinator, scored.need)

    assert "Suggested companies" in html
    assert scored.radar.title in html
    assert 'value="buyer"' not in html


@pytest.mark.parametrize("person", ["outsider", "company_member"])
def test_others_do_not_see_suggestions(client, scored, person, request):
    html = need_page(client, request.getfixturevalue(person), scored.need)

    assert "Suggested companies" not in html


def test_dismissed_suggestion_disappears(client, scored, owner):
    match = Match.objects.get(need=scored.need, capability=scored.radar)
    services.dismiss(match, by=owner)

    html = need_page(client, owner, scored.need)

    assert scored.radar.title not in html
    assert scored.mats.title in html


def test_gaps_are_worded(client, scored, owner, terms):
    scored.need.regulatory_requirements.set([terms.ce])
    rescore(full=True)

    html = need_page(client, owner, scored.need)

    assert "Missing: CE marking - MDR class IIa" in html


def test_card_reads_summary_and_main_reasons_before_the_details(client, scored, owner):
    match = Match.objects.get(need=scored.need, capability=scored.radar)
    Match.objects.filter(pk=match.pk).update(
        factors={"clinical_area": 1.0, "text": 0.5, "semantic": 0.3, "relevance": 0.6},
        shared_terms=["2", "fall", "kg", "30", "days", "radar", "og"],
    )

    html = need_page(client, owner, scored.need)
    card = html[html.index(scored.radar.title) : html.index(scored.rival.title)]

    summary = "same clinical area, similar wording and similar purpose."
    assert summary in card
    assert card.index(summary) < card.index("Same clinical area") < card.index("<details")
    assert card.index("Similar wording") < card.index("<details") < card.index("<meter")
    assert "Relevance" not in card and "Meaning" not in card
    assert 'class="tag"><bdi>fall</bdi><' in card and 'class="tag"><bdi>radar</bdi><' in card
    for noise in ("2", "kg", "30", "days", "og"):
        assert f'class="tag"><bdi>{noise}</bdi><' not in card


def test_need_page_query_count_does_not_grow_with_suggestions(
    client, world, owner, profile, low_threshold, pages_uncached
):
    rescore(full=True)
    Match.objects.filter(need=world.need).exclude(capability=world.radar).delete()
    client.force_login(owner)
    client.get(world.need.get_absolute_url())  # the person's memberships are then cached
    with CaptureQueriesContext(connection) as one:
        client.get(world.need.get_absolute_url())
    for i in range(6):
        make_capability(profile, title=f"Fall detection radar model {i}")
    rescore(full=True)
    assert Match.objects.suggested().filter(need=world.need).count() >= 6
    with CaptureQueriesContext(connection) as many:
        html = client.get(world.need.get_absolute_url()).content.decode()

    assert "Fall detection radar model 5" in html
    assert len(many) == len(one)


# --- Needs for you on the dashboard -----------------------------------------------------------


@pytest.mark.parametrize("person", ["company_owner", "company_member"])
def test_company_members_see_needs_for_their_capabilities(client, scored, person, request):
    html = dashboard(client, request.getfixturevalue(person))

    assert "Needs for you" in html
    assert f"For “<bdi>{scored.radar.title}</bdi>”" in html
    assert scored.need.title in html
    assert scored.need.summary in html
    assert scored.need.description not in html
    assert 'name="side" value="company"' in html
    assert scored.rival.title not in html  # another company's capability


@pytest.mark.parametrize("person", ["owner", "outsider"])
def test_others_do_not_see_needs_for_you(client, scored, person, request):
    assert "Needs for you" not in dashboard(client, request.getfixturevalue(person))


def test_company_dismissal_is_remembered_on_the_dashboard(client, scored, company_member):
    match = Match.objects.get(need=scored.need, capability=scored.radar)
    client.force_login(company_member)
    client.post(reverse("match_dismiss", args=[match.pk]), {"side": "company"})
    rescore(full=True)

    html = dashboard(client, company_member)

    assert f"For “<bdi>{scored.radar.title}</bdi>”" in html
    radar_part = html.split(f"For “<bdi>{scored.radar.title}</bdi>”")[1].split("<h3>")[0]
    assert scored.need.title not in radar_part


def test_dashboard_query_count_does_not_grow_with_matches(
    client, world, buyer_org, company_member, profile, low_threshold, pages_uncached
):
    rescore(full=True)
    client.force_login(company_member)
    client.get(reverse("dashboard"))  # the person's memberships are then cached
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    for i in range(4):
        make_need(buyer_org, title=f"Detect falls on ward {i}", is_confidential=bool(i % 2))
        make_capability(profile, title=f"Fall radar {i}")
    rescore(full=True)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("dashboard")).content.decode()

    assert "Detect falls on ward 3" in html
    assert len(many) == len(one)


# --- Confidential needs never leak -------------------------------------------------------------


@pytest.fixture
def secret(buyer_org, profile, terms):
    need = make_need(
        buyer_org,
        title="Wandering at night on the dementia ward",
        summary="Patients with dementia leave the ward at night without anyone noticing.",
        description="The Frobisher wing uses zanzibarium door badges that fail, and wandering "
        "patients leave the Frobisher wing unnoticed. Zanzibarium readers are old.",
        is_confidential=True,
        m2m={"clinical_areas": [terms.geriatrics]},
    )
    capability = make_capability(
        profile,
        title="Door sensors for dementia wards",
        description="Frobisher-compatible zanzibarium badge readers and door sensors alert "
        "the staff when patients with dementia wander at night.",
        m2m={"clinical_areas": [terms.geriatrics]},
    )
    rescore(full=True)
    match = Match.objects.get(need=need, capability=capability)
    assert {"frobisher", "zanzibarium"} & set(match.shared_terms)  # the engine does see them
    return need


def test_confidential_need_shows_only_the_teaser_to_an_uninvited_company(
    client, secret, company_member
):
    html = dashboard(client, company_member)

    assert secret.title in html
    assert secret.summary in html
    assert "Confidential" in html
    assert "dementia" in html.split(secret.title)[1]  # a shared term from the summary
    lowered = html.lower()
    for word in SECRET_WORDS:
        assert word not in lowered
    assert "door badges" not in html


def test_confidential_need_shows_terms_to_an_invited_company(
    client, secret, company_member, company_org
):
    f.NeedInvitationFactory(need=secret, organisation=company_org)

    html = dashboard(client, company_member).lower()

    assert "zanzibarium" in html
    assert "door badges that fail" not in html  # cards never show the description


def test_confidential_need_gaps_about_details_are_hidden(client, secret, company_member, terms):
    secret.regulatory_requirements.set([terms.iso])
    secret.care_settings.set([terms.home])
    rescore(full=True)

    html = dashboard(client, company_member)

    assert "ISO 13485" not in html
    assert "care setting" in html  # public tags may be discussed


def test_teaser_terms_are_those_of_the_title_or_summary_by_stem(buyer_org):
    from matching.explanations import public_terms

    need = make_need(
        buyer_org,
        title="Fewer falls",
        summary="We want to detect patients who are about to fall.",
        description="Secret: radar pilots in the Frobisher wing.",
    )

    terms = ["detection", "falling", "patient", "radar", "frobisher", "wing"]
    assert public_terms(terms, need) == ["detection", "falling", "patient"]
