"""The load drill against a live server: simulated people sign in through the real login form,
read, answer matches and bid through the real pages, and nothing fails."""

import pytest

from healthmatch.accounts.models import Membership
from healthmatch.bench.drills import load
from healthmatch.bench.drills.load_html import parse
from matching.bids.models import Bid
from matching.models import Match
from tests import factories as f

PASSWORD = "correct-horse-42"  # tests/factories.py's UserFactory
TITLES = [
    "Fewer falls on the geriatric ward at night",
    "Remote monitoring of heart failure patients at home",
    "Medication reminders for elderly citizens",
    "Wound photography in home care",
    "Sleep tracking on the psychiatric ward",
    "Early warning scores from wearable sensors",
    "Digital rehabilitation after hip surgery",
    "Hand hygiene compliance in intensive care",
]
# An 8-second run does about five actions per person, so the writes weigh more here than in
# the default mix. What each person does, and when, depends on the seed alone: with seed 0 the
# first action of one company user is a bid, of the other an answer (the bid's way there reads
# the needs list and a need's page), so the writes happen early even on a slow machine.
WEIGHTS = {
    "company": {
        "bid": 6,
        "answer_match": 3,
        "browse_needs": 1,
        "page_needs": 1,
        "filter_needs": 1,
        "search_needs": 1,
        "need_detail": 1,
        "dashboard": 1,
        "match_detail": 1,
        "my_bids": 1,
    },
    "hospital": {
        "answer_match": 3,
        "need_detail": 1,
        "need_bids": 1,
        "bid_detail": 1,
        "match_detail": 1,
        "dashboard": 1,
        "browse_needs": 1,
        "search_needs": 1,
    },
}


def _world():
    """Two hospitals with four published needs each, two companies with a published capability
    each, and a suggested match between every need and every capability."""
    hub = f.HubFactory(name="Welfare Tech", slug="welfare-tech")
    people, capabilities, needs = [], [], []
    for n in range(2):
        hospital = f.OrganisationFactory(name=f"Hospital {n}", kind="hospital", hub=hub)
        buyer = f.UserFactory(email=f"buyer{n}@hospital.example", name=f"Buyer {n}")
        f.MembershipFactory(user=buyer, organisation=hospital, role=Membership.Role.ADMIN)
        people.append({"email": buyer.email, "password": PASSWORD, "kind": "hospital"})
        needs += [
            f.NeedFactory(organisation=hospital, title=title, published=True)
            for title in TITLES[n::2]
        ]
        company = f.OrganisationFactory(name=f"Company {n}", company=True, hub=hub)
        profile = f.CompanyProfileFactory(organisation=company)
        capabilities.append(f.CapabilityFactory(company=profile, published=True))
        seller = f.UserFactory(email=f"seller{n}@company.example", name=f"Seller {n}")
        f.MembershipFactory(user=seller, organisation=company, role=Membership.Role.ADMIN)
        people.append({"email": seller.email, "password": PASSWORD, "kind": "company"})
    for need in needs:
        for capability in capabilities:
            f.MatchFactory(need=need, capability=capability)
    return people


def _answers() -> int:
    return (
        Match.objects.exclude(buyer_interest="").count()
        + Match.objects.exclude(company_interest="").count()
    )


@pytest.mark.django_db(transaction=True)
def test_load_small_run_without_errors(live_server, settings):
    settings.NEEDS_PAGE_SIZE = 3  # so paging through the list has pages
    people = _world()
    bids_before, answers_before = Bid.objects.count(), _answers()
    lines = []

    result = load.run(
        live_server.url, people, users=4, seconds=8, seed=0, say=lines.append, weights=WEIGHTS
    )

    assert result["errors"] == 0, result["error_samples"]
    assert result["signed_in"] == 4  # each login ended on a page with the log-out form
    assert result["actions"]["login"]["requests"] == 4 * 3  # form, post, the dashboard
    assert result["requests"] >= 4 * 3 + 8
    assert Bid.objects.count() - bids_before == result["writes"]["bids_made"] >= 1
    assert result["writes"]["bids_refused"] == 0  # nobody shares a company: every form was valid
    assert _answers() > answers_before
    assert result["writes"]["answers_sent"] >= 1
    assert {"login", "bid", "answer_match"} <= set(result["actions"])
    assert len(set(result["actions"]) - {"login", "bid", "answer_match"}) >= 3
    assert {"p50_ms", "p95_ms", "p99_ms", "per_second"} <= set(result)
    assert len(lines) == len(result["actions"]) + 1
    assert lines[-1].startswith("load: 4 users")


@pytest.mark.django_db(transaction=True)
def test_load_counts_a_login_that_fails_as_an_error(live_server):
    people = _world()
    wrong = [{**people[1], "password": "not-the-password"}]

    result = load.run(live_server.url, wrong, users=2, seconds=3, say=lambda line: None)

    assert result["signed_in"] == 0
    assert result["errors"] == 2
    assert result["error_samples"] == ["POST /accounts/login/ -> 200 (not signed in)"] * 2
    assert result["actions"].keys() == {"login"}


def test_load_rejects_an_unknown_action():
    with pytest.raises(ValueError, match="unknown company actions: fly"):
        load.run("http://127.0.0.1:9/", [{"kind": "company"}], weights={"company": {"fly": 1}})


def test_form_data_is_what_a_browser_sends():
    page = parse(
        "http://testserver/matches/7/",
        200,
        """<form method="post" action="/matches/7/interest/">
          <input type="hidden" name="csrfmiddlewaretoken" value="abc">
          <input type="checkbox" name="box" value="1" checked><input type="checkbox" name="box"
          value="2"><select name="currency"><option value="DKK">DKK</option>
          <option value="EUR" selected>EUR</option></select>
          <textarea name="reason">
kept</textarea>
          <button type="submit" name="interest" value="interested">Yes</button>
          <button type="submit" name="interest" value="not_relevant">No</button>
        </form><a rel="next" href="?page=2">Next</a>""",
    )
    (form,) = page.forms_to(r"/matches/\d+/interest/$")
    assert form.action == "http://testserver/matches/7/interest/"
    assert form.buttons("interest") == ["interested", "not_relevant"]
    assert form.data({"reason": "why"}, click=("interest", "not_relevant")) == [
        ("reason", "why"),
        ("csrfmiddlewaretoken", "abc"),
        ("box", "1"),
        ("currency", "EUR"),
        ("interest", "not_relevant"),
    ]
    assert page.rel("next") == "http://testserver/matches/7/?page=2"
