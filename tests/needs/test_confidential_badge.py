"""A confidential need is marked the same way wherever it is listed or shown as a card: the
needs list, the need page, both dashboards, the match cards and pages, the bids. The badge
says in words what it means (also to a screen reader); an open need has none."""

import re

import pytest

from matching.bids.models import Bid
from tests import factories as f

BADGE = (
    '<span class="badge confidential">Confidential<span class="visually-hidden"> '
    "(details by invitation only)</span></span>"
)
SECRET = "Medication robots for the central pharmacy"
OPEN = "Remote monitoring after hip surgery"


@pytest.fixture
def world(buyer_org, company_org, owner, company_owner):
    confidential = f.NeedFactory(
        organisation=buyer_org, published=True, is_confidential=True, title=SECRET
    )
    f.NeedInvitationFactory(need=confidential, organisation=company_org)
    open_need = f.NeedFactory(organisation=buyer_org, published=True, title=OPEN)
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=company_org), published=True
    )
    match = f.MatchFactory(need=confidential, capability=capability)
    f.MatchFactory(need=open_need, capability=capability)
    bid = Bid.objects.create(
        need=confidential,
        company=company_org,
        author=company_owner,
        summary="Robot arms that pick and pack.",
        solution="A first robot in the night shift.",
    )
    Bid.objects.create(
        need=open_need, company=company_org, author=company_owner, summary="s", solution="s"
    )
    return {"need": confidential, "match": match, "bid": bid}


def marked(html, title):
    """Whether the badge follows ``title`` within the same line of the page's markup."""
    return any(title in line and BADGE in line.split(title, 1)[1] for line in html.splitlines())


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_needs_list_marks_confidential_needs_only(client, world, company_owner):
    html = page(client, company_owner, "/needs/")
    articles = re.findall(r"<article class=\"result need-teaser\".*?</article>", html, re.S)
    by_title = {next(t for t in (SECRET, OPEN) if t in a): a for a in articles}
    assert BADGE in by_title[SECRET]
    assert BADGE not in by_title[OPEN]


def test_buyer_dashboard_marks_confidential_needs(client, world, owner):
    html = page(client, owner, "/dashboard/")
    assert marked(html, SECRET)
    assert not marked(html, OPEN)


def test_company_dashboard_marks_confidential_needs(client, world, company_owner):
    html = page(client, company_owner, "/dashboard/")
    # "Recently published needs" and the "Needs for you" card
    assert marked(html, f"{SECRET}</bdi></a> ")
    assert html.count(BADGE) == 2


def test_my_bids_marks_confidential_needs(client, world, company_owner):
    html = page(client, company_owner, "/bids/")
    assert marked(html, SECRET)
    assert not marked(html, OPEN)


def test_bid_and_match_pages_mark_confidential_needs(client, world, owner, company_owner):
    assert marked(page(client, company_owner, f"/bids/{world['bid'].pk}/"), SECRET)
    assert marked(page(client, owner, f"/bids/need/{world['need'].pk}/"), "Back to the need")
    assert marked(page(client, owner, f"/matches/{world['match'].pk}/"), SECRET)
    assert BADGE in page(client, owner, f"/needs/{world['need'].pk}/")
