"""The demo bids: what the demo logins see, the rules the bid services keep, idempotence, and
that loading them writes no email."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from healthmatch.accounts.models import Membership, User
from healthmatch.demo.data import BIDS
from healthmatch.demo.seed import seed_demo
from healthmatch.mail.models import OutboxMessage
from matching.bids import services
from matching.bids.models import Bid, BidEvent
from needs.models import Need

pytestmark = pytest.mark.django_db

State = Bid.State
COMPANY = "company@demo.healthmatch.local"
HOSPITAL = "hospital@demo.healthmatch.local"
FALLS = "Fall detection and prevention in nursing homes"
PRESSURE_ULCERS = "Early warning of pressure ulcers in bedridden patients"


def vigil_bid(need_title):
    return Bid.objects.get(company__slug="vigil-sense", need__title=need_title)


def test_seed_demo_bids_company_login_has_one_bid_in_each_state(seeded):
    user = User.objects.get(email=COMPANY)
    bids = Bid.objects.of_company_member(user)
    assert sorted(bids.values_list("state", flat=True)) == sorted(
        [State.DRAFT, State.SUBMITTED, State.SHORTLISTED, State.DECLINED]
    )
    assert set(bids.values_list("author", flat=True)) == {user.pk}
    draft = bids.get(state=State.DRAFT)
    assert draft.submitted_at is None and draft.decided_at is None and not draft.feedback
    submitted = bids.get(state=State.SUBMITTED)
    assert submitted.submitted_at and submitted.decided_at is None and not submitted.feedback
    for state in (State.SHORTLISTED, State.DECLINED):
        bid = bids.get(state=state)
        assert len(bid.feedback) > 100, state
        assert bid.decided_at > bid.submitted_at > bid.created_at
        assert Membership.objects.active().filter(
            user=bid.decided_by, organisation=bid.need.organisation
        ), state
        assert bid.events.last().note == bid.feedback


def test_seed_demo_bids_my_bids_page_lists_them(seeded, client):
    client.force_login(User.objects.get(email=COMPANY))
    response = client.get(reverse("bids:mine"))
    assert response.status_code == 200
    text = response.content.decode()
    for state in ("draft", "submitted", "shortlisted", "declined"):
        assert f'class="badge bid-state {state}"' in text, state
    for bid in Bid.objects.filter(company__slug="vigil-sense"):
        assert reverse("bids:detail", args=[bid.pk]) in text
    declined = vigil_bid(PRESSURE_ULCERS)
    page = client.get(reverse("bids:detail", args=[declined.pk])).content.decode()
    assert "movement in bed alone does not tell us about tissue load" in page


def test_seed_demo_bids_hospital_login_sees_bids_on_its_needs(seeded, client):
    hospital = User.objects.get(email=HOSPITAL)
    ouh = Membership.objects.get(user=hospital).organisation
    received = Bid.objects.filter(need__organisation=ouh)
    assert received.count() >= 6
    assert received.values("company").distinct().count() >= 5
    assert {State.SUBMITTED, State.SHORTLISTED, State.ACCEPTED, State.DECLINED} <= set(
        received.values_list("state", flat=True)
    )
    assert not received.filter(state=State.DRAFT).exists()
    assert received.filter(need__is_confidential=True).exists()
    client.force_login(hospital)
    need = Need.objects.get(title=PRESSURE_ULCERS)
    page = client.get(reverse("bids:need_bids", args=[need.pk])).content.decode()
    for company in ("Vigil Sense ApS", "Rehoist Robotics ApS"):
        assert company in page
    assert received.filter(need=need).count() == 3
    need_page = client.get(need.get_absolute_url()).content.decode()
    assert 'class="card need-bids"' in need_page and "Continua" in need_page
    # The demo company's draft is its own business: the need's owner cannot open it.
    draft = Bid.objects.get(state=State.DRAFT)
    owner = Membership.objects.filter(organisation=draft.need.organisation).first().user
    client.force_login(owner)
    assert client.get(reverse("bids:detail", args=[draft.pk])).status_code == 404


def test_seed_demo_bids_keep_the_rules_of_the_services(seeded):
    today = timezone.localdate()
    now = timezone.now()
    assert Bid.objects.count() == len(BIDS)
    for bid in Bid.objects.select_related("need", "company"):
        need, company = bid.need, bid.company
        label = f"{company.slug} on {need.title}"
        assert need.status == Need.Status.PUBLISHED and need.response_deadline >= today, label
        if need.is_confidential:
            assert need.invitations.filter(organisation=company).exists(), label
        assert company.kind == "company" and company.is_verified, label
        offered = bid.capabilities.select_related("company")
        assert offered.exists(), label
        assert all(c.company.organisation_id == company.pk for c in offered), label
        assert all(c.status == "published" for c in offered), label
        assert bid.summary and bid.solution and bid.evidence and bid.timeline, label
        assert bid.price_min <= bid.price_max, label
        assert need.published_at < bid.created_at <= bid.updated_at <= now, label
        assert (bid.submitted_at is None) == (bid.state == State.DRAFT), label
        assert (bid.decided_by_id is None) == (bid.state in (State.DRAFT, State.SUBMITTED))
        events = list(bid.events.order_by("created_at", "pk"))
        assert (events[0].from_state, events[0].to_state) == ("", State.DRAFT), label
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_state == before.to_state, label
            assert after.created_at > before.created_at, label
        assert events[-1].to_state == bid.state, label
        assert events[-1].created_at == bid.updated_at, label
        if bid.submitted_at:
            assert events[1].created_at == bid.submitted_at, label
        if bid.decided_at:
            assert events[-1].created_at == bid.decided_at, label
            assert events[-1].actor_id == bid.decided_by_id, label
    active = Bid.objects.active().values_list("need", "company")
    assert len(set(active)) == len(active)


def test_seed_demo_bids_write_no_email(db):
    seed_demo()
    assert Bid.objects.exists()
    assert not OutboxMessage.objects.filter(category="bids").exists()
    assert not OutboxMessage.objects.filter(kind__startswith="bid_").exists()
    assert OutboxMessage.objects.count() == 0


def test_seed_demo_bids_twice_create_nothing(db):
    day = dt.date(2026, 11, 2)  # needs published before the end of summer time (25 October)
    seed_demo(day)
    before = (Bid.objects.count(), BidEvent.objects.count(), set(Bid.objects.values_list("pk")))
    second = seed_demo(day)
    assert second.changes == 0, (second.created, second.updated, second.links)
    assert (
        Bid.objects.count(),
        BidEvent.objects.count(),
        set(Bid.objects.values_list("pk")),
    ) == before
    later = seed_demo(day + dt.timedelta(days=3))  # dates move with today, rows stay
    assert later.created["Bid"] == 0
    assert set(Bid.objects.values_list("pk")) == before[2]
    assert BidEvent.objects.count() == before[1]


def test_seed_demo_restores_a_changed_bid(seeded):
    bid = vigil_bid(FALLS)
    Bid.objects.filter(pk=bid.pk).update(state=State.WITHDRAWN, summary="Changed by hand")
    BidEvent.objects.create(bid=bid, from_state=State.SUBMITTED, to_state=State.WITHDRAWN)
    result = seed_demo()
    bid.refresh_from_db()
    assert bid.state == State.SUBMITTED and bid.summary.startswith("Contact-free radar")
    assert list(bid.events.values_list("to_state", flat=True)) == [State.DRAFT, State.SUBMITTED]
    assert result.updated["Bid"] == 1
    assert Bid.objects.count() == len(BIDS)


def test_seed_demo_leaves_a_bid_made_by_hand_alone(seeded):
    """The demo company withdraws its demo bid and bids again: a later seed keeps both as they
    are instead of breaking the one-active-bid rule."""
    user = User.objects.get(email=COMPANY)
    demo = services.withdraw_bid(vigil_bid(FALLS), actor=user)
    mine = services.create_bid(
        need=demo.need,
        company=demo.company,
        author=user,
        data={"summary": "A second try", "solution": "Radar and a floor mat.", "currency": "DKK"},
    )
    assert seed_demo().changes == 0
    demo.refresh_from_db()
    mine.refresh_from_db()
    assert demo.state == State.WITHDRAWN
    assert mine.state == State.DRAFT and mine.summary == "A second try"
    assert Bid.objects.count() == len(BIDS) + 1


def test_seed_demo_command_counts_bids(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("Bids:"))
    assert line.startswith(f"Bids:                 {len(BIDS)} (")
    assert "1 draft" in line and "1 accepted" in line and "1 declined" in line
