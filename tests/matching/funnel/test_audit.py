"""The audit trail: who viewed a confidential need's details (NeedDetailView, its admin list)
and the merged, read-only page of every status change and view of a hub."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.bids.models import BidEvent
from needs import services
from needs.models import NeedDetailView, NeedStatusChange
from tests import factories as f
from tests.matching.funnel.conftest import at

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
AUDIT_URL = reverse("funnel:audit")


@pytest.fixture
def secret_need(buyer_org):
    return f.NeedFactory(
        organisation=buyer_org, published=True, is_confidential=True, title="Sterile supply"
    )


@pytest.fixture
def invited(secret_need, company_org, company_member):
    f.NeedInvitationFactory(need=secret_need, organisation=company_org)
    return company_member


def view(client, user, need):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("needs:detail", args=[need.pk]))


def viewers(need):
    return list(NeedDetailView.objects.filter(need=need).values_list("user__email", flat=True))


# --- Recording --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["invited", "owner", "member", "coordinator"])
def test_viewing_confidential_details_writes_an_audit_row(request, client, secret_need, who):
    user = request.getfixturevalue(who)
    assert view(client, user, secret_need).context["can_see_details"]
    assert viewers(secret_need) == [user.email]
    view(client, user, secret_need)
    assert viewers(secret_need) == [user.email, user.email]  # every look, not the first only


@pytest.mark.parametrize("who", [None, "outsider", "company_owner"])
def test_teaser_of_confidential_need_writes_no_audit_row(request, client, secret_need, who):
    user = request.getfixturevalue(who) if who else None
    assert not view(client, user, secret_need).context["can_see_details"]
    assert viewers(secret_need) == []


def test_open_need_details_are_not_audited(client, buyer_org, company_owner):
    need = f.NeedFactory(organisation=buyer_org, published=True)
    assert view(client, company_owner, need).context["can_see_details"]
    assert not NeedDetailView.objects.exists()


def test_downloading_a_confidential_attachment_is_audited(
    client, secret_need, coordinator, invited
):
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    attachment = services.add_attachment(secret_need, upload=upload, actor=coordinator)
    url = reverse("needs:attachment_download", args=[secret_need.pk, attachment.pk])
    client.force_login(invited)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert viewers(secret_need) == [invited.email]
    client.force_login(f.UserFactory())
    assert client.get(url).status_code == 404
    assert viewers(secret_need) == [invited.email]


def test_record_detail_view_service_skips_open_needs_and_anonymous(secret_need, owner):
    from django.contrib.auth.models import AnonymousUser

    open_need = f.NeedFactory(organisation=secret_need.organisation, published=True)
    assert services.record_detail_view(open_need, owner) is None
    assert services.record_detail_view(secret_need, AnonymousUser()) is None
    row = services.record_detail_view(secret_need, owner)
    assert (row.need, row.user) == (secret_need, owner)


# --- The admin list of views ------------------------------------------------------------------


@pytest.fixture
def foreign_view(other_hub, outsider):
    org = f.OrganisationFactory(name="Oslo hospital", hub=other_hub)
    need = f.NeedFactory(organisation=org, published=True, is_confidential=True, title="Fjord")
    return services.record_detail_view(need, outsider)


def test_view_list_in_admin_is_scoped_to_the_coordinators_hub(
    client, coordinator, secret_need, invited, foreign_view
):
    mine = services.record_detail_view(secret_need, invited)
    client.force_login(coordinator)
    response = client.get(reverse("admin:needs_needdetailview_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
    assert "Fjord" not in response.content.decode()
    other = reverse("admin:needs_needdetailview_change", args=[foreign_view.pk])
    assert client.get(other).status_code == 302  # "doesn't exist", back to the list


def test_view_list_in_admin_is_read_only(client, coordinator, secret_need, invited):
    row = services.record_detail_view(secret_need, invited)
    client.force_login(coordinator)
    assert client.get(reverse("admin:needs_needdetailview_add")).status_code == 403
    change = reverse("admin:needs_needdetailview_change", args=[row.pk])
    assert client.get(change).status_code == 200
    client.post(change, {"need": secret_need.pk, "user": coordinator.pk})
    assert NeedDetailView.objects.get().user == invited
    delete = reverse("admin:needs_needdetailview_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert NeedDetailView.objects.count() == 1


def test_view_list_in_admin_is_closed_to_non_staff(client, owner):
    client.force_login(owner)
    response = client.get(reverse("admin:needs_needdetailview_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- The merged audit trail page --------------------------------------------------------------


@pytest.fixture
def trail(data, secret_need, invited):
    """Besides the data set's match events: two need status changes, a bid event and a view,
    at known times; and the same kinds in the other hub."""
    NeedStatusChange.objects.create(
        need=data.n1,
        from_status="submitted",
        to_status="published",
        actor=data.coordinator,
        created_at=at(2026, 1, 5, 10),
    )
    NeedStatusChange.objects.create(
        need=data.foreign,
        from_status="submitted",
        to_status="published",
        created_at=at(2026, 2, 2, 9),
    )
    bid = data.n2.bids.get()
    BidEvent.objects.create(
        bid=bid,
        from_state="submitted",
        to_state="accepted",
        actor=data.coordinator,
        note="Welcome aboard",
        created_at=at(2030, 1, 1, 12),
    )
    BidEvent.objects.create(
        bid=data.foreign_bid, from_state="", to_state="submitted", created_at=at(2030, 1, 2)
    )
    row = services.record_detail_view(secret_need, invited)
    row.viewed_at = at(2030, 1, 3, 8)
    row.save()
    return data


def audit(client, user, **params):
    client.force_login(user)
    return client.get(AUDIT_URL, params)


def kinds(response):
    return [(e["kind"], e["subject"], e["change"]) for e in response.context["entries"]]


def test_audit_trail_merges_every_kind_newest_first(client, trail):
    response = audit(client, trail.coordinator)
    assert response.status_code == 200
    entries = response.context["entries"]
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    assert kinds(response)[:3] == [
        ("view", "Sterile supply", "details viewed"),
        ("bid", "Company 1 → n2", "Submitted → Accepted"),
        ("match", "n3 ↔ Company 2", "Suggested → Introduced"),
    ]
    assert ("need", "n1", "Awaiting review → Published") in kinds(response)
    # 17 match events of the hub's needs (n0's too: the trail has no cohort) + 1 need change
    # + 1 bid event + 1 view
    assert response.context["page_obj"].paginator.count == 20
    html = response.content.decode()
    assert "Welcome aboard" in html
    assert "foreign" not in {e["need"].title for e in entries}
    assert "Fjord" not in html


def test_audit_trail_filters_by_kind_and_date(client, trail):
    response = audit(client, trail.coordinator, kind="bid")
    assert kinds(response) == [("bid", "Company 1 → n2", "Submitted → Accepted")]
    response = audit(client, trail.coordinator, start="2030-01-03", end="2030-01-03")
    assert kinds(response) == [("view", "Sterile supply", "details viewed")]
    response = audit(client, trail.coordinator, kind="need", end="2026-01-04")
    assert kinds(response) == []
    assert "Nothing recorded for these filters." in response.content.decode()


def test_audit_trail_of_the_other_hub(client, trail, other_coordinator, superuser):
    response = audit(client, other_coordinator)
    assert [e["kind"] for e in response.context["entries"]] == ["bid", "match", "need"]
    assert audit(client, other_coordinator, hub=trail.hub.pk).status_code == 404
    assert audit(client, trail.coordinator, hub=trail.other_hub.pk).status_code == 404
    assert audit(client, superuser).context["page_obj"].paginator.count == 20 + 3


def test_audit_trail_bad_input_is_a_form_error(client, trail):
    response = audit(client, trail.coordinator, kind="secret", start="soon")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "start"}
    assert "entries" not in response.context


def test_audit_trail_paginates(client, trail):
    from matching.funnel import views

    views.AUDIT_PAGE_SIZE, old = 6, views.AUDIT_PAGE_SIZE
    try:
        first = audit(client, trail.coordinator)
        last = audit(client, trail.coordinator, page=4)
    finally:
        views.AUDIT_PAGE_SIZE = old
    assert len(first.context["entries"]) == 6
    assert len(last.context["entries"]) == 2
    assert 'rel="next"' in first.content.decode()


def test_audit_trail_queries_do_not_grow_with_rows(client, trail, secret_need, invited):
    audit(client, trail.coordinator)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        audit(client, trail.coordinator)
    for i in range(10):
        services.record_detail_view(secret_need, invited)
        NeedStatusChange.objects.create(
            need=trail.n3, from_status="published", to_status="closed", created_at=at(2026, 4, 1)
        )
        BidEvent.objects.create(
            bid=trail.n1.bids.first(), to_state="withdrawn", created_at=at(2026, 4, 2, i)
        )
    with CaptureQueriesContext(connection) as many:
        audit(client, trail.coordinator)
    assert len(many) == len(few)


def test_audit_trail_offers_a_need_link_per_row(client, trail):
    html = audit(client, trail.coordinator, kind="need").content.decode()
    assert f'href="{reverse("admin:needs_need_change", args=[trail.n1.pk])}"' in html
    assert datetime.date(2026, 1, 5).isoformat() in html
