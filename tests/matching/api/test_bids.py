"""The API of bids: a company's own bids (create, edit a draft, submit, withdraw), the need
owner's received bids (shortlist, accept, decline with feedback), through the bids' services
with the rows, history and emails the pages write; a rival company, another hospital and
anybody else get 404 and nothing changes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from healthmatch.mail.models import OutboxMessage
from matching.bids import services
from matching.bids.models import Bid, BidEvent
from tests import factories as f
from tests.matching.bids.conftest import BID_DATA, bid_on, confidential

pytestmark = pytest.mark.django_db
State = Bid.State
BUYERS = ["owner", "member"]
COMPANY = ["company_owner", "company_member"]


@pytest.fixture
def need(world):
    return world.need


@pytest.fixture
def draft(world, company_org, company_member):
    return bid_on(world.need, company_org, company_member, capabilities=[world.capability])


@pytest.fixture
def sent(draft, company_member):
    return services.submit_bid(draft, actor=company_member)


@pytest.fixture
def rival_bid(world, other_buyer, rival):
    """The rival's bid, submitted to the other hospital's need."""
    return bid_on(world.other_need, rival.org, rival.user, submit=True)


def _url(name, bid=None):
    return reverse(f"api:bid-{name}", args=[bid.pk] if bid else [])


def _ids(client, **params):
    response = client.get(_url("list"), params)
    assert response.status_code == 200, response.content
    return [b["id"] for b in response.json()["results"]]


def _state(bid):
    bid.refresh_from_db()
    return (
        bid.state,
        bid.summary,
        bid.price_min,
        bid.price_max,
        bid.feedback,
        list(bid.capabilities.values_list("pk", flat=True)),
        BidEvent.objects.filter(bid=bid).count(),
        OutboxMessage.objects.count(),
    )


def _new(**extra):
    return {**{k: v for k, v in BID_DATA.items() if v is not None}, **extra}


# --- Creating -----------------------------------------------------------------------------------


@pytest.mark.parametrize("person", COMPANY)
def test_company_member_creates_a_draft(as_, world, person, request):
    user = request.getfixturevalue(person)
    response = as_(user).post(
        _url("list"),
        _new(need=world.need.pk, capabilities=[world.capability.pk], price_min="1000.50"),
        format="json",
    )
    assert response.status_code == 201, response.content
    bid = Bid.objects.get()
    body = response.json()
    assert body["id"] == bid.pk
    assert (body["state"], body["is_own"], body["price_min"]) == ("draft", True, "1000.50")
    assert body["capabilities"] == [{"id": world.capability.pk, "title": world.capability.title}]
    assert (bid.state, bid.author, bid.company) == (
        State.DRAFT,
        user,
        world.capability.company.organisation,
    )
    assert bid.price_min == Decimal("1000.50")
    assert list(bid.events.values_list("from_state", "to_state")) == [("", State.DRAFT)]
    assert not OutboxMessage.objects.exists()  # a draft tells nobody


def test_creating_with_submit_sends_it_and_tells_the_need_side(
    as_, world, company_member, owner, member
):
    response = as_(company_member).post(
        _url("list"), _new(need=world.need.pk, submit=True), format="json"
    )
    assert response.status_code == 201
    bid = Bid.objects.get()
    assert bid.state == State.SUBMITTED and bid.submitted_at is not None
    assert list(bid.events.values_list("to_state", flat=True)) == [State.DRAFT, State.SUBMITTED]
    assert set(
        OutboxMessage.objects.filter(kind="bid_submitted").values_list("to_email", flat=True)
    ) == {owner.email, member.email}


@pytest.mark.parametrize(
    "data, field",
    [
        ({"summary": ""}, "summary"),
        ({"solution": None}, "solution"),
        ({"price_min": "-1"}, "price_min"),
        ({"price_min": "200", "price_max": "100"}, "price_max"),
        ({"price_min": "1" * 20}, "price_min"),
        ({"currency": "BTC"}, "currency"),
        ({"need": "abc"}, "need"),
        ({"need": 999999}, "need"),
        ({"capabilities": [0]}, "capabilities"),
        ({"summary": "x" * 501}, "summary"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    as_, world, company_member, data, field
):
    payload = _new(**{"need": world.need.pk, **data})
    payload = {k: v for k, v in payload.items() if v is not None}
    response = as_(company_member).post(_url("list"), payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Bid.objects.exists() and not BidEvent.objects.exists()


def test_offering_a_rivals_capability_is_a_400(as_, world, company_member, rival):
    response = as_(company_member).post(
        _url("list"), _new(need=world.need.pk, capabilities=[rival.capability.pk]), format="json"
    )
    assert response.status_code == 400
    assert "capabilities" in response.json()
    assert not Bid.objects.exists()


def test_a_confidential_need_one_is_not_invited_to_is_not_found(as_, world, company_member):
    confidential(world.need)
    response = as_(company_member).post(_url("list"), _new(need=world.need.pk), format="json")
    assert response.status_code == 400
    assert "need" in response.json()
    assert not Bid.objects.exists()


def test_a_second_active_bid_is_a_400(as_, world, draft, company_member):
    response = as_(company_member).post(_url("list"), _new(need=world.need.pk), format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert Bid.objects.count() == 1


def test_a_member_of_two_companies_chooses_one(as_, world, company_member, rival):
    f.MembershipFactory(user=company_member, organisation=rival.org)
    client = as_(company_member)
    response = client.post(_url("list"), _new(need=world.need.pk), format="json")
    assert response.status_code == 400
    assert "company" in response.json()
    response = client.post(
        _url("list"), _new(need=world.need.pk, company=rival.org.pk), format="json"
    )
    assert response.status_code == 201
    assert Bid.objects.get().company == rival.org


@pytest.mark.parametrize("person", [*BUYERS, "coordinator"])
def test_who_is_no_company_member_may_not_bid(as_, world, person, request):
    response = as_(request.getfixturevalue(person)).post(
        _url("list"), _new(need=world.need.pk), format="json"
    )
    assert response.status_code == 403
    assert not Bid.objects.exists()


def test_a_company_may_not_bid_for_another_company(as_, world, company_member, rival):
    response = as_(company_member).post(
        _url("list"), _new(need=world.need.pk, company=rival.org.pk), format="json"
    )
    assert response.status_code == 400
    assert "company" in response.json()
    assert not Bid.objects.exists()


def test_a_closed_need_is_a_400(as_, world, company_member):
    world.need.status = "closed"
    world.need.save()
    response = as_(company_member).post(_url("list"), _new(need=world.need.pk), format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["This need is not open for bids."]
    assert not Bid.objects.exists()


# --- Reading ------------------------------------------------------------------------------------


def test_each_person_lists_the_bids_their_page_shows(
    as_,
    world,
    draft,
    rival_bid,
    company_member,
    owner,
    member,
    coordinator,
    other_buyer,
    rival,
    outsider,
):
    assert _ids(as_(company_member)) == [draft.pk]  # drafts included
    assert _ids(as_(owner)) == []  # a draft is the company's own business
    assert _ids(as_(rival.user)) == [rival_bid.pk]
    assert _ids(as_(other_buyer.user)) == [rival_bid.pk]
    assert _ids(as_(outsider)) == []
    assert _ids(as_(coordinator)) == [rival_bid.pk, draft.pk]
    services.submit_bid(draft, actor=company_member)
    assert _ids(as_(member)) == [draft.pk]
    assert _ids(as_(owner), state="submitted", need=world.need.pk) == [draft.pk]
    assert _ids(as_(coordinator), company=rival.org.pk) == [rival_bid.pk]


def test_a_bad_filter_is_a_400_naming_it(as_, world, owner):
    response = as_(owner).get(_url("list"), {"state": "lost", "need": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"state", "need"}


@pytest.mark.parametrize("person", BUYERS)
def test_need_side_reads_a_sent_bid_without_the_companys_drafting(as_, sent, person, request):
    body = as_(request.getfixturevalue(person)).get(_url("detail", sent)).json()
    assert body["is_own"] is False
    assert body["summary"] == BID_DATA["summary"]
    assert [(e["from_state"], e["to_state"]) for e in body["history"]] == [("draft", "submitted")]
    assert body["history"][0]["actor_name"] == "Dan Developer"


@pytest.mark.parametrize("person", COMPANY)
def test_company_reads_its_bid_with_its_whole_history(as_, sent, person, request):
    body = as_(request.getfixturevalue(person)).get(_url("detail", sent)).json()
    assert body["is_own"] is True
    assert [(e["from_state"], e["to_state"]) for e in body["history"]] == [
        ("", "draft"),
        ("draft", "submitted"),
    ]


@pytest.mark.parametrize("person", [*BUYERS, "outsider", "other_coordinator"])
def test_a_draft_is_not_found_outside_its_company(as_, draft, person, request):
    response = as_(request.getfixturevalue(person)).get(_url("detail", draft))
    assert response.status_code == 404


def test_rivals_and_other_hospitals_never_see_a_bid(
    as_, sent, rival_bid, rival, other_buyer, owner, company_member
):
    assert as_(rival.user).get(_url("detail", sent)).status_code == 404
    assert as_(other_buyer.user).get(_url("detail", sent)).status_code == 404
    assert as_(owner).get(_url("detail", rival_bid)).status_code == 404
    assert as_(company_member).get(_url("detail", rival_bid)).status_code == 404


def test_a_malformed_id_is_a_404(as_, world, owner):
    assert as_(owner).get("/api/v1/bids/abc/").status_code == 404


# --- The company edits, submits, withdraws ------------------------------------------------------


@pytest.mark.parametrize("person", COMPANY)
def test_company_edits_its_draft(as_, world, draft, person, request):
    response = as_(request.getfixturevalue(person)).patch(
        _url("detail", draft), {"summary": "Sharper", "price_max": "900"}, format="json"
    )
    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert (draft.summary, draft.price_max) == ("Sharper", Decimal("900"))
    assert draft.solution == BID_DATA["solution"]  # left as it was
    assert list(draft.capabilities.all()) == [world.capability]


def test_put_replaces_the_whole_content(as_, world, draft, company_member):
    response = as_(company_member).put(
        _url("detail", draft), {"summary": "New", "solution": "All new"}, format="json"
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.summary, draft.evidence, draft.timeline) == ("New", "", "")
    assert not draft.capabilities.exists()


def test_a_patch_below_the_lower_price_is_a_400(as_, draft, company_member):
    Bid.objects.filter(pk=draft.pk).update(price_min=500)
    before = _state(draft)
    response = as_(company_member).patch(_url("detail", draft), {"price_max": "100"}, format="json")
    assert response.status_code == 400
    assert "price_max" in response.json()
    assert _state(draft) == before


def test_a_sent_bid_can_no_longer_be_edited(as_, sent, company_member):
    before = _state(sent)
    response = as_(company_member).patch(_url("detail", sent), {"summary": "Late"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Only a draft can be edited."]}
    assert _state(sent) == before


def test_company_submits_its_draft_and_the_need_side_hears(
    as_, draft, company_owner, owner, member
):
    response = as_(company_owner).post(_url("submit", draft))
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert draft.events.last().actor == company_owner
    assert set(
        OutboxMessage.objects.filter(kind="bid_submitted").values_list("to_email", flat=True)
    ) == {owner.email, member.email}


def test_submitting_twice_is_a_400(as_, sent, company_member):
    before = _state(sent)
    response = as_(company_member).post(_url("submit", sent))
    assert response.status_code == 400
    assert _state(sent) == before


def test_company_withdraws_a_sent_bid_with_a_note(as_, sent, company_member, owner):
    response = as_(company_member).post(_url("withdraw", sent), {"note": "Sold out"})
    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.state == State.WITHDRAWN
    event = sent.events.last()
    assert (event.from_state, event.to_state, event.note) == (
        State.SUBMITTED,
        State.WITHDRAWN,
        "Sold out",
    )
    assert OutboxMessage.objects.filter(kind="bid_withdrawn", to_email=owner.email).exists()


@pytest.mark.parametrize(
    "method, name",
    [("patch", "detail"), ("put", "detail"), ("post", "submit"), ("post", "withdraw")],
)
@pytest.mark.parametrize("person", [*BUYERS, "coordinator", "outsider"])
def test_the_companys_verbs_are_404s_for_everybody_else(as_, sent, method, name, person, request):
    before = _state(sent)
    client = as_(request.getfixturevalue(person))
    response = getattr(client, method)(
        _url(name, sent), {"summary": "X", "solution": "Y"}, format="json"
    )
    assert response.status_code == 404
    assert _state(sent) == before


@pytest.mark.parametrize(
    "method, name", [("patch", "detail"), ("post", "submit"), ("post", "withdraw")]
)
def test_a_rival_never_touches_a_bid(as_, draft, rival_bid, rival, company_member, method, name):
    before, rival_before = _state(draft), _state(rival_bid)
    assert (
        getattr(as_(rival.user), method)(
            _url(name, draft), {"summary": "X"}, format="json"
        ).status_code
        == 404
    )
    assert (
        getattr(as_(company_member), method)(
            _url(name, rival_bid), {"summary": "X"}, format="json"
        ).status_code
        == 404
    )
    assert (_state(draft), _state(rival_bid)) == (before, rival_before)


# --- The need owner decides ---------------------------------------------------------------------


@pytest.mark.parametrize("person", BUYERS)
@pytest.mark.parametrize(
    "decision, state",
    [("shortlist", State.SHORTLISTED), ("accept", State.ACCEPTED), ("decline", State.DECLINED)],
)
def test_need_side_decides_and_the_company_hears(
    as_, sent, person, decision, state, company_owner, company_member, request
):
    user = request.getfixturevalue(person)
    response = as_(user).post(_url(decision, sent), {"feedback": "Thank you"})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == state
    assert response.json()["feedback"] == "Thank you"
    sent.refresh_from_db()
    assert (sent.state, sent.decided_by, sent.feedback) == (state, user, "Thank you")
    event = sent.events.last()
    assert (event.from_state, event.to_state, event.actor, event.note) == (
        State.SUBMITTED,
        state,
        user,
        "Thank you",
    )
    assert set(
        OutboxMessage.objects.filter(kind="bid_decided").values_list("to_email", flat=True)
    ) == {company_owner.email, company_member.email}


@pytest.mark.parametrize("data", [{}, {"feedback": "  "}])
def test_declining_without_feedback_is_a_400(as_, sent, owner, data):
    before = _state(sent)
    response = as_(owner).post(_url("decline", sent), data, format="json")
    assert response.status_code == 400
    assert response.json() == {"feedback": ["Tell the company why you decline its bid."]}
    assert _state(sent) == before


def test_a_decided_bid_cannot_be_decided_again(as_, sent, owner):
    services.accept_bid(sent, actor=owner)
    before = _state(sent)
    response = as_(owner).post(_url("shortlist", sent))
    assert response.status_code == 400
    assert _state(sent) == before


@pytest.mark.parametrize("decision", ["shortlist", "accept", "decline"])
@pytest.mark.parametrize("person", [*COMPANY, "coordinator", "outsider"])
def test_decisions_are_404s_outside_the_need_side(as_, sent, decision, person, request):
    before = _state(sent)
    response = as_(request.getfixturevalue(person)).post(_url(decision, sent), {"feedback": "No"})
    assert response.status_code == 404
    assert _state(sent) == before


@pytest.mark.parametrize("decision", ["shortlist", "accept", "decline"])
def test_another_hospital_never_decides_on_a_bid(
    as_, sent, rival_bid, other_buyer, owner, decision
):
    before, rival_before = _state(sent), _state(rival_bid)
    assert as_(other_buyer.user).post(_url(decision, sent), {"feedback": "No"}).status_code == 404
    assert as_(owner).post(_url(decision, rival_bid), {"feedback": "No"}).status_code == 404
    assert (_state(sent), _state(rival_bid)) == (before, rival_before)


def test_a_draft_cannot_be_decided_by_the_need_side(as_, draft, owner):
    before = _state(draft)
    assert as_(owner).post(_url("accept", draft)).status_code == 404
    assert _state(draft) == before
