"""The parties' pages: interest buttons on the match cards, the match page (404 for anyone
else, contact details only after the introduction) and "we met" / "pilot started"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.lifecycle import introductions, services
from matching.lifecycle.models import Introduction
from matching.models import Match
from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability

pytestmark = pytest.mark.django_db
S = Match.Status


@pytest.fixture
def terms_dpia(db):
    return f.RegulatoryItemFactory(name="GDPR DPIA", slug="gdpr-dpia")


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


def _detail(match):
    return reverse("lifecycle:detail", args=[match.pk])


def _interest(match):
    return reverse("lifecycle:interest", args=[match.pk])


# --- The cards ----------------------------------------------------------------------------------


def test_need_owner_card_has_the_interest_buttons(client, world, owner):
    client.force_login(owner)
    html = client.get(world.need.get_absolute_url()).content.decode()
    assert _interest(world.match) in html
    assert 'name="interest" value="interested"' in html
    assert 'name="interest" value="not_relevant"' in html
    assert 'name="side" value="buyer"' in html
    assert _detail(world.match) in html


def test_company_card_has_the_interest_buttons(client, world, company_member, company_org):
    company_org.verified_at = world.need.published_at
    company_org.save()
    client.force_login(company_member)
    html = client.get(reverse("dashboard")).content.decode()
    assert _interest(world.match) in html
    assert 'name="side" value="company"' in html


def test_card_shows_the_other_sides_interest(client, world, owner, company_member):
    services.state_interest(world.match, by=company_member, interest="interested")
    client.force_login(owner)
    html = client.get(world.need.get_absolute_url()).content.decode()
    assert "The company side is interested." in html


# --- Interest -----------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["owner", "member"])
def test_buyer_side_says_interested(client, world, person, request):
    client.force_login(request.getfixturevalue(person))
    response = client.post(
        _interest(world.match), {"side": "buyer", "interest": "interested", "reason": "Yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == world.need.get_absolute_url()
    world.match.refresh_from_db()
    assert world.match.buyer_interest == "interested"
    assert world.match.buyer_interest_reason == "Yes"


def test_company_says_not_relevant_and_goes_back_to_the_dashboard(client, world, company_owner):
    client.force_login(company_owner)
    response = client.post(
        _interest(world.match),
        {"side": "company", "interest": "not_relevant", "next": reverse("dashboard")},
    )
    assert response["Location"] == reverse("dashboard")
    world.match.refresh_from_db()
    assert world.match.status == S.DISMISSED_BY_COMPANY


@pytest.mark.parametrize("person", ["outsider", "coordinator", "other_coordinator"])
def test_others_cannot_state_interest(client, world, person, request):
    client.force_login(request.getfixturevalue(person))
    response = client.post(_interest(world.match), {"side": "buyer", "interest": "interested"})
    assert response.status_code == 404
    world.match.refresh_from_db()
    assert world.match.buyer_interest == ""


def test_the_wrong_side_is_a_form_error(client, world, owner):
    client.force_login(owner)
    response = client.post(_interest(world.match), {"side": "company", "interest": "interested"})
    assert response.status_code == 400
    assert "Choose the side you answer for." in response.content.decode()
    world.match.refresh_from_db()
    assert world.match.company_interest == ""


@pytest.mark.parametrize(
    "data, field",
    [
        ({"side": "buyer", "interest": "maybe"}, "interest"),
        ({"side": "buyer"}, "interest"),
        ({"side": "buyer", "interest": "interested", "reason": "x" * 1001}, "reason"),
    ],
)
def test_bad_interest_input_shows_the_error_next_to_the_field(client, world, owner, data, field):
    client.force_login(owner)
    response = client.post(_interest(world.match), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    world.match.refresh_from_db()
    assert world.match.buyer_interest == "" and world.match.status == S.SUGGESTED


def test_interest_needs_a_login(client, world):
    response = client.post(_interest(world.match), {"interest": "interested"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- The match page -----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["owner", "member", "company_owner", "company_member"])
def test_parties_see_the_match_page_without_contacts_before_the_introduction(
    client, world, person, request
):
    client.force_login(request.getfixturevalue(person))
    response = client.get(_detail(world.match))
    assert response.status_code == 200
    html = response.content.decode()
    assert world.need.title in html and world.capability.title in html
    name = f'<bdi lang="en">{world.need.title}</bdi> ↔ <bdi>CareSense ApS</bdi>'
    assert f'<h1 id="match-title">{name}</h1>' in html
    assert '<strong class="match-score">82 % match</strong>' in html and "0.82" not in html
    assert "Contact details are shared once a coordinator has introduced" in html
    assert "sales@caresense.example" not in html
    assert "owner@ouh.example" not in html


def test_match_page_explains_the_match_first(client, world, owner, terms_dpia):
    Match.objects.filter(pk=world.match.pk).update(
        shared_terms=["fall", "30", "kg", "radar"],
        gaps=[["regulatory_missing", terms_dpia.pk]],
    )
    client.force_login(owner)
    html = client.get(_detail(world.match)).content.decode()

    why = html.index("Why this match")
    summary = "Strong match: same clinical area, similar wording and same kind of technology."
    assert why < html.index(summary) < html.index("The need")
    assert "Missing: GDPR DPIA" in html
    assert 'class="tag"><bdi>radar</bdi><' in html and 'class="tag"><bdi>kg</bdi><' not in html


def test_match_page_gives_a_company_only_the_teaser_reasons(client, world, company_member):
    world.need.is_confidential = True
    world.need.save()
    Match.objects.filter(pk=world.match.pk).update(gaps=[["region", 0]])
    client.force_login(company_member)
    html = client.get(_detail(world.match)).content.decode()

    assert "Why this match" in html
    assert "Does not serve the need" not in html  # not a public tag
    assert 'class="tag"><bdi>radar</bdi><' not in html  # only in the capability, not the teaser


@pytest.mark.parametrize("person", ["outsider", "other_coordinator"])
def test_others_get_404_on_the_match_page(client, world, person, request):
    client.force_login(request.getfixturevalue(person))
    assert client.get(_detail(world.match)).status_code == 404


def test_the_hubs_coordinator_sees_the_match_page(client, world, coordinator):
    client.force_login(coordinator)
    assert client.get(_detail(world.match)).status_code == 200


def test_unknown_match_is_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("lifecycle:detail", args=[999999])).status_code == 404


def test_contacts_are_shared_after_the_introduction(
    client, world, coordinator, owner, company_member
):
    _introduce(world.match, coordinator)

    client.force_login(company_member)
    html = client.get(_detail(world.match)).content.decode()
    assert "owner@ouh.example" in html and "Olivia Owner" in html
    assert "https://ouh.example" in html
    assert "sales@caresense.example" in html and "+45 1234" in html
    assert "Introduced" in html  # the history

    client.force_login(owner)
    html = client.get(_detail(world.match)).content.decode()
    assert "Sales Sofie" in html


def test_parties_report_we_met_and_pilot_started(client, world, coordinator, owner, company_member):
    _introduce(world.match, coordinator)
    client.force_login(owner)
    html = client.get(_detail(world.match)).content.decode()
    assert 'name="to" value="met"' in html and 'name="to" value="pilot"' in html

    response = client.post(
        reverse("lifecycle:report", args=[world.match.pk]), {"to": "met", "note": "Went well"}
    )
    assert response.status_code == 302
    world.match.refresh_from_db()
    assert world.match.status == S.MET
    event = world.match.events.latest("pk")
    assert (event.to_status, event.actor, event.note) == (S.MET, owner, "Went well")

    client.force_login(company_member)
    client.post(reverse("lifecycle:report", args=[world.match.pk]), {"to": "pilot"})
    world.match.refresh_from_db()
    assert world.match.status == S.PILOT


@pytest.mark.parametrize("person", ["outsider", "other_coordinator", "coordinator"])
def test_only_parties_report(client, world, coordinator, person, request):
    _introduce(world.match, coordinator)
    client.force_login(request.getfixturevalue(person))
    response = client.post(reverse("lifecycle:report", args=[world.match.pk]), {"to": "met"})
    assert response.status_code == 404
    world.match.refresh_from_db()
    assert world.match.status == S.INTRODUCED


def test_reporting_too_early_is_a_clear_error_and_writes_nothing(client, world, owner):
    client.force_login(owner)
    response = client.post(
        reverse("lifecycle:report", args=[world.match.pk]), {"to": "met"}, follow=True
    )
    assert response.status_code == 200
    assert "cannot move" in response.content.decode()
    assert not world.match.events.exists()


def test_reporting_a_bad_stage_writes_nothing(client, world, coordinator, owner):
    _introduce(world.match, coordinator)
    client.force_login(owner)
    client.post(reverse("lifecycle:report", args=[world.match.pk]), {"to": "contract"})
    world.match.refresh_from_db()
    assert world.match.status == S.INTRODUCED


# --- The way back to a match: "Matches in progress" ---------------------------------------------


def test_matches_in_progress_on_the_dashboard_and_need_page(
    client, world, owner, company_member, outsider
):
    services.state_interest(world.match, by=owner, interest="interested")
    services.state_interest(world.match, by=company_member, interest="interested")

    for person, page in (
        (company_member, reverse("dashboard")),
        (owner, world.need.get_absolute_url()),
        (owner, reverse("dashboard")),
    ):
        client.force_login(person)
        html = client.get(page).content.decode()
        assert "Matches in progress" in html
        assert _detail(world.match) in html and "Mutual interest" in html

    client.force_login(outsider)
    assert _detail(world.match) not in client.get(reverse("dashboard")).content.decode()


def test_matches_in_progress_query_count_does_not_grow(
    client, world, owner, company_member, pages_uncached
):
    services.state_interest(world.match, by=owner, interest="interested")
    services.state_interest(world.match, by=company_member, interest="interested")
    client.force_login(owner)
    client.get(reverse("dashboard"))  # the person's memberships are then cached
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    for n in range(5):
        match = make_match(world.need, published_capability(world.profile, title=f"Cap {n}"))
        services.state_interest(match, by=owner, interest="interested")
        services.state_interest(match, by=company_member, interest="interested")
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("dashboard")).content.decode()
    assert html.count("Mutual interest") == 6
    assert len(many) == len(one)
