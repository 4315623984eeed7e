"""The API of matches: each person sees the matches the match page lets them open, with the
card's reasons (the teaser for a confidential need); the parties answer for their side through
the lifecycle's services, the hub's coordinators curate; everybody else gets 404 and nothing
changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from healthmatch.mail.models import OutboxMessage
from matching import cards
from matching.explanations import TEASER_FACTORS
from matching.lifecycle import services
from matching.lifecycle.models import Introduction, MatchEvent
from matching.models import Match
from needs.models import Need
from tests import factories as f
from tests.matching.notify.conftest import FACTORS, make_match, published_capability

pytestmark = pytest.mark.django_db
S = Match.Status
PARTIES = ["owner", "member", "company_owner", "company_member"]


def _list(client, **params):
    response = client.get(reverse("api:match-list"), params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _ids(client, **params):
    return [m["id"] for m in _list(client, **params)]


def _url(name, match):
    return reverse(f"api:match-{name}", args=[match.pk])


def _state(match):
    """What a write could change: the row and its history."""
    match.refresh_from_db()
    return (
        match.status,
        match.buyer_interest,
        match.company_interest,
        match.closed_reason,
        MatchEvent.objects.filter(match=match).count(),
        Introduction.objects.filter(match=match).count(),
    )


# --- Reading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("person", PARTIES)
def test_list_shows_a_party_its_match_only(as_, world, person, request):
    assert _ids(as_(request.getfixturevalue(person))) == [world.match.pk]


def test_list_shows_the_other_tenants_their_own_match_only(as_, world, other_buyer, rival):
    assert _ids(as_(other_buyer.user)) == [world.other_match.pk]
    assert _ids(as_(rival.user)) == [world.other_match.pk]


def test_list_shows_a_coordinator_the_matches_of_their_hubs(
    as_, world, coordinator, other_coordinator
):
    assert _ids(as_(coordinator)) == [world.other_match.pk, world.match.pk]
    assert _ids(as_(other_coordinator)) == []


def test_list_shows_an_outsider_nothing(as_, world, outsider):
    assert _ids(as_(outsider)) == []


def test_list_needs_a_signed_in_person(api, world):
    response = api.get(reverse("api:match-list"))
    assert response.status_code in (401, 403)


def test_buyer_sees_the_cards_score_factors_and_reasons(as_, world, owner):
    Match.objects.filter(pk=world.match.pk).update(gaps=[["region", 0], ["trl_below", 7]])
    card = cards.need_suggestions(world.need, owner)[0]

    [row] = _list(as_(owner))

    assert row["score"] == pytest.approx(0.82)
    assert row["score_percent"] == card.score_percent == 82
    assert row["status"] == "suggested"
    assert row["your_sides"] == ["buyer"]
    assert row["factors"] == [
        {"key": r.key, "label": r.label, "value": r.value, "percent": r.percent}
        for r in card.factors
    ]
    assert {"key": "text", "label": "Words in common", "value": 0.72, "percent": 72} in row[
        "factors"
    ]
    assert row["explanation"] == {
        "summary": "Strong match: same clinical area, similar wording and same kind of technology.",
        "top_factors": [
            {
                "key": "clinical_area",
                "label": "Clinical area",
                "reason": "Same clinical area",
                "value": 1.0,
                "percent": 100,
            },
            {
                "key": "text",
                "label": "Words in common",
                "reason": "Similar wording",
                "value": 0.72,
                "percent": 72,
            },
            {
                "key": "technology",
                "label": "Kind of technology",
                "reason": "Same kind of technology",
                "value": 0.5,
                "percent": 50,
            },
        ],
        "shared_terms": ["fall", "radar", "night"],
        "gaps": ["Does not serve the need's region", "Below the minimum maturity (TRL 7)"],
        "teaser_only": False,
    }
    assert row["need"]["id"] == world.need.pk
    assert row["need"]["organisation"] == {
        "id": world.need.organisation_id,
        "name": "Odense University Hospital",
    }
    assert row["capability"]["company"]["name"] == "CareSense ApS"


def test_company_sees_only_the_teaser_reasons_of_a_confidential_need(
    as_, world, company_member, owner
):
    Need.objects.filter(pk=world.need.pk).update(is_confidential=True)
    Match.objects.filter(pk=world.match.pk).update(gaps=[["region", 0], ["clinical_area", 0]])

    [row] = _list(as_(company_member))

    explanation = row["explanation"]
    assert explanation["shared_terms"] == ["fall", "night"]  # "radar": not in title or summary
    assert explanation["gaps"] == ["No clinical area in common"]
    assert explanation["teaser_only"] is True
    assert [f["key"] for f in explanation["top_factors"]] == ["clinical_area", "text", "technology"]
    assert {f["key"] for f in row["factors"]} == set(TEASER_FACTORS) & set(FACTORS)
    # The need's owner still sees all of it.
    [full] = _list(as_(owner))
    assert full["explanation"]["teaser_only"] is False
    assert "constraints" in {f["key"] for f in full["factors"]}


def test_filters_by_status_side_need_and_capability(as_, world, coordinator, owner):
    services.approve(world.match, by=coordinator)
    client = as_(coordinator)
    assert _ids(client, status="approved") == [world.match.pk]
    assert _ids(client, status=["approved", "suggested"]) == [
        world.other_match.pk,
        world.match.pk,
    ]
    assert _ids(client, need=world.other_need.pk) == [world.other_match.pk]
    assert _ids(client, capability=world.capability.pk) == [world.match.pk]
    assert _ids(client, side="buyer") == []  # a coordinator is no party
    assert _ids(as_(owner), side="buyer") == [world.match.pk]
    assert _ids(as_(owner), side="company") == []


@pytest.mark.parametrize(
    "params", [{"status": "maybe"}, {"side": "both"}, {"need": "abc"}, {"capability": "1.5"}]
)
def test_a_bad_filter_is_a_400_naming_it(as_, world, owner, params):
    response = as_(owner).get(reverse("api:match-list"), params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_list_queries_do_not_grow_with_the_matches(as_, world, owner, company_org):
    client = as_(owner)
    with CaptureQueriesContext(connection) as one:
        _list(client)
    for i in range(5):
        capability = published_capability(world.profile, title=f"Radar {i}")
        make_match(world.need, capability, 0.5 + i / 100, gaps=[["regulatory_missing", 1]])
    with CaptureQueriesContext(connection) as many:
        assert len(_list(client)) == 6
    assert len(many) <= len(one) + 1  # the regulatory names of the gaps, once


@pytest.mark.parametrize("person", [*PARTIES, "coordinator"])
def test_detail_for_those_who_may_open_the_match_page(as_, world, person, request):
    response = as_(request.getfixturevalue(person)).get(_url("detail", world.match))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == world.match.pk
    assert body["contacts"] is None  # not introduced yet
    assert body["history"] == []


@pytest.mark.parametrize("person", ["outsider", "other_coordinator"])
def test_detail_is_a_404_for_everybody_else(as_, world, person, request):
    response = as_(request.getfixturevalue(person)).get(_url("detail", world.match))
    assert response.status_code == 404


def test_detail_of_the_other_tenants_match_is_a_404(as_, world, owner, company_member, rival):
    assert as_(owner).get(_url("detail", world.other_match)).status_code == 404
    assert as_(company_member).get(_url("detail", world.other_match)).status_code == 404
    assert as_(rival.user).get(_url("detail", world.match)).status_code == 404


def test_a_malformed_or_unknown_id_is_a_404(as_, world, owner):
    client = as_(owner)
    assert client.get("/api/v1/matches/abc/").status_code == 404
    assert client.get("/api/v1/matches/99999999999999999999/").status_code == 404


# --- Interest and dismissal (the parties) -------------------------------------------------------


@pytest.mark.parametrize("person", ["owner", "member"])
def test_buyer_side_says_interested(as_, world, person, request):
    response = as_(request.getfixturevalue(person)).post(
        _url("interest", world.match), {"interest": "interested", "reason": "Yes"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["buyer_interest"] == "interested"
    world.match.refresh_from_db()
    assert world.match.buyer_interest == "interested"
    assert world.match.buyer_interest_reason == "Yes"
    assert world.match.status == S.SUGGESTED
    assert not MatchEvent.objects.exists()


def test_both_sides_interested_make_it_mutual_and_tell_the_coordinators(
    as_, world, owner, company_member, coordinator
):
    as_(owner).post(_url("interest", world.match), {"interest": "interested"})
    response = as_(company_member).post(
        _url("interest", world.match), {"interest": "interested"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "mutual"
    event = MatchEvent.objects.get(match=world.match)
    assert (event.from_status, event.to_status, event.actor) == (
        S.SUGGESTED,
        S.MUTUAL,
        company_member,
    )
    assert list(
        OutboxMessage.objects.filter(kind="match_mutual").values_list("to_email", flat=True)
    ) == [coordinator.email]


def test_not_relevant_dismisses_for_the_company_with_the_reason(as_, world, company_owner):
    response = as_(company_owner).post(
        _url("interest", world.match), {"interest": "not_relevant", "reason": "Not in DK"}
    )
    assert response.status_code == 200
    world.match.refresh_from_db()
    assert world.match.status == S.DISMISSED_BY_COMPANY
    assert world.match.company_interest == "not_relevant"
    assert MatchEvent.objects.get(match=world.match).note == "Not in DK"
    assert response.json()["history"][0]["note"] == "Not in DK"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"interest": "maybe"}, "interest"),
        ({}, "interest"),
        ({"interest": "interested", "reason": "x" * 1001}, "reason"),
    ],
)
def test_bad_interest_is_a_400_naming_the_field(as_, world, owner, data, field):
    before = _state(world.match)
    response = as_(owner).post(_url("interest", world.match), data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert _state(world.match) == before


def test_a_person_on_both_sides_must_choose_one(as_, world, owner, company_org):
    f.MembershipFactory(user=owner, organisation=company_org)
    response = as_(owner).post(_url("interest", world.match), {"interest": "interested"})
    assert response.status_code == 400
    assert "side" in response.json()
    response = as_(owner).post(
        _url("interest", world.match), {"interest": "interested", "side": "company"}
    )
    assert response.status_code == 200
    world.match.refresh_from_db()
    assert (world.match.buyer_interest, world.match.company_interest) == ("", "interested")


def test_a_side_you_are_not_on_is_a_400(as_, world, owner):
    before = _state(world.match)
    response = as_(owner).post(
        _url("interest", world.match), {"interest": "interested", "side": "company"}
    )
    assert response.status_code == 400
    assert "side" in response.json()
    assert _state(world.match) == before


def test_interest_once_the_match_moved_on_is_a_400(as_, world, owner, coordinator):
    services.approve(world.match, by=coordinator)
    before = _state(world.match)
    response = as_(owner).post(_url("interest", world.match), {"interest": "interested"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert _state(world.match) == before


@pytest.mark.parametrize("action", ["interest", "dismiss"])
@pytest.mark.parametrize("person", ["outsider", "coordinator", "other_coordinator"])
def test_answers_of_non_parties_are_404s(as_, world, action, person, request):
    before = _state(world.match)
    response = as_(request.getfixturevalue(person)).post(
        _url(action, world.match), {"interest": "interested"}
    )
    assert response.status_code == 404
    assert _state(world.match) == before


@pytest.mark.parametrize("action", ["interest", "dismiss"])
def test_answers_across_tenants_are_404s(as_, world, other_buyer, rival, owner, action):
    before, other_before = _state(world.match), _state(world.other_match)
    data = {"interest": "not_relevant"}
    assert as_(other_buyer.user).post(_url(action, world.match), data).status_code == 404
    assert as_(rival.user).post(_url(action, world.match), data).status_code == 404
    assert as_(owner).post(_url(action, world.other_match), data).status_code == 404
    assert (_state(world.match), _state(world.other_match)) == (before, other_before)


@pytest.mark.parametrize(
    "person, status", [("member", S.DISMISSED_BY_BUYER), ("company_member", S.DISMISSED_BY_COMPANY)]
)
def test_a_party_dismisses_a_suggestion(as_, world, person, status, request):
    user = request.getfixturevalue(person)
    response = as_(user).post(_url("dismiss", world.match))
    assert response.status_code == 200
    assert response.json()["status"] == status
    world.match.refresh_from_db()
    assert (world.match.status, world.match.acted_by) == (status, user)
    event = MatchEvent.objects.get(match=world.match)
    assert (event.from_status, event.to_status) == (S.SUGGESTED, status)


# --- Curation (the hub's coordinators) ----------------------------------------------------------


def test_coordinator_approves_and_the_introduction_is_drafted(as_, world, coordinator):
    response = as_(coordinator).post(_url("approve", world.match), {"note": "Good fit"})
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    world.match.refresh_from_db()
    assert world.match.status == S.APPROVED
    event = MatchEvent.objects.get(match=world.match)
    assert (event.to_status, event.actor, event.note) == (S.APPROVED, coordinator, "Good fit")
    assert Introduction.objects.get(match=world.match).sent_at is None


def test_coordinator_closes_with_a_reason(as_, world, coordinator):
    response = as_(coordinator).post(_url("close", world.match), {"reason": "Budget cut"})
    assert response.status_code == 200
    world.match.refresh_from_db()
    assert (world.match.status, world.match.closed_reason) == (S.CLOSED, "Budget cut")
    assert MatchEvent.objects.get(match=world.match).note == "Budget cut"


@pytest.mark.parametrize("data", [{}, {"reason": "   "}])
def test_closing_without_a_reason_is_a_400_naming_it(as_, world, coordinator, data):
    before = _state(world.match)
    response = as_(coordinator).post(_url("close", world.match), data, format="json")
    assert response.status_code == 400
    assert response.json()["reason"] == ["Give a reason for closing the match."]
    assert _state(world.match) == before


def test_approving_a_closed_match_is_a_400(as_, world, coordinator):
    services.close(world.match, by=coordinator, reason="No")
    before = _state(world.match)
    response = as_(coordinator).post(_url("approve", world.match))
    assert response.status_code == 400
    assert _state(world.match) == before


def test_coordinator_reads_the_draft_and_introduces_both_sides(
    as_, world, coordinator, owner, member, company_owner, company_member
):
    client = as_(coordinator)
    client.post(_url("approve", world.match))
    draft = client.get(_url("introduction", world.match)).json()
    assert draft["subject"].startswith("Introduction:")
    assert draft["sent_at"] is None

    response = client.post(_url("introduce", world.match), {"subject": "Meet each other"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "introduced"
    assert body["contacts"]["company"]["people"][0]["email"] == "sales@caresense.example"
    intro = Introduction.objects.get(match=world.match)
    assert (intro.subject, intro.sent_by) == ("Meet each other", coordinator)
    assert intro.body_buyer == draft["body_buyer"]
    sent = set(OutboxMessage.objects.filter(kind="introduction").values_list("to_email", flat=True))
    assert sent == {u.email for u in (owner, member, company_owner, company_member)}
    # The parties now see each other's contact details.
    detail = as_(company_member).get(_url("detail", world.match)).json()
    assert detail["contacts"]["buyer"]["people"] == [
        {"name": "Olivia Owner", "role": "", "email": "owner@ouh.example", "phone": ""}
    ]


def test_introducing_a_match_that_is_not_approved_is_a_400(as_, world, coordinator):
    before = _state(world.match)
    response = as_(coordinator).post(_url("introduce", world.match))
    assert response.status_code == 400
    assert _state(world.match) == before
    assert not OutboxMessage.objects.exists()


def test_introducing_with_an_empty_text_is_a_400(as_, world, coordinator):
    services.approve(world.match, by=coordinator)
    before = _state(world.match)
    response = as_(coordinator).post(_url("introduce", world.match), {"subject": ""}, format="json")
    assert response.status_code == 400
    assert "subject" in response.json()
    assert _state(world.match) == before


@pytest.mark.parametrize("action", ["approve", "close", "introduce"])
@pytest.mark.parametrize("person", [*PARTIES, "outsider", "other_coordinator"])
def test_curation_outside_ones_hubs_is_a_404(as_, world, coordinator, action, person, request):
    if action == "introduce":
        services.approve(world.match, by=coordinator)
    before = _state(world.match)
    response = as_(request.getfixturevalue(person)).post(
        _url(action, world.match), {"reason": "No"}
    )
    assert response.status_code == 404
    assert _state(world.match) == before
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("person", [*PARTIES, "outsider", "other_coordinator"])
def test_the_introduction_draft_is_for_coordinators_only(as_, world, person, request):
    response = as_(request.getfixturevalue(person)).get(_url("introduction", world.match))
    assert response.status_code == 404
