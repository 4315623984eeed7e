"""A research institute on the supplying side: its published capabilities are matched to needs
and shown to the need's owners as a research institute's, its members bid, its organisation is
invited to confidential needs and registers at events on the company side."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from events import services as events
from events.models import Registration
from healthmatch.accounts.models import Membership
from matching.bids.access import bidding_companies
from matching.bids.models import Bid
from matching.models import Match
from matching.runs.rescore import rescore
from needs import services as needs
from needs.models import NeedInvitation
from tests import factories as f
from tests.matching.bids.conftest import bid_on
from tests.matching.conftest import make_capability, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def research_org(hub):
    return f.OrganisationFactory(name="SDU Robotics", research=True, hub=hub)


@pytest.fixture
def researcher(research_org):
    user = f.UserFactory(email="researcher@sdu.example", name="Rasmus Researcher")
    f.MembershipFactory(user=user, organisation=research_org, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def trial_unit(research_org, terms):
    profile = f.CompanyProfileFactory(organisation=research_org, is_sme=False)
    return make_capability(
        profile,
        kind="trial_unit",
        title="Clinical trial unit for fall prevention studies",
        description="We run clinical studies of fall detection sensors on geriatric wards at "
        "night, from protocol to evaluation report.",
        m2m={"clinical_areas": [terms.geriatrics], "care_settings": [terms.ward]},
    )


@pytest.fixture
def fall_need(buyer_org, terms):
    return make_need(
        buyer_org,
        m2m={"clinical_areas": [terms.geriatrics], "care_settings": [terms.ward]},
    )


def test_full_run_matches_a_research_capability_with_companies(world, trial_unit):
    rescore(full=True)
    suggested = set(
        Match.objects.suggested().filter(need=world.need).values_list("capability_id", flat=True)
    )
    assert {trial_unit.pk, world.radar.pk} <= suggested


@pytest.mark.parametrize("person", ["owner", "member"])
def test_need_owners_see_the_research_suggestion_marked(client, request, world, trial_unit, person):
    rescore(full=True)
    client.force_login(request.getfixturevalue(person))
    html = client.get(world.need.get_absolute_url()).content.decode()
    assert trial_unit.title in html
    assert "SDU Robotics" in html
    assert '<span class="badge research">Research institute</span>' in html
    # The companies among the suggestions carry no such mark.
    card = html[html.index("CareSense ApS") :]
    assert card[: card.index("</p>")].count("Research institute") == 0


def test_research_member_sees_the_need_for_them_on_the_dashboard(
    client, researcher, fall_need, trial_unit
):
    rescore(full=True)
    assert Match.objects.filter(need=fall_need, capability=trial_unit).exists()
    client.force_login(researcher)
    html = client.get(reverse("dashboard")).content.decode()
    assert fall_need.title in html


def test_research_member_bids_with_its_capability(researcher, research_org, fall_need, trial_unit):
    assert bidding_companies(researcher) == [research_org]
    bid = bid_on(fall_need, research_org, researcher, submit=True, capabilities=[trial_unit])
    bid = Bid.objects.get(pk=bid.pk)
    assert (bid.company, bid.state) == (research_org, Bid.State.SUBMITTED)
    assert list(bid.capabilities.all()) == [trial_unit]


def test_outsider_cannot_bid_for_the_research_organisation(outsider, research_org, fall_need):
    with pytest.raises(PermissionDenied):
        bid_on(fall_need, research_org, outsider)
    assert not Bid.objects.exists()


def test_need_owner_sees_the_research_bid_marked(
    client, owner, researcher, research_org, fall_need
):
    bid_on(fall_need, research_org, researcher, submit=True)
    client.force_login(owner)
    html = client.get(reverse("bids:need_bids", args=[fall_need.pk])).content.decode()
    assert "SDU Robotics" in html and "Research institute" in html


def test_confidential_need_invites_a_research_institute(owner, buyer_org, research_org):
    need = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=True)
    invitation = needs.invite_company(need, organisation=research_org, actor=owner)
    assert NeedInvitation.objects.get() == invitation
    assert list(needs.invitable_companies(need, "SDU")) == []
    other = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=True)
    assert list(needs.invitable_companies(other, "SDU")) == [research_org]


def test_research_member_registers_on_the_company_side_and_brings_capabilities(
    hub, researcher, research_org, trial_unit
):
    event = f.EventFactory(hub=hub, title="Welfare Tech Matchmaking Day")
    registration = events.register(event, researcher, research_org)
    assert registration.kind == Registration.Kind.COMPANY
    events.set_pitch(registration, actor=researcher, capabilities=[trial_unit])
    assert list(registration.capabilities.all()) == [trial_unit]
