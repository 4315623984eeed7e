"""The need actions of the coordination admin: publish, return with a comment, close, and
invitations saved through the services."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from needs.models import Need, NeedInvitation, NeedStatusChange
from tests import factories as f
from tests.admin_forms import add_inline_row, change_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:needs_need_changelist"


def run_action(client, action, needs, **extra):
    data = {"action": action, "_selected_action": [n.pk for n in needs], "index": "0", **extra}
    return client.post(reverse(CHANGELIST), data)


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publish_action_publishes_and_records_history(
    coordinator_client, coordinator, buyer_org, owner, django_capture_on_commit_callbacks
):
    first = f.NeedFactory(organisation=buyer_org, submitted=True)
    second = f.NeedFactory(organisation=buyer_org, submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(coordinator_client, "publish_selected", [first, second])
    assert response.status_code == 302
    assert "2 needs published." in texts(response)
    for need in (first, second):
        need.refresh_from_db()
        assert need.status == Need.Status.PUBLISHED
        assert need.published_at is not None
        change = NeedStatusChange.objects.filter(need=need).latest("pk")
        assert (change.from_status, change.to_status) == ("submitted", "published")
        assert change.actor == coordinator
    # The owning organisation hears about it.
    assert {m.to[0] for m in mail.outbox} == {owner.email}


def test_publish_action_reports_the_reason_of_a_failure(coordinator_client, buyer_org):
    ready = f.NeedFactory(organisation=buyer_org, submitted=True)
    draft = f.NeedFactory(organisation=buyer_org, title="Still a draft")
    response = run_action(coordinator_client, "publish_selected", [ready, draft])
    messages = texts(response)
    assert "1 need published." in messages
    assert "“Still a draft” was not published: A need that is “Draft” cannot be published." in (
        messages
    )
    draft.refresh_from_db()
    assert draft.status == Need.Status.DRAFT
    assert not NeedStatusChange.objects.filter(need=draft, to_status="published").exists()


def test_publish_action_refuses_needs_of_unverified_organisations(coordinator_client, hub):
    org = f.OrganisationFactory(
        name="New Municipality", kind="municipality", hub=hub, unverified=True
    )
    need = f.NeedFactory(organisation=org, submitted=True, title="Unverified need")
    response = run_action(coordinator_client, "publish_selected", [need])
    assert any("New Municipality is not verified" in m for m in texts(response))
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED


def test_publish_action_ignores_needs_of_other_hubs(coordinator_client, foreign_need):
    response = run_action(coordinator_client, "publish_selected", [foreign_need])
    assert response.status_code == 302
    foreign_need.refresh_from_db()
    assert foreign_need.status == Need.Status.SUBMITTED


def test_return_action_first_asks_for_a_comment(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, submitted=True, title="Needs more detail")
    response = run_action(coordinator_client, "return_to_draft", [need])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Needs more detail" in page
    assert 'name="comment"' in page
    # The intermediate page's frame (admin/action_page.html) and apply row (_action_apply.html)
    assert "&rsaquo; Return to draft with a comment" in page
    assert f'name="_selected_action" value="{need.pk}"' in page
    assert '<input type="hidden" name="action" value="return_to_draft">' in page
    assert '<input type="submit" value="Return to draft">' in page
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED


def test_return_action_requires_a_comment(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, submitted=True)
    response = coordinator_client.post(
        reverse(CHANGELIST),
        {"action": "return_to_draft", "_selected_action": [need.pk], "apply": "1", "comment": " "},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["comment"] == ["This field is required."]
    assert "This field is required." in response.content.decode()
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED


def test_return_action_with_comment_sets_draft_and_comment(
    coordinator_client, coordinator, buyer_org, owner, django_capture_on_commit_callbacks
):
    needs = [f.NeedFactory(organisation=buyer_org, submitted=True) for _ in range(2)]
    comment = "Please describe the current care pathway."
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse(CHANGELIST),
            {
                "action": "return_to_draft",
                "_selected_action": [n.pk for n in needs],
                "apply": "1",
                "comment": comment,
            },
        )
    assert response.status_code == 302
    assert response.url == reverse(CHANGELIST)
    assert "2 needs returned to draft with your comment." in texts(response)
    for need in needs:
        need.refresh_from_db()
        assert need.status == Need.Status.DRAFT
        assert need.coordinator_comment == comment
        change = need.status_changes.latest("pk")
        assert (change.to_status, change.comment, change.actor) == ("draft", comment, coordinator)
    assert len(mail.outbox) == 2
    assert all(m.to == [owner.email] and comment in m.body for m in mail.outbox)


def test_close_action_closes_published_needs(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, published=True)
    draft = f.NeedFactory(organisation=buyer_org, title="A draft")
    response = run_action(coordinator_client, "close_selected", [need, draft])
    assert "1 need closed." in texts(response)
    assert any(m.startswith("“A draft” was not closed:") for m in texts(response))
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED
    assert need.status_changes.latest("pk").to_status == "closed"


def test_coordinator_edits_a_draft_through_the_service(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org)
    area = f.ClinicalAreaFactory()
    url = reverse("admin:needs_need_change", args=[need.pk])
    response = coordinator_client.get(url)
    fields = response.context["adminform"].form.fields
    assert "status" not in fields and "organisation" not in fields
    data = change_form_data(response)
    data.update({"status": "published", "title": "Sharper title", "clinical_areas": [area.pk]})
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Sharper title"
    assert list(need.clinical_areas.all()) == [area]
    assert need.status == Need.Status.DRAFT


def test_submitted_need_content_is_read_only(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, submitted=True)
    url = reverse("admin:needs_need_change", args=[need.pk])
    response = coordinator_client.get(url)
    assert "title" not in response.context["adminform"].form.fields
    data = change_form_data(response)
    data["title"] = "Changed behind the owners' backs"
    coordinator_client.post(url, data)
    need.refresh_from_db()
    assert need.title != "Changed behind the owners' backs"


def test_need_submitted_while_the_coordinator_edits_is_not_overwritten(
    coordinator_client, buyer_org
):
    need = f.NeedFactory(organisation=buyer_org)
    url = reverse("admin:needs_need_change", args=[need.pk])
    data = change_form_data(coordinator_client.get(url))
    Need.objects.filter(pk=need.pk).update(status=Need.Status.SUBMITTED)
    data["title"] = "Too late"
    coordinator_client.post(url, data)
    need.refresh_from_db()
    assert need.title != "Too late"


def test_need_change_page_shows_history_read_only(coordinator_client, buyer_org, owner):
    need = f.NeedFactory(organisation=buyer_org, submitted=True)
    NeedStatusChange.objects.create(
        need=need, from_status="draft", to_status="submitted", actor=owner, comment="Ready"
    )
    response = coordinator_client.get(reverse("admin:needs_need_change", args=[need.pk]))
    history = [
        i for i in response.context["inline_admin_formsets"] if i.formset.model is NeedStatusChange
    ][0]
    assert not history.has_add_permission
    assert not history.has_change_permission
    assert "Ready" in response.content.decode()


def test_invitation_inline_invites_through_the_service(
    coordinator_client, coordinator, buyer_org, company_org
):
    need = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=True)
    url = reverse("admin:needs_need_change", args=[need.pk])
    data = change_form_data(coordinator_client.get(url))
    add_inline_row(data, "invitations", {"organisation": company_org.pk})
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    invitation = NeedInvitation.objects.get(need=need)
    assert invitation.organisation == company_org
    assert invitation.invited_by == coordinator
    assert need.status_changes.filter(comment__contains=company_org.name).exists()


def test_invitation_inline_reports_a_refusal(coordinator_client, buyer_org, company_org):
    need = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=False)
    url = reverse("admin:needs_need_change", args=[need.pk])
    data = change_form_data(coordinator_client.get(url))
    add_inline_row(data, "invitations", {"organisation": company_org.pk})
    response = coordinator_client.post(url, data)
    assert any("Only confidential needs take invitations" in m for m in texts(response))
    assert not NeedInvitation.objects.filter(need=need).exists()


def test_invitation_inline_offers_only_verified_companies_of_the_hub(
    coordinator_client, hub, buyer_org, company_org, foreign_company
):
    f.OrganisationFactory(name="Unverified ApS", company=True, hub=hub, unverified=True)
    need = f.NeedFactory(organisation=buyer_org, is_confidential=True)
    response = coordinator_client.get(reverse("admin:needs_need_change", args=[need.pk]))
    invitations = [
        i for i in response.context["inline_admin_formsets"] if i.formset.model is NeedInvitation
    ][0]
    choices = invitations.formset.empty_form.fields["organisation"].queryset
    assert list(choices) == [company_org]


def test_invitation_inline_revokes_through_the_service(coordinator_client, buyer_org, company_org):
    need = f.NeedFactory(organisation=buyer_org, published=True, is_confidential=True)
    f.NeedInvitationFactory(need=need, organisation=company_org)
    url = reverse("admin:needs_need_change", args=[need.pk])
    data = change_form_data(coordinator_client.get(url))
    data["invitations-0-DELETE"] = "on"
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert not NeedInvitation.objects.filter(need=need).exists()
    assert need.status_changes.filter(comment__startswith="Withdrew the invitation").exists()
