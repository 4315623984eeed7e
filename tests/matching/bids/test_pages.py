"""The bid pages and actions, for every kind of visitor: the bidding company's members, the
need's owner and member, a competing bidder, an outsider, the hub's coordinator and a
coordinator of another hub. Whoever may not know a bid exists gets a 404."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.bids.models import Bid, BidAttachment
from needs.models import Need
from tests import factories as f
from tests.matching.bids.conftest import BID_DATA, bid_on, confidential
from tests.once import once

pytestmark = pytest.mark.django_db

State = Bid.State


def _post_data(**extra):
    data = {k: ("" if v is None else v) for k, v in BID_DATA.items()}
    data.update(extra)
    return data


@pytest.fixture
def submitted(world):
    return bid_on(world.need, world.company, world.company_member, submit=True)


# --- Bidding --------------------------------------------------------------------------------


def test_need_page_offers_the_bid_button_to_company_members_only(
    client, world, owner, rival, outsider
):
    url = world.need.get_absolute_url()
    create = reverse("bids:create", args=[world.need.pk])
    client.force_login(world.company_member)
    assert create in client.get(url).content.decode()
    # A buyer may not bid; the outsider is a verified company member elsewhere: it may.
    for user in (owner, outsider):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert (create in page) is (user == outsider)


def test_company_member_drafts_and_submits_through_the_pages(client, world, owner):
    client.force_login(world.company_member)
    url = reverse("bids:create", args=[world.need.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Radar fall detection" in page.content.decode()  # its capability to pick

    response = client.post(
        url,
        once(
            client,
            _post_data(
                company=world.company.pk,
                capabilities=[world.capability.pk],
                price_min="100000",
                price_max="250000",
                save="",
            ),
        ),
    )
    bid = Bid.objects.get()
    assert response.status_code == 302 and response["Location"] == bid.get_absolute_url()
    assert bid.state == State.DRAFT and bid.author == world.company_member
    assert list(bid.capabilities.all()) == [world.capability]

    response = client.post(reverse("bids:submit", args=[bid.pk]))
    bid.refresh_from_db()
    assert bid.state == State.SUBMITTED

    client.force_login(owner)
    page = client.get(world.need.get_absolute_url()).content.decode()
    assert "CareSense ApS" in page and reverse("bids:detail", args=[bid.pk]) in page
    detail = client.get(bid.get_absolute_url()).content.decode()
    assert BID_DATA["solution"] in detail
    assert "100,000" in detail or "100000" in detail


def test_submit_at_once_from_the_form(client, world):
    client.force_login(world.company_owner)
    client.post(
        reverse("bids:create", args=[world.need.pk]),
        once(client, _post_data(company=world.company.pk, submit="")),
    )
    assert Bid.objects.get().state == State.SUBMITTED


def test_bad_input_gives_field_errors_and_no_row(client, world, rival):
    client.force_login(world.company_member)
    response = client.post(
        reverse("bids:create", args=[world.need.pk]),
        once(
            client,
            _post_data(
                company=world.company.pk,
                summary="",
                price_min="900",
                price_max="100",
                capabilities=[rival.capability.pk],
            ),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "summary" in form.errors
    assert "price_max" in form.errors
    assert "capabilities" in form.errors  # not one of its own
    assert not Bid.objects.exists()

    response = client.post(
        reverse("bids:create", args=[world.need.pk]),
        once(client, _post_data(company=world.company.pk, price_min="lots")),
    )
    assert "price_min" in response.context["form"].errors
    assert not Bid.objects.exists()


def test_second_bid_of_a_company_is_a_form_error(client, world, submitted):
    client.force_login(world.company_owner)
    response = client.post(
        reverse("bids:create", args=[world.need.pk]),
        once(client, _post_data(company=world.company.pk, submit="")),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "already has a bid" in response.content.decode()
    assert Bid.objects.count() == 1


def test_late_bid_is_refused_with_a_clear_message(client, world):
    Need.objects.filter(pk=world.need.pk).update(
        response_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world.company_member)
    url = reverse("bids:create", args=[world.need.pk])
    for response in (
        client.get(url),
        client.post(url, once(client, _post_data(company=world.company.pk))),
    ):
        assert response.status_code == 403
        assert "The deadline for responses to this need has passed" in response.content.decode()
    assert not Bid.objects.exists()
    assert url not in client.get(world.need.get_absolute_url()).content.decode()


def test_closed_need_refuses_bids(client, world):
    Need.objects.filter(pk=world.need.pk).update(status=Need.Status.CLOSED)
    client.force_login(world.company_member)
    response = client.get(reverse("bids:create", args=[world.need.pk]))
    assert response.status_code == 403
    assert "not open for bids" in response.content.decode()


def test_buyers_and_people_without_a_company_cannot_bid(client, world, owner):
    client.force_login(owner)
    url = reverse("bids:create", args=[world.need.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, once(client, _post_data(company=world.need.organisation.pk))).status_code
        == 403
    )
    assert not Bid.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world, submitted):
    for url in (
        reverse("bids:create", args=[world.need.pk]),
        reverse("bids:mine"),
        submitted.get_absolute_url(),
        reverse("bids:need_bids", args=[world.need.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_confidential_need_uninvited_company_gets_404(client, world, rival):
    need = confidential(world.need)
    f.NeedInvitationFactory(need=need, organisation=world.company)
    url = reverse("bids:create", args=[need.pk])
    client.force_login(rival.user)
    assert client.get(url).status_code == 404
    assert (
        client.post(url, once(client, _post_data(company=rival.org.pk, submit=""))).status_code
        == 404
    )
    assert url not in client.get(need.get_absolute_url()).content.decode()
    client.force_login(world.company_member)
    assert client.get(url).status_code == 200
    client.post(url, once(client, _post_data(company=world.company.pk, submit="")))
    assert Bid.objects.get().company == world.company


# --- Seeing bids ----------------------------------------------------------------------------


def test_who_sees_a_submitted_bid(
    client, world, submitted, owner, member, rival, outsider, coordinator, other_coordinator
):
    url = submitted.get_absolute_url()
    for user, status in [
        (world.company_member, 200),
        (world.company_owner, 200),
        (owner, 200),
        (member, 200),
        (coordinator, 200),
        (rival.user, 404),
        (outsider, 404),
        (other_coordinator, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_a_draft_is_the_companys_own(client, world, owner, coordinator):
    draft = bid_on(world.need, world.company, world.company_member)
    client.force_login(owner)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert (
        "CareSense"
        not in client.get(reverse("bids:need_bids", args=[world.need.pk])).content.decode()
    )
    client.force_login(world.company_owner)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_competing_bidders_never_see_each_other(client, world, submitted, rival):
    theirs = bid_on(world.need, rival.org, rival.user, submit=True)
    client.force_login(rival.user)
    assert client.get(submitted.get_absolute_url()).status_code == 404
    mine = client.get(reverse("bids:mine")).content.decode()
    assert reverse("bids:detail", args=[theirs.pk]) in mine
    assert reverse("bids:detail", args=[submitted.pk]) not in mine
    need_page = client.get(world.need.get_absolute_url()).content.decode()
    assert "CareSense" not in need_page
    assert client.get(reverse("bids:need_bids", args=[world.need.pk])).status_code == 404


def test_need_owners_list_of_bids(
    client, world, submitted, rival, owner, member, coordinator, other_coordinator, outsider
):
    bid_on(world.need, rival.org, rival.user, submit=True)
    url = reverse("bids:need_bids", args=[world.need.pk])
    for user in (owner, member, coordinator):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert [b.company.name for b in page.context["bids"]] == [
            "Rival Sensors A/S",
            "CareSense ApS",
        ]
    for user in (world.company_member, rival.user, outsider, other_coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_my_bids_lists_the_companys_bids(client, world, submitted, owner):
    client.force_login(world.company_owner)
    page = client.get(reverse("bids:mine"))
    assert list(page.context["bids"]) == [submitted]
    client.force_login(owner)
    assert list(client.get(reverse("bids:mine")).context["bids"]) == []


# --- Actions --------------------------------------------------------------------------------


def test_only_the_bidder_withdraws(client, world, submitted, owner, rival, coordinator):
    url = reverse("bids:withdraw", args=[submitted.pk])
    for user in (owner, rival.user, coordinator):
        client.force_login(user)
        assert client.post(url).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    client.force_login(world.company_owner)
    client.post(url, {"note": "Changed our plans"})
    submitted.refresh_from_db()
    assert submitted.state == State.WITHDRAWN


def test_only_the_need_owner_decides(
    client, world, submitted, member, rival, outsider, coordinator, other_coordinator
):
    url = reverse("bids:decide", args=[submitted.pk])
    for user in (world.company_member, rival.user, outsider, coordinator, other_coordinator):
        client.force_login(user)
        assert client.post(url, {"decision": "accepted"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    client.force_login(member)
    response = client.post(url, {"decision": "shortlisted"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.SHORTLISTED


def test_declining_needs_feedback_next_to_the_field(client, world, submitted, owner):
    client.force_login(owner)
    response = client.post(reverse("bids:decide", args=[submitted.pk]), {"decision": "declined"})
    assert response.status_code == 200
    assert "feedback" in response.context["decision_form"].errors
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    response = client.post(reverse("bids:decide", args=[submitted.pk]), {"decision": "maybe"})
    assert "decision" in response.context["decision_form"].errors


def test_bidder_sees_the_decision_and_feedback(client, world, submitted, owner):
    client.force_login(owner)
    client.post(
        reverse("bids:decide", args=[submitted.pk]),
        {"decision": "declined", "feedback": "We need EU MDR class IIa."},
    )
    client.force_login(world.company_member)
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Declined" in page
    assert "We need EU MDR class IIa." in page


def test_only_the_bidder_edits_a_draft(client, world, owner, rival):
    draft = bid_on(world.need, world.company, world.company_member)
    url = reverse("bids:edit", args=[draft.pk])
    for user in (owner, rival.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _post_data(summary="Hijacked")).status_code == 404
    client.force_login(world.company_owner)
    assert client.get(url).status_code == 200
    client.post(url, _post_data(summary="A sharper summary", save=""))
    draft.refresh_from_db()
    assert draft.summary == "A sharper summary"
    client.post(reverse("bids:submit", args=[draft.pk]))
    response = client.get(url)
    assert response.status_code == 302  # a submitted bid is not edited


def test_attachments_on_a_draft(client, world, owner, rival):
    draft = bid_on(world.need, world.company, world.company_member)
    upload_url = reverse("bids:attachment_upload", args=[draft.pk])
    client.force_login(rival.user)
    pdf = SimpleUploadedFile("offer.pdf", b"%PDF-1.4 offer", content_type="application/pdf")
    assert client.post(upload_url, once(client, {"file": pdf})).status_code == 404

    client.force_login(world.company_member)
    bad = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(upload_url, once(client, {"file": bad}))
    assert response.status_code == 200
    assert "file" in response.context["attachment_form"].errors
    pdf = SimpleUploadedFile("offer.pdf", b"%PDF-1.4 offer", content_type="application/pdf")
    assert client.post(upload_url, once(client, {"file": pdf})).status_code == 302
    attachment = BidAttachment.objects.get()
    download = reverse("bids:attachment_download", args=[draft.pk, attachment.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4 offer"

    client.force_login(owner)  # a draft is not yet the owner's to read
    assert client.get(download).status_code == 404
    client.force_login(world.company_member)
    client.post(reverse("bids:submit", args=[draft.pk]))
    client.force_login(owner)
    assert client.get(download).status_code == 200
    client.force_login(rival.user)
    assert client.get(download).status_code == 404


def _bids_on_needs(world, n):
    need_org = world.need.organisation
    for _ in range(n):
        need = f.NeedFactory(organisation=need_org, published=True)
        bid_on(need, world.company, world.company_member, submit=True)


def _bids_from_companies(world, hub, n):
    for _ in range(n):
        org = f.OrganisationFactory(company=True, hub=hub)
        user = f.UserFactory()
        f.MembershipFactory(user=user, organisation=org)
        bid_on(world.need, org, user, submit=True)


def test_my_bids_query_count_does_not_grow(client, world):
    _bids_on_needs(world, 1)
    client.force_login(world.company_member)
    url = reverse("bids:mine")
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(url).context["bids"]) == 1
    _bids_on_needs(world, 5)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).context["bids"]) == 6
    assert len(many) == len(one)


def test_need_bids_query_count_does_not_grow(client, world, owner, hub, pages_uncached):
    # Counted as each context closes: a context's queries are read from the connection's log,
    # which the next request outside a context empties (the warm-up requests below).
    _bids_from_companies(world, hub, 1)
    client.force_login(owner)
    url = reverse("bids:need_bids", args=[world.need.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert len(client.get(url).context["bids"]) == 1
    one = len(queries)
    _bids_from_companies(world, hub, 5)
    client.get(url)  # new organisations change the catalogue: memberships are read again once
    with CaptureQueriesContext(connection) as queries:
        assert len(client.get(url).context["bids"]) == 6
    assert len(queries) == one
    with CaptureQueriesContext(connection) as queries:
        client.get(world.need.get_absolute_url())
    page_one = len(queries)
    _bids_from_companies(world, hub, 3)
    client.get(world.need.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(world.need.get_absolute_url())
    assert len(queries) == page_one


def test_a_bids_price_reads_as_the_viewers_language_writes_money(client, world, owner):
    bid = bid_on(
        world.need,
        world.company,
        world.company_member,
        submit=True,
        price_min=150000,
        price_max=400000,
    )
    owner.language = "da"
    owner.save()
    client.force_login(owner)

    page = client.get(bid.get_absolute_url()).content.decode().replace("\xa0", " ")

    assert "150.000 kr. – 400.000 kr." in page
