"""Every need page with the anonymous visitor, the owner, a member, an outsider and a
coordinator."""

import pytest
from django.test import Client
from django.urls import reverse

from needs import services
from needs.models import Need, NeedAttachment, NeedInvitation
from tests import factories as f
from tests.needs.conftest import PDF_BYTES, in_days, pdf_upload
from tests.once import once

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def url(name, need, *args):
    return reverse(f"needs:{name}", args=[need.pk, *args])


# --- Detail --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("outsider", 404),
        ("company_owner", 404),
        ("owner", 200),
        ("member", 200),
        ("coordinator", 200),
    ],
)
def test_draft_detail_only_for_owners_and_coordinators(request, client, draft_need, who, status):
    user = request.getfixturevalue(who) if who else None
    response = as_user(client, user).get(url("detail", draft_need))
    assert response.status_code == status


def test_draft_detail_hidden_from_other_hub_coordinator(client, draft_need, other_hub):
    other = f.UserFactory(is_staff=True)
    other_hub.coordinators.add(other)
    assert as_user(client, other).get(url("detail", draft_need)).status_code == 404


def test_submitted_detail_hidden_from_outsider(client, submitted_need, outsider):
    assert as_user(client, outsider).get(url("detail", submitted_need)).status_code == 404


def test_detail_owner_sees_status_history_and_actions(client, buyer_org, owner):
    draft_need = services.create_need(
        organisation=buyer_org,
        actor=owner,
        data={"title": "Night falls", "summary": "Teaser", "description": "The whole story"},
        m2m={},
    )
    response = as_user(client, owner).get(url("detail", draft_need))
    html = response.content.decode()
    assert 'class="badge draft"' in html
    assert "Created as draft" in html
    assert "by <bdi>Olivia Owner</bdi>" in html
    assert url("edit", draft_need) in html
    assert url("submit", draft_need) in html
    assert draft_need.description in html


def test_detail_shows_coordinator_comment_to_owner(client, draft_need, owner):
    draft_need.coordinator_comment = "Please drop the ward names."
    draft_need.save()
    html = as_user(client, owner).get(url("detail", draft_need)).content.decode()
    assert "Please drop the ward names." in html


def test_detail_published_anonymous_sees_teaser_and_login_notice(client, published_need):
    html = client.get(url("detail", published_need)).content.decode()
    assert published_need.title in html
    assert published_need.summary in html
    assert published_need.description not in html
    assert "Log in as a member of a verified organisation" in html


def test_detail_published_verified_outsider_sees_details(client, published_need, outsider):
    html = as_user(client, outsider).get(url("detail", published_need)).content.decode()
    assert published_need.description in html
    assert "History" not in html
    assert url("edit", published_need) not in html


def test_detail_published_unverified_member_told_to_get_verified(client, published_need, hub):
    org = f.OrganisationFactory(company=True, unverified=True, hub=hub)
    user = f.MembershipFactory(organisation=org).user
    html = as_user(client, user).get(url("detail", published_need)).content.decode()
    assert published_need.description not in html
    assert "Your organisation is not verified yet" in html


def test_detail_published_user_without_organisation_told_to_join(client, published_need):
    html = as_user(client, f.UserFactory()).get(url("detail", published_need)).content.decode()
    assert published_need.description not in html
    assert "Join or register your organisation" in html


def test_detail_missing_need_is_404(client):
    assert client.get("/needs/999999/").status_code == 404


# --- Create --------------------------------------------------------------------------------


def test_create_requires_login(client):
    response = client.get(reverse("needs:create"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("who", ["company_owner", "outsider"])
def test_create_explains_when_not_a_buyer_member(request, client, who):
    response = as_user(client, request.getfixturevalue(who)).get(reverse("needs:create"))
    assert response.status_code == 403
    assert "hospitals, regions and municipalities" in response.content.decode()


def test_create_explains_for_pending_membership(client, buyer_org):
    pending = f.MembershipFactory(organisation=buyer_org, status="pending").user
    assert as_user(client, pending).get(reverse("needs:create")).status_code == 403


def test_create_form_shows_patient_data_warning_without_org_chooser(client, owner):
    html = as_user(client, owner).get(reverse("needs:create")).content.decode()
    assert 'class="patient-data-warning"' in html
    assert "Never enter patient data" in html
    assert 'name="organisation"' not in html
    assert 'name="technology_types"' in html
    assert 'type="date"' in html


def test_create_form_offers_org_chooser_with_several_buyer_orgs(
    client, owner, hub, buyer_org, company_org
):
    second = f.OrganisationFactory(name="Aarhus Municipality", kind="municipality", hub=hub)
    f.MembershipFactory(user=owner, organisation=second)
    f.MembershipFactory(user=owner, organisation=company_org)
    response = as_user(client, owner).get(reverse("needs:create"))
    choices = response.context["form"].fields["organisation"].queryset
    assert set(choices) == {buyer_org, second}
    assert 'name="organisation"' in response.content.decode()


def test_create_posts_a_draft(client, member, buyer_org):
    tech = f.TechnologyTypeFactory()
    response = as_user(client, member).post(
        reverse("needs:create"),
        once(
            client,
            {
                "title": "Shorter waits in the emergency department",
                "summary": "Patients wait hours for triage.",
                "description": "Describe the flow without patient data.",
                "technology_types": [tech.pk],
                "budget_band": "unknown",
                "route": "pilot",
                "language": "en",
                "response_deadline": in_days(10).isoformat(),
            },
        ),
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", need)
    assert need.organisation == buyer_org
    assert need.status == Need.Status.DRAFT
    assert list(need.technology_types.all()) == [tech]


def test_create_with_chosen_organisation(client, owner, hub):
    second = f.OrganisationFactory(name="Aarhus Municipality", kind="municipality", hub=hub)
    f.MembershipFactory(user=owner, organisation=second)
    as_user(client, owner).post(
        reverse("needs:create"),
        once(
            client,
            {
                "organisation": second.pk,
                "title": "Home care routes",
                "summary": "Plan routes better.",
                "description": "Routes are planned by hand.",
                "budget_band": "unknown",
                "route": "pilot",
                "language": "da",
            },
        ),
    )
    assert Need.objects.get().organisation == second


def test_create_refuses_foreign_organisation_choice(client, owner, hub, company_org):
    second = f.OrganisationFactory(name="Aarhus Municipality", kind="municipality", hub=hub)
    f.MembershipFactory(user=owner, organisation=second)
    foreign = f.OrganisationFactory(kind="region", hub=hub)
    response = as_user(client, owner).post(
        reverse("needs:create"),
        once(
            client,
            {
                "organisation": foreign.pk,
                "title": "x",
                "summary": "y",
                "description": "z",
                "budget_band": "unknown",
                "route": "pilot",
                "language": "en",
            },
        ),
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Need.objects.exists()


# --- Edit ----------------------------------------------------------------------------------


def test_edit_requires_login(client, draft_need):
    response = client.get(url("edit", draft_need))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 200), ("outsider", 404), ("coordinator", 404)],
)
def test_edit_access(request, client, draft_need, who, status):
    response = as_user(client, request.getfixturevalue(who)).get(url("edit", draft_need))
    assert response.status_code == status


def test_edit_saves_changes(client, draft_need, member):
    response = as_user(client, member).post(
        url("edit", draft_need),
        {
            "title": "Fewer falls at night, revised",
            "summary": draft_need.summary,
            "description": draft_need.description,
            "budget_band": "lt50k",
            "route": "pcp",
            "language": "en",
            "is_confidential": "on",
        },
    )
    assert response.status_code == 302
    draft_need.refresh_from_db()
    assert draft_need.title == "Fewer falls at night, revised"
    assert draft_need.route == "pcp"
    assert draft_need.is_confidential


def test_edit_published_need_redirects_with_message(client, published_need, owner):
    response = as_user(client, owner).get(url("edit", published_need), follow=True)
    assert response.redirect_chain[-1][0] == url("detail", published_need)
    assert "Only drafts can be edited" in response.content.decode()


def test_edit_post_on_published_changes_nothing(client, published_need, owner):
    as_user(client, owner).post(url("edit", published_need), {"title": "Sneaky"})
    published_need.refresh_from_db()
    assert published_need.title != "Sneaky"


# --- Submit, close -------------------------------------------------------------------------


def test_submit_is_post_only(client, draft_need, owner):
    assert as_user(client, owner).get(url("submit", draft_need)).status_code == 405


def test_submit_requires_login(client, draft_need):
    response = client.post(url("submit", draft_need))
    assert response["Location"].startswith(LOGIN)
    draft_need.refresh_from_db()
    assert draft_need.status == Need.Status.DRAFT


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("owner", 302, "submitted"),
        ("member", 302, "submitted"),
        ("outsider", 404, "draft"),
        ("coordinator", 404, "draft"),
    ],
)
def test_submit_access(request, client, draft_need, who, status, expected):
    response = as_user(client, request.getfixturevalue(who)).post(url("submit", draft_need))
    assert response.status_code == status
    draft_need.refresh_from_db()
    assert draft_need.status == expected


def test_submit_unverified_shows_explanation(client, hub):
    org = f.OrganisationFactory(unverified=True, hub=hub)
    user = f.MembershipFactory(organisation=org).user
    need = f.NeedFactory(organisation=org)
    response = as_user(client, user).post(url("submit", need), follow=True)
    assert "coordinator must verify the organisation" in response.content.decode()
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT


def test_submit_needs_csrf_token(draft_need, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url("submit", draft_need)).status_code == 403
    draft_need.refresh_from_db()
    assert draft_need.status == Need.Status.DRAFT


def test_close_is_post_only(client, published_need, owner):
    assert as_user(client, owner).get(url("close", published_need)).status_code == 405


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("owner", 302, "closed"),
        ("member", 302, "closed"),
        ("coordinator", 302, "closed"),
        ("outsider", 404, "published"),
        ("company_owner", 404, "published"),
    ],
)
def test_close_access(request, client, published_need, who, status, expected):
    user = request.getfixturevalue(who)
    response = as_user(client, user).post(url("close", published_need), {"comment": "Done"})
    assert response.status_code == status
    published_need.refresh_from_db()
    assert published_need.status == expected


def test_close_requires_login(client, published_need):
    assert client.post(url("close", published_need))["Location"].startswith(LOGIN)


def test_close_draft_shows_error(client, draft_need, owner):
    response = as_user(client, owner).post(url("close", draft_need), follow=True)
    assert "A need that is “Draft” cannot be closed." in response.content.decode()


# --- Attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("owner", 302), ("member", 302), ("outsider", 404)])
def test_attachment_upload_access(request, client, draft_need, who, status):
    user = request.getfixturevalue(who)
    response = as_user(client, user).post(
        url("attachment_upload", draft_need), once(client, {"file": pdf_upload()})
    )
    assert response.status_code == status
    assert NeedAttachment.objects.count() == (1 if status == 302 else 0)


def test_attachment_upload_requires_login_and_post(client, draft_need, owner):
    assert client.post(url("attachment_upload", draft_need))["Location"].startswith(LOGIN)
    assert as_user(client, owner).get(url("attachment_upload", draft_need)).status_code == 405


def test_attachment_upload_on_published_need_refused_for_owner(client, published_need, owner):
    response = as_user(client, owner).post(
        url("attachment_upload", published_need), once(client, {"file": pdf_upload()})
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "only be changed while the need is a draft" in page
    assert not NeedAttachment.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 404), ("owner", 200), ("member", 200), ("coordinator", 200), ("outsider", 404)],
)
def test_attachment_download_on_draft(request, client, draft_need, attachment_on, who, status):
    attachment = attachment_on(draft_need)
    user = request.getfixturevalue(who) if who else None
    response = as_user(client, user).get(url("attachment_download", draft_need, attachment.pk))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="plan.pdf"' in response["Content-Disposition"]


def test_attachment_download_published_for_verified_outsider(
    client, published_need, attachment_on, outsider
):
    attachment = attachment_on(published_need)
    response = as_user(client, outsider).get(
        url("attachment_download", published_need, attachment.pk)
    )
    assert response.status_code == 200


def test_attachment_download_wrong_need_is_404(
    client, published_need, draft_need, attachment_on, owner
):
    attachment = attachment_on(draft_need)
    response = as_user(client, owner).get(url("attachment_download", published_need, attachment.pk))
    assert response.status_code == 404


@pytest.mark.parametrize(("who", "status"), [("owner", 302), ("member", 302), ("outsider", 404)])
def test_attachment_delete_access(request, client, draft_need, attachment_on, who, status):
    attachment = attachment_on(draft_need)
    user = request.getfixturevalue(who)
    response = as_user(client, user).post(url("attachment_delete", draft_need, attachment.pk))
    assert response.status_code == status
    assert NeedAttachment.objects.filter(pk=attachment.pk).exists() == (status == 404)


def test_attachment_delete_is_post_only(client, draft_need, attachment_on, owner):
    attachment = attachment_on(draft_need)
    response = as_user(client, owner).get(url("attachment_delete", draft_need, attachment.pk))
    assert response.status_code == 405


# --- Invitations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("member", 200),
        ("coordinator", 200),
        ("outsider", 404),
        ("company_owner", 404),
    ],
)
def test_invitations_page_access(request, client, confidential_need, who, status):
    user = request.getfixturevalue(who)
    assert as_user(client, user).get(url("invitations", confidential_need)).status_code == status


def test_invitations_page_requires_login(client, confidential_need):
    response = client.get(url("invitations", confidential_need))
    assert response["Location"].startswith(LOGIN)


def test_invitations_search_finds_verified_companies(client, confidential_need, owner, hub):
    f.OrganisationFactory(name="CareSense Robotics", company=True, hub=hub)
    f.OrganisationFactory(name="CareSense Unverified", company=True, unverified=True, hub=hub)
    f.OrganisationFactory(name="CareSense Hospital", kind="hospital", hub=hub)
    response = as_user(client, owner).get(url("invitations", confidential_need), {"q": "caresense"})
    names = [org.name for org in response.context["results"]]
    assert names == ["CareSense Robotics"]


def test_invite_and_revoke_through_the_page(client, confidential_need, owner, company_org):
    as_user(client, owner)
    response = client.post(
        url("invitations", confidential_need),
        once(client, {"action": "invite", "organisation": company_org.pk}),
    )
    assert response.status_code == 302
    assert NeedInvitation.objects.filter(need=confidential_need, organisation=company_org).exists()
    page = client.get(url("invitations", confidential_need)).content.decode()
    assert "CareSense ApS" in page
    client.post(
        url("invitations", confidential_need),
        once(client, {"action": "revoke", "organisation": company_org.pk}),
    )
    assert not NeedInvitation.objects.exists()


def test_invite_through_page_refused_for_outsider(client, confidential_need, outsider, company_org):
    response = as_user(client, outsider).post(
        url("invitations", confidential_need),
        once(client, {"action": "invite", "organisation": company_org.pk}),
    )
    assert response.status_code == 404
    assert not NeedInvitation.objects.exists()


def test_invitations_page_for_open_need_redirects(client, published_need, owner):
    response = as_user(client, owner).get(url("invitations", published_need))
    assert response.status_code == 302
    assert response["Location"] == url("detail", published_need)


def test_invite_bad_organisation_id_is_not_500(client, confidential_need, owner):
    response = as_user(client, owner).post(
        url("invitations", confidential_need),
        once(client, {"action": "invite", "organisation": "abc"}),
    )
    assert response.status_code == 302
    assert not NeedInvitation.objects.exists()
