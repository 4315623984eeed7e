"""The rules of a bid's life, through the services: who may bid, when, one active bid per
company and need, the moves and their history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from matching.bids import services
from matching.bids.models import Bid, BidEvent
from needs.models import Need
from tests import factories as f
from tests.matching.bids.conftest import bid_on, confidential

pytestmark = pytest.mark.django_db

State = Bid.State


def test_draft_then_submit_records_each_step(world, owner):
    bid = bid_on(world.need, world.company, world.company_member, capabilities=[world.capability])
    assert bid.state == State.DRAFT
    assert list(bid.capabilities.all()) == [world.capability]
    assert not OutboxMessage.objects.exists()  # a draft tells nobody

    services.submit_bid(bid, actor=world.company_member)

    bid.refresh_from_db()
    assert bid.state == State.SUBMITTED
    assert bid.submitted_at is not None
    steps = list(BidEvent.objects.filter(bid=bid).values_list("from_state", "to_state", "actor"))
    assert steps == [
        ("", State.DRAFT, world.company_member.pk),
        (State.DRAFT, State.SUBMITTED, world.company_member.pk),
    ]
    # The need's organisation (owner and member) hears about it.
    assert sorted(OutboxMessage.objects.values_list("to_email", flat=True)) == [
        "member@ouh.example",
        "owner@ouh.example",
    ]


def test_submitting_twice_is_refused_and_records_one_step(world):
    bid = bid_on(world.need, world.company, world.company_member)
    services.submit_bid(bid, actor=world.company_member)
    with pytest.raises(ValidationError) as error:
        services.submit_bid(bid, actor=world.company_member)
    assert error.value.code == "not_draft"
    assert BidEvent.objects.filter(to_state=State.SUBMITTED).count() == 1


def test_second_active_bid_of_the_same_company_is_refused(world):
    bid_on(world.need, world.company, world.company_member)
    with pytest.raises(ValidationError) as error:
        bid_on(world.need, world.company, world.company_owner, submit=True)
    assert error.value.code == "duplicate"
    assert Bid.objects.count() == 1


def test_after_withdrawing_the_company_may_bid_again(world):
    first = bid_on(world.need, world.company, world.company_member, submit=True)
    services.withdraw_bid(first, actor=world.company_owner, note="Wrong product")
    second = bid_on(world.need, world.company, world.company_member)
    assert second.pk != first.pk
    assert Bid.objects.active().get() == second
    assert BidEvent.objects.filter(bid=first, to_state=State.WITHDRAWN).get().note == (
        "Wrong product"
    )


def test_the_database_allows_one_active_bid_only(world):
    bid_on(world.need, world.company, world.company_member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Bid.objects.create(
            need=world.need, company=world.company, summary="x", solution="y", state="submitted"
        )
    # Withdrawn and declined bids do not count.
    Bid.objects.create(
        need=world.need, company=world.company, summary="x", solution="y", state="withdrawn"
    )
    assert Bid.objects.count() == 2


def test_late_bid_is_refused_with_the_deadline(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Need.objects.filter(pk=world.need.pk).update(response_deadline=yesterday)
    world.need.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        bid_on(world.need, world.company, world.company_member)
    assert error.value.code == "closed"
    assert "deadline" in error.value.messages[0]
    assert not Bid.objects.exists()


def test_a_draft_cannot_be_submitted_after_the_deadline(world):
    bid = bid_on(world.need, world.company, world.company_member)
    Need.objects.filter(pk=world.need.pk).update(
        response_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.submit_bid(bid, actor=world.company_member)
    bid.refresh_from_db()
    assert bid.state == State.DRAFT


def test_bidding_on_the_deadline_day_is_allowed(world):
    Need.objects.filter(pk=world.need.pk).update(response_deadline=timezone.localdate())
    world.need.refresh_from_db()
    assert bid_on(world.need, world.company, world.company_member, submit=True).state == (
        State.SUBMITTED
    )


@pytest.mark.parametrize("status", [Need.Status.DRAFT, Need.Status.SUBMITTED, Need.Status.CLOSED])
def test_needs_that_are_not_published_take_no_bids(world, status):
    Need.objects.filter(pk=world.need.pk).update(status=status)
    world.need.refresh_from_db()
    with pytest.raises(ValidationError, match="not open for bids"):
        bid_on(world.need, world.company, world.company_member)


def test_confidential_need_takes_bids_from_invited_companies_only(world):
    need = confidential(world.need)
    with pytest.raises(ValidationError, match="only invited companies"):
        bid_on(need, world.company, world.company_member)
    f.NeedInvitationFactory(need=need, organisation=world.company)
    assert bid_on(need, world.company, world.company_member).state == State.DRAFT


def test_only_members_of_a_verified_company_may_bid(world, owner, outsider):
    with pytest.raises(PermissionDenied):
        bid_on(world.need, world.company, outsider)  # not a member of this company
    with pytest.raises(PermissionDenied):
        bid_on(world.need, world.need.organisation, owner)  # a buyer, not a company
    world.company.verified_at = None
    world.company.save()
    from healthmatch.accounts.access import forget

    forget(world.company_member)
    with pytest.raises(PermissionDenied):
        bid_on(world.need, world.company, world.company_member)
    assert not Bid.objects.exists()


def test_a_company_offers_only_its_own_capabilities(world, rival):
    with pytest.raises(ValidationError) as error:
        bid_on(world.need, world.company, world.company_member, capabilities=[rival.capability])
    assert "capabilities" in error.value.error_dict
    assert not Bid.objects.exists()


def test_price_range_must_be_ordered(world):
    with pytest.raises(ValidationError) as error:
        bid_on(
            world.need,
            world.company,
            world.company_member,
            price_min=Decimal("500000"),
            price_max=Decimal("100000"),
        )
    assert "price_max" in error.value.error_dict


def test_only_drafts_are_edited(world):
    bid = bid_on(world.need, world.company, world.company_member)
    services.update_bid(bid, actor=world.company_owner, data={"summary": "Better summary"})
    bid.refresh_from_db()
    assert bid.summary == "Better summary"
    services.submit_bid(bid, actor=world.company_member)
    with pytest.raises(ValidationError):
        services.update_bid(bid, actor=world.company_owner, data={"summary": "Too late"})


def test_owner_shortlists_then_accepts_with_feedback(world, owner):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    services.shortlist_bid(bid, actor=owner)
    services.accept_bid(bid, actor=owner, feedback="Let us plan the pilot.")
    bid.refresh_from_db()
    assert bid.state == State.ACCEPTED
    assert bid.feedback == "Let us plan the pilot."
    assert bid.decided_by == owner
    assert list(bid.events.values_list("to_state", flat=True)) == [
        State.DRAFT,
        State.SUBMITTED,
        State.SHORTLISTED,
        State.ACCEPTED,
    ]
    decided = OutboxMessage.objects.filter(kind="bid_decided")
    assert sorted(decided.values_list("to_email", flat=True)) == [
        "ceo@caresense.example",
        "ceo@caresense.example",
        "dev@caresense.example",
        "dev@caresense.example",
    ]


def test_decisions_follow_the_states(world, owner):
    bid = bid_on(world.need, world.company, world.company_member)
    with pytest.raises(ValidationError):  # a draft is not the owner's to decide
        services.accept_bid(bid, actor=owner)
    services.submit_bid(bid, actor=world.company_member)
    services.decline_bid(bid, actor=owner, feedback="Out of budget.")
    with pytest.raises(ValidationError):
        services.accept_bid(bid, actor=owner)
    with pytest.raises(ValidationError):
        services.withdraw_bid(bid, actor=world.company_member)
    bid.refresh_from_db()
    assert bid.state == State.DECLINED


def test_only_the_need_owner_decides(world, member, coordinator, rival):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    for actor in (world.company_member, coordinator, rival.user):
        with pytest.raises(PermissionDenied):
            services.accept_bid(bid, actor=actor)
    services.shortlist_bid(bid, actor=member)  # any member of the need's organisation
    bid.refresh_from_db()
    assert bid.state == State.SHORTLISTED


def test_declined_company_may_bid_again(world, owner):
    bid = bid_on(world.need, world.company, world.company_member, submit=True)
    services.decline_bid(bid, actor=owner, feedback="Try again with a smaller pilot.")
    again = bid_on(world.need, world.company, world.company_member, submit=True)
    assert again.state == State.SUBMITTED


def test_withdrawing_a_sent_bid_tells_the_need_owners_a_draft_tells_nobody(world):
    draft = bid_on(world.need, world.company, world.company_member)
    services.withdraw_bid(draft, actor=world.company_member)
    assert not OutboxMessage.objects.filter(kind="bid_withdrawn").exists()
    sent = bid_on(world.need, world.company, world.company_member, submit=True)
    services.withdraw_bid(sent, actor=world.company_member)
    assert sorted(
        OutboxMessage.objects.filter(kind="bid_withdrawn").values_list("to_email", flat=True)
    ) == ["member@ouh.example", "owner@ouh.example"]
