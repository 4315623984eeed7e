"""The participant directory's order: must-meets first, then by match score, then the rest by
name; and the "why meet" line. With real Match rows."""

import pytest

from events.requests import ranking, services
from matching.models import Match
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(event, hub):
    """Three more companies, each bringing one capability; names sort opposite to scores."""
    result = []
    for name in ("Alpha Care", "Beta Health", "Gamma Sense", "Delta Nomatch"):
        org = f.OrganisationFactory(name=name, company=True, hub=hub)
        profile = f.CompanyProfileFactory(organisation=org)
        capability = f.CapabilityFactory(company=profile, published=True, title=f"{name} radar")
        registration = f.RegistrationFactory(
            event=event, organisation=org, user=f.UserFactory(name=f"{name} person")
        )
        registration.capabilities.set([capability])
        result.append((registration, capability))
    return result


def test_must_meet_first_then_score(buyer_reg, need, companies, company_reg, capability):
    (alpha, a_cap), (beta, b_cap), (gamma, g_cap), (delta, _) = companies
    f.MatchFactory(need=need, capability=a_cap, score=0.3, status=Match.Status.APPROVED)
    f.MatchFactory(need=need, capability=b_cap, score=0.9)
    f.MatchFactory(need=need, capability=g_cap, score=0.5)
    f.MatchFactory(need=need, capability=capability, score=0.95, status=Match.Status.RETIRED)
    rows = ranking.directory(buyer_reg.event, buyer_reg)
    assert [row.registration for row in rows] == [alpha, beta, gamma, company_reg, delta]
    assert rows[0].must_meet and not rows[1].must_meet
    assert rows[1].pairing.percent == 90
    assert rows[3].pairing is None  # a retired match is not a reason to meet


def test_buyer_sees_only_the_other_side(buyer_reg, member_reg, company_reg, companies):
    rows = ranking.directory(buyer_reg.event, buyer_reg)
    assert member_reg not in [row.registration for row in rows]
    assert all(row.registration.kind == "company" for row in rows)


def test_company_sees_buyers_ranked(event, company_reg, buyer_reg, capability, need, hub):
    other_org = f.OrganisationFactory(name="Region Zealand", kind="region", hub=hub)
    other_need = f.NeedFactory(organisation=other_org, published=True)
    other = f.RegistrationFactory(event=event, organisation=other_org)
    other.pitched_needs.set([other_need])
    f.MatchFactory(need=need, capability=capability, score=0.4)
    f.MatchFactory(need=other_need, capability=capability, score=0.6)
    rows = ranking.directory(event, company_reg)
    assert [row.registration for row in rows] == [other, buyer_reg]


def test_search_and_clinical_area_filter(buyer_reg, companies, capability, company_reg):
    area = f.ClinicalAreaFactory(name="Falls prevention (test)")
    rows = ranking.directory(buyer_reg.event, buyer_reg, query="beta")
    assert [row.registration.organisation.name for row in rows] == ["Beta Health"]
    capability.clinical_areas.add(area)
    rows = ranking.directory(buyer_reg.event, buyer_reg, area=area)
    assert [row.registration for row in rows] == [company_reg]


def test_row_shows_the_request_state(buyer_reg, company_reg, owner):
    request = services.request_meeting(buyer_reg, company_reg, actor=owner)
    (row,) = ranking.directory(buyer_reg.event, buyer_reg)
    assert row.request == request and not row.incoming
    (row,) = ranking.directory(company_reg.event, company_reg)
    assert row.request == request and row.incoming


def test_why_meet_names_both_and_what_fits(match):
    line = ranking.why_meet(match)
    assert line.startswith("“Fewer falls at night” and “Radar fall sensor”")
    assert "same clinical area and same kind of technology" in line
    assert "both about fall, sensor" in line


def test_why_meet_keeps_words_of_a_confidential_description_out(match, need):
    need.is_confidential = True
    need.save()
    match.shared_terms = ["fall", "mats"]  # "mats" is only in the description
    match.save()
    assert "mats" not in ranking.why_meet(match)
