"""A need's title that opens with a right-to-left override, a capability titled in Hebrew and a
company and a buyer named in Arabic are shown isolated on the match cards, the match page and
both dashboards (healthmatch/bidi.py), each in an element that holds it alone, where the page
put it before."""

import pytest
from django.urls import reverse

from matching.models import Match
from tests import factories as f
from tests.bidi import ORG, TITLE, assert_isolated
from tests.matching.conftest import make_capability, make_need

pytestmark = pytest.mark.django_db
CAPABILITY = "רדאר לזיהוי נפילות (דור 2)"
COMPANY = "حساسات الرعاية"


@pytest.fixture
def rtl_match(buyer_org, company_org, owner, company_owner):
    buyer_org.name, company_org.name = ORG, COMPANY
    buyer_org.save()
    company_org.save()
    need = make_need(buyer_org, title=TITLE)
    capability = make_capability(
        f.CompanyProfileFactory(organisation=company_org), title=CAPABILITY
    )
    return f.MatchFactory(need=need, capability=capability)


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_suggested_company_card_isolates_the_capability_and_the_company(client, owner, rtl_match):
    html = page(client, owner, rtl_match.need.get_absolute_url())

    heading, *button_labels = assert_isolated(html, CAPABILITY, at_least=4)
    assert heading.parent.tag == "a" and heading.parent.parent.tag == "h3"
    assert heading.parent.attrs["href"] == rtl_match.capability.get_absolute_url()
    assert {label.parent.attrs["class"] for label in button_labels} == {"visually-hidden"}
    (company,) = assert_isolated(html, COMPANY)
    meta = company.parent
    assert meta.attrs["class"] == "meta"
    assert " ".join(meta.text.split()) == f"{COMPANY} · 70 % match"


def test_needs_for_you_card_isolates_the_need_its_buyer_and_the_capability(
    client, company_owner, rtl_match
):
    html = page(client, company_owner, reverse("dashboard"))

    for_capability, in_table, *_ = assert_isolated(html, CAPABILITY, at_least=2)
    (heading,) = [iso for iso in (for_capability, in_table) if iso.parent.tag == "h3"]
    assert heading.parent.text == f"For “{CAPABILITY}”"
    titles = assert_isolated(html, TITLE, at_least=2)
    card = [t for t in titles if t.parent.parent.tag == "h4"]
    assert len(card) == 1 and card[0].parent.attrs["href"] == rtl_match.need.get_absolute_url()
    buyers = assert_isolated(html, ORG, at_least=2)
    assert any(" ".join(b.parent.text.split()) == f"{ORG} · 70 % match" for b in buyers)


def test_match_page_names_the_match_with_each_side_isolated(client, owner, rtl_match):
    Match.objects.filter(pk=rtl_match.pk).update(status=Match.Status.APPROVED)
    html = page(client, owner, reverse("lifecycle:detail", args=[rtl_match.pk]))

    need_titles = assert_isolated(html, TITLE, at_least=2)
    h1 = need_titles[0].parent
    assert h1.tag == "h1" and h1.attrs["id"] == "match-title"
    assert h1.text == f"{TITLE} ↔ {COMPANY}"
    assert [child.tag for child in h1.children if not isinstance(child, str)] == ["bdi", "bdi"]
    assert_isolated(html, COMPANY, at_least=2)
    assert_isolated(html, ORG)


def test_buyer_dashboard_isolates_its_needs_and_matches(client, owner, rtl_match):
    Match.objects.filter(pk=rtl_match.pk).update(status=Match.Status.APPROVED)
    html = page(client, owner, reverse("dashboard"))

    titles = assert_isolated(html, TITLE, at_least=2)  # the table and "Matches in progress"
    cell = [t for t in titles if t.parent.parent.tag == "td"]
    assert len(cell) == 1 and cell[0].parent.attrs["href"] == rtl_match.need.get_absolute_url()
    (in_progress,) = [t for t in titles if t.parent.tag == "a" and t.parent.parent.tag == "li"]
    assert in_progress.parent.text == f"{TITLE} ↔ {COMPANY}"
    (organisation,) = [o for o in assert_isolated(html, ORG) if o.parent.tag == "td"]
    assert organisation.parent.text == ORG
