"""The lifecycle of a need through needs.services: every move, the refused ones, the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from needs import services
from needs.models import Need, NeedInvitation, NeedStatusChange
from tests import factories as f
from tests.needs.conftest import in_days, pdf_upload

pytestmark = pytest.mark.django_db

Status = Need.Status

VALID_DATA = {
    "title": "Earlier warning of delirium",
    "summary": "Spot delirium in older patients earlier.",
    "description": "Night staff notice confusion late; we want earlier signals.",
}


def history(need):
    return list(
        NeedStatusChange.objects.filter(need=need).values_list(
            "from_status", "to_status", "actor_id", "comment"
        )
    )


def test_create_need_makes_draft_in_organisation_hub(buyer_org, owner):
    area = f.ClinicalAreaFactory()
    need = services.create_need(
        organisation=buyer_org,
        actor=owner,
        data={**VALID_DATA, "response_deadline": in_days(30)},
        m2m={"clinical_areas": [area]},
    )
    assert need.status == Status.DRAFT
    assert need.hub == buyer_org.hub
    assert need.created_by == owner
    assert list(need.clinical_areas.all()) == [area]
    assert history(need) == [("", "draft", owner.pk, "")]


def test_create_need_refuses_company_organisation(company_org, company_owner):
    with pytest.raises(ValidationError):
        services.create_need(organisation=company_org, actor=company_owner, data=VALID_DATA, m2m={})
    assert not Need.objects.exists()


def test_create_need_refuses_non_member(buyer_org, outsider):
    with pytest.raises(PermissionDenied):
        services.create_need(organisation=buyer_org, actor=outsider, data=VALID_DATA, m2m={})


def test_create_need_refuses_pending_member(buyer_org):
    pending = f.MembershipFactory(organisation=buyer_org, status="pending").user
    with pytest.raises(PermissionDenied):
        services.create_need(organisation=buyer_org, actor=pending, data=VALID_DATA, m2m={})


def test_create_need_rejects_over_long_title_without_writing(buyer_org, owner):
    with pytest.raises(ValidationError) as error:
        services.create_need(
            organisation=buyer_org, actor=owner, data={**VALID_DATA, "title": "x" * 201}, m2m={}
        )
    assert "title" in error.value.message_dict
    assert not Need.objects.exists()
    assert not NeedStatusChange.objects.exists()


def test_create_need_allowed_for_unverified_organisation(hub):
    org = f.OrganisationFactory(unverified=True, hub=hub)
    user = f.MembershipFactory(organisation=org).user
    need = services.create_need(organisation=org, actor=user, data=VALID_DATA, m2m={})
    assert need.status == Status.DRAFT


def test_update_need_changes_draft(draft_need, member):
    tech = f.TechnologyTypeFactory()
    services.update_need(
        draft_need, actor=member, data={"title": "New title"}, m2m={"technology_types": [tech]}
    )
    draft_need.refresh_from_db()
    assert draft_need.title == "New title"
    assert list(draft_need.technology_types.all()) == [tech]


def test_update_need_refuses_published(published_need, owner):
    with pytest.raises(ValidationError):
        services.update_need(published_need, actor=owner, data={"title": "Changed"}, m2m={})
    published_need.refresh_from_db()
    assert published_need.title != "Changed"


def test_update_need_refuses_outsider(draft_need, outsider):
    with pytest.raises(PermissionDenied):
        services.update_need(draft_need, actor=outsider, data={"title": "Hacked"}, m2m={})


def test_update_need_refuses_unknown_field(draft_need, owner):
    with pytest.raises(ValueError):
        services.update_need(draft_need, actor=owner, data={"status": "published"}, m2m={})


def test_submit_need_moves_draft_to_submitted(draft_need, member):
    services.submit_need(draft_need, actor=member)
    assert draft_need.status == Status.SUBMITTED
    draft_need.refresh_from_db()
    assert draft_need.status == Status.SUBMITTED
    assert draft_need.submitted_at is not None
    assert history(draft_need)[-1] == ("draft", "submitted", member.pk, "")


def test_submit_need_refused_for_unverified_organisation(hub):
    org = f.OrganisationFactory(unverified=True, hub=hub)
    user = f.MembershipFactory(organisation=org).user
    need = f.NeedFactory(organisation=org)
    with pytest.raises(ValidationError) as error:
        services.submit_need(need, actor=user)
    assert "coordinator must verify" in error.value.messages[0]
    need.refresh_from_db()
    assert need.status == Status.DRAFT
    assert not NeedStatusChange.objects.filter(need=need).exists()


def test_submit_need_refused_twice(submitted_need, owner):
    with pytest.raises(ValidationError):
        services.submit_need(submitted_need, actor=owner)


def test_submit_need_refused_for_coordinator_and_outsider(draft_need, coordinator, outsider):
    for actor in (coordinator, outsider):
        with pytest.raises(PermissionDenied):
            services.submit_need(draft_need, actor=actor)


def test_publish_need_by_coordinator(submitted_need, coordinator):
    services.publish_need(submitted_need, actor=coordinator)
    submitted_need.refresh_from_db()
    assert submitted_need.status == Status.PUBLISHED
    assert submitted_need.published_at is not None
    assert history(submitted_need)[-1] == ("submitted", "published", coordinator.pk, "")


def test_publish_need_refuses_draft_and_closed(draft_need, buyer_org, coordinator):
    closed = f.NeedFactory(organisation=buyer_org, status=Status.CLOSED)
    for need in (draft_need, closed):
        with pytest.raises(ValidationError):
            services.publish_need(need, actor=coordinator)
    draft_need.refresh_from_db()
    assert draft_need.status == Status.DRAFT


def test_publish_need_refuses_owner_and_other_hub_coordinator(submitted_need, owner, other_hub):
    other = f.UserFactory(is_staff=True)
    other_hub.coordinators.add(other)
    for actor in (owner, other):
        with pytest.raises(PermissionDenied):
            services.publish_need(submitted_need, actor=actor)


def test_publish_need_refuses_unverified_organisation(submitted_need, coordinator):
    submitted_need.organisation.verified_at = None
    submitted_need.organisation.save()
    with pytest.raises(ValidationError):
        services.publish_need(submitted_need, actor=coordinator)


def test_superuser_can_publish(submitted_need, superuser):
    services.publish_need(submitted_need, actor=superuser)
    assert submitted_need.status == Status.PUBLISHED


@pytest.mark.parametrize("fixture", ["submitted_need", "published_need"])
def test_return_need_to_draft_with_comment(request, fixture, coordinator):
    need = request.getfixturevalue(fixture)
    previous = need.status
    services.return_need(need, actor=coordinator, comment="Remove the ward names, please.")
    need.refresh_from_db()
    assert need.status == Status.DRAFT
    assert need.coordinator_comment == "Remove the ward names, please."
    assert need.published_at is None
    assert history(need)[-1] == (
        previous,
        "draft",
        coordinator.pk,
        "Remove the ward names, please.",
    )


def test_return_need_requires_comment(submitted_need, coordinator):
    with pytest.raises(ValidationError):
        services.return_need(submitted_need, actor=coordinator, comment="   ")
    submitted_need.refresh_from_db()
    assert submitted_need.status == Status.SUBMITTED


def test_return_need_refuses_draft(draft_need, coordinator):
    with pytest.raises(ValidationError):
        services.return_need(draft_need, actor=coordinator, comment="Why?")


def test_return_need_refuses_owner(submitted_need, owner):
    with pytest.raises(PermissionDenied):
        services.return_need(submitted_need, actor=owner, comment="Self-return")


def test_publish_after_return_clears_comment(submitted_need, coordinator, owner):
    services.return_need(submitted_need, actor=coordinator, comment="Shorten the summary.")
    services.submit_need(submitted_need, actor=owner)
    services.publish_need(submitted_need, actor=coordinator)
    submitted_need.refresh_from_db()
    assert submitted_need.coordinator_comment == ""
    assert [row[:2] for row in history(submitted_need)] == [
        ("submitted", "draft"),
        ("draft", "submitted"),
        ("submitted", "published"),
    ]


@pytest.mark.parametrize("actor_fixture", ["owner", "member", "coordinator"])
def test_close_need_by_owner_member_or_coordinator(request, published_need, actor_fixture):
    actor = request.getfixturevalue(actor_fixture)
    services.close_need(published_need, actor=actor, comment="Solved internally")
    published_need.refresh_from_db()
    assert published_need.status == Status.CLOSED
    assert published_need.closed_at is not None
    assert history(published_need)[-1] == ("published", "closed", actor.pk, "Solved internally")


def test_close_need_refuses_outsider(published_need, outsider, company_owner):
    for actor in (outsider, company_owner):
        with pytest.raises(PermissionDenied):
            services.close_need(published_need, actor=actor)
    published_need.refresh_from_db()
    assert published_need.status == Status.PUBLISHED


def test_close_need_refuses_draft_and_closed(draft_need, published_need, owner):
    services.close_need(published_need, actor=owner)
    for need in (draft_need, published_need):
        with pytest.raises(ValidationError):
            services.close_need(need, actor=owner)
    assert NeedStatusChange.objects.filter(need=published_need, to_status="closed").count() == 1


def test_stale_copy_cannot_skip_a_state(draft_need, owner, coordinator):
    stale = Need.objects.get(pk=draft_need.pk)
    services.submit_need(draft_need, actor=owner)
    services.publish_need(draft_need, actor=coordinator)
    with pytest.raises(ValidationError):
        services.submit_need(stale, actor=owner)


# --- Invitations ---------------------------------------------------------------------------


def test_invite_company_to_confidential_need(confidential_need, owner, company_org):
    invitation = services.invite_company(confidential_need, organisation=company_org, actor=owner)
    assert invitation.invited_by == owner
    again = services.invite_company(confidential_need, organisation=company_org, actor=owner)
    assert again.pk == invitation.pk
    assert NeedInvitation.objects.count() == 1
    assert "Invited CareSense ApS" in history(confidential_need)[-1][3]


def test_invite_company_refuses_buyer_unverified_and_open_need(
    confidential_need, published_need, owner, buyer_org, company_org, hub
):
    unverified = f.OrganisationFactory(company=True, unverified=True, hub=hub)
    for need, org in (
        (confidential_need, buyer_org),
        (confidential_need, unverified),
        (published_need, company_org),
    ):
        with pytest.raises(ValidationError):
            services.invite_company(need, organisation=org, actor=owner)
    assert not NeedInvitation.objects.exists()


def test_invite_company_refuses_outsider(confidential_need, outsider, company_org):
    with pytest.raises(PermissionDenied):
        services.invite_company(confidential_need, organisation=company_org, actor=outsider)


def test_coordinator_can_invite_and_revoke(confidential_need, coordinator, company_org):
    services.invite_company(confidential_need, organisation=company_org, actor=coordinator)
    assert services.revoke_invitation(
        confidential_need, organisation=company_org, actor=coordinator
    )
    assert not NeedInvitation.objects.exists()
    assert not services.revoke_invitation(
        confidential_need, organisation=company_org, actor=coordinator
    )


# --- Attachments ---------------------------------------------------------------------------


def test_add_attachment_stores_file(draft_need, owner):
    attachment = services.add_attachment(draft_need, upload=pdf_upload(), actor=owner)
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "plan.pdf"
    assert attachment.file.storage.exists(attachment.file.name)


def test_add_attachment_limit(draft_need, owner, settings):
    settings.ATTACHMENTS_PER_ITEM = 2
    services.add_attachment(draft_need, upload=pdf_upload("a.pdf"), actor=owner)
    services.add_attachment(draft_need, upload=pdf_upload("b.pdf"), actor=owner)
    with pytest.raises(ValidationError):
        services.add_attachment(draft_need, upload=pdf_upload("c.pdf"), actor=owner)
    assert draft_need.attachments.count() == 2


def test_add_attachment_refused_on_published_for_owner_but_not_coordinator(
    published_need, owner, coordinator
):
    with pytest.raises(ValidationError):
        services.add_attachment(published_need, upload=pdf_upload(), actor=owner)
    services.add_attachment(published_need, upload=pdf_upload(), actor=coordinator)
    assert published_need.attachments.count() == 1


def test_add_attachment_refuses_outsider(draft_need, outsider):
    with pytest.raises(PermissionDenied):
        services.add_attachment(draft_need, upload=pdf_upload(), actor=outsider)


def test_delete_attachment_removes_row_and_file(
    draft_need, owner, django_capture_on_commit_callbacks
):
    attachment = services.add_attachment(draft_need, upload=pdf_upload(), actor=owner)
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment, actor=owner)
    assert not draft_need.attachments.exists()
    assert not storage.exists(name)
