"""Writing needs through the API: drafts, submit, close and the attachments list, by the owner,
a member of the same hospital, an outsider, a coordinator and another hospital; what the
services write (rows, states, history, outbox) exactly as the pages do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from needs.models import Need, NeedDetailView, NeedStatusChange
from tests import factories as f
from tests.needs.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

LIST = reverse("api:need-list")


def url(name, need):
    return reverse(f"api:need-{name}", args=[need.pk])


def snapshot(need):
    return Need.objects.filter(pk=need.pk).values().get()


DRAFT = {
    "title": "Fewer pressure ulcers",
    "summary": "Turning schedules are hard to keep at night.",
    "description": "Nurses turn bedridden patients every two hours; nights are thin.",
}


# --- Create ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_create_draft_by_members_of_the_hospital(api, who, buyer_org, request):
    area = f.ClinicalAreaFactory()
    region = f.RegionFactory()
    body = {**DRAFT, "clinical_areas": [area.pk], "region": region.pk, "budget_band": "lt50k"}
    response = api(who).post(LIST, body, format="json")
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    user = request.getfixturevalue(who)
    assert (need.organisation, need.hub, need.created_by) == (buyer_org, buyer_org.hub, user)
    assert need.status == Need.Status.DRAFT
    assert list(need.clinical_areas.all()) == [area]
    assert (need.region, need.budget_band) == (region, "lt50k")
    change = NeedStatusChange.objects.get(need=need)
    assert (change.from_status, change.to_status, change.actor) == ("", "draft", user)
    data = response.json()
    assert data["id"] == need.pk and data["status"] == "draft"
    assert data["details_visible"] is True and data["can_submit"] is True
    assert data["organisation"] == {"id": buyer_org.pk, "name": buyer_org.name}


@pytest.mark.parametrize("who", ["outsider", "company_owner", "coordinator"])
def test_create_refused_to_people_of_no_hospital(api, who):
    response = api(who).post(LIST, DRAFT, format="json")
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_create_anonymous_is_refused(api):
    assert api(None).post(LIST, DRAFT, format="json").status_code in (401, 403)
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": None}, "description"),
        ({"summary": "x" * 501}, "summary"),
        ({"route": "auction"}, "route"),
        ({"min_trl": 12}, "min_trl"),
        ({"clinical_areas": [999999]}, "clinical_areas"),
        ({"region": 999999}, "region"),
        ({"response_deadline": "2001-01-01"}, "response_deadline"),
        ({"title": "nul\x00byte"}, "title"),
    ],
)
def test_create_bad_input_is_a_400_naming_the_field(api, owner, change, field):
    response = api("owner").post(LIST, {**DRAFT, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Need.objects.exists()


def test_create_takes_only_active_terms(api, owner):
    retired = f.ClinicalAreaFactory(is_active=False)
    response = api("owner").post(LIST, {**DRAFT, "clinical_areas": [retired.pk]}, format="json")
    assert response.status_code == 400 and "clinical_areas" in response.json()


def test_create_for_another_hospital_is_refused(api, owner, foreign_org):
    response = api("owner").post(LIST, {**DRAFT, "organisation": foreign_org.pk}, format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Need.objects.exists()


def test_create_with_two_hospitals_names_the_organisation(api, owner, hub):
    second = f.OrganisationFactory(name="Svendborg Hospital", hub=hub)
    f.MembershipFactory(user=owner, organisation=second)
    client = api("owner")
    response = client.post(LIST, DRAFT, format="json")
    assert response.status_code == 400 and "organisation" in response.json()
    response = client.post(LIST, {**DRAFT, "organisation": second.pk}, format="json")
    assert response.status_code == 201
    assert Need.objects.get().organisation == second


# --- Edit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_edit_draft_by_members(api, who, draft_need):
    tech = f.TechnologyTypeFactory()
    response = api(who).patch(
        url("detail", draft_need),
        {"title": "  Fewer falls, day and night ", "technology_types": [tech.pk]},
        format="json",
    )
    assert response.status_code == 200, response.content
    draft_need.refresh_from_db()
    assert draft_need.title == "Fewer falls, day and night"
    assert list(draft_need.technology_types.all()) == [tech]
    assert draft_need.summary == f.NeedFactory._meta.declarations["summary"]  # untouched
    assert response.json()["title"] == "Fewer falls, day and night"


@pytest.mark.parametrize("who", ["outsider", "company_owner", "coordinator", "foreign_owner"])
def test_edit_by_others_is_a_404_and_changes_nothing(api, who, draft_need):
    before = snapshot(draft_need)
    response = api(who).patch(url("detail", draft_need), {"title": "Hijacked"}, format="json")
    assert response.status_code == 404
    assert snapshot(draft_need) == before


def test_edit_another_hospitals_draft_is_a_404(api, owner, foreign_draft):
    before = snapshot(foreign_draft)
    response = api("owner").patch(url("detail", foreign_draft), {"title": "Ours"}, format="json")
    assert response.status_code == 404
    assert snapshot(foreign_draft) == before


def test_edit_of_a_published_need_is_refused_as_on_the_page(api, published_need):
    before = snapshot(published_need)
    response = api("owner").patch(url("detail", published_need), {"title": "New"}, format="json")
    assert response.status_code == 400
    assert "Only drafts can be edited" in response.json()["non_field_errors"][0]
    assert snapshot(published_need) == before


def test_edit_bad_input_is_a_400_and_changes_nothing(api, draft_need):
    before = snapshot(draft_need)
    response = api("owner").patch(url("detail", draft_need), {"language": "xx"}, format="json")
    assert response.status_code == 400 and "language" in response.json()
    assert snapshot(draft_need) == before


def test_edit_with_a_past_deadline_asks_for_a_new_one(api, draft_need):
    Need.objects.filter(pk=draft_need.pk).update(
        response_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = api("owner")
    response = client.patch(url("detail", draft_need), {"title": "New"}, format="json")
    assert response.status_code == 400 and "response_deadline" in response.json()
    response = client.patch(
        url("detail", draft_need), {"title": "New", "response_deadline": None}, format="json"
    )
    assert response.status_code == 200
    draft_need.refresh_from_db()
    assert (draft_need.title, draft_need.response_deadline) == ("New", None)


# --- Submit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_submit_by_members_tells_the_coordinators(api, who, draft_need, coordinator, request):
    response = api(who).post(url("submit", draft_need))
    assert response.status_code == 200, response.content
    draft_need.refresh_from_db()
    assert draft_need.status == Need.Status.SUBMITTED and draft_need.submitted_at
    change = NeedStatusChange.objects.filter(need=draft_need).latest("pk")
    user = request.getfixturevalue(who)
    assert (change.from_status, change.to_status, change.actor) == ("draft", "submitted", user)
    mail = OutboxMessage.objects.get(kind="need_submitted")
    assert mail.to_email == coordinator.email
    assert draft_need.title in mail.text and draft_need.title in mail.html
    assert response.json()["status"] == "submitted"


@pytest.mark.parametrize("who", ["outsider", "company_owner", "coordinator", "foreign_owner"])
def test_submit_by_others_is_a_404_and_changes_nothing(api, who, draft_need):
    before = snapshot(draft_need)
    assert api(who).post(url("submit", draft_need)).status_code == 404
    assert snapshot(draft_need) == before
    assert not OutboxMessage.objects.exists()


def test_submit_another_hospitals_draft_is_a_404(api, owner, foreign_draft):
    assert api("owner").post(url("submit", foreign_draft)).status_code == 404
    assert Need.objects.get(pk=foreign_draft.pk).status == Need.Status.DRAFT


def test_submit_of_an_unverified_hospital_is_refused(api, owner, draft_need, buyer_org):
    buyer_org.verified_at = None
    buyer_org.save()
    response = api("owner").post(url("submit", draft_need))
    assert response.status_code == 400
    assert "not verified" in response.json()["non_field_errors"][0]
    assert Need.objects.get(pk=draft_need.pk).status == Need.Status.DRAFT


def test_submit_twice_is_refused(api, submitted_need, owner):
    response = api("owner").post(url("submit", submitted_need))
    assert response.status_code == 400
    assert "cannot be submitted" in response.json()["non_field_errors"][0]


# --- Close ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member", "coordinator"])
def test_close_by_owners_and_coordinators(api, who, published_need, request):
    response = api(who).post(url("close", published_need), {"comment": "Found one."})
    assert response.status_code == 200, response.content
    published_need.refresh_from_db()
    assert published_need.status == Need.Status.CLOSED and published_need.closed_at
    change = NeedStatusChange.objects.filter(need=published_need).latest("pk")
    assert (change.to_status, change.comment) == ("closed", "Found one.")
    assert change.actor == request.getfixturevalue(who)
    assert response.json()["status"] == "closed"


@pytest.mark.parametrize("who", ["outsider", "company_owner", "foreign_owner", None])
def test_close_by_others_is_refused_and_changes_nothing(api, who, published_need):
    before = snapshot(published_need)
    response = api(who).post(url("close", published_need))
    assert response.status_code in ((404,) if who else (401, 403))
    assert snapshot(published_need) == before


def test_close_another_hospitals_need_is_a_404(api, owner, foreign_published):
    assert api("owner").post(url("close", foreign_published)).status_code == 404
    assert Need.objects.get(pk=foreign_published.pk).status == Need.Status.PUBLISHED


def test_close_a_draft_is_refused_and_a_long_comment_named(api, draft_need, published_need):
    response = api("owner").post(url("close", draft_need))
    assert response.status_code == 400 and "non_field_errors" in response.json()
    response = api("owner").post(url("close", published_need), {"comment": "x" * 2001})
    assert response.status_code == 400 and "comment" in response.json()
    assert Need.objects.get(pk=published_need.pk).status == Need.Status.PUBLISHED


# --- Attachments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("owner", 200),
        ("member", 200),
        ("coordinator", 200),
        ("outsider", 200),
        ("loner", 404),
        (None, 404),
    ],
)
def test_attachments_for_who_may_read_the_details(api, who, code, published_need, attachment_on):
    attachment = attachment_on(published_need, name="pilot plan.pdf")
    response = api(who).get(url("attachments", published_need))
    assert response.status_code == code
    if code == 200:
        [item] = response.json()
        assert item["id"] == attachment.pk
        assert item["name"] == "pilot plan.pdf"
        assert item["size"] == len(PDF_BYTES)
        assert item["content_type"] == "application/pdf"
        download = reverse("needs:attachment_download", args=[published_need.pk, attachment.pk])
        assert item["download_url"] == f"http://testserver{download}"


def test_attachments_download_url_is_the_sites_download(
    client, owner, published_need, attachment_on
):
    attachment_on(published_need)
    client.force_login(owner)
    [item] = client.get(url("attachments", published_need)).json()
    response = client.get(item["download_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_attachments_of_a_confidential_need(api, confidential_need, attachment_on, company_org):
    attachment_on(confidential_need, name="tender-plan.pdf")
    response = api("outsider").get(url("attachments", confidential_need))
    assert response.status_code == 404
    assert not NeedDetailView.objects.exists()
    f.NeedInvitationFactory(need=confidential_need, organisation=company_org)
    response = api("company_member").get(url("attachments", confidential_need))
    assert [a["name"] for a in response.json()] == ["tender-plan.pdf"]
    assert NeedDetailView.objects.filter(need=confidential_need).count() == 1


def test_attachments_of_another_hospitals_draft_is_a_404(api, owner, foreign_draft):
    assert api("owner").get(url("attachments", foreign_draft)).status_code == 404
