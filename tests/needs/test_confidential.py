"""A confidential need's description must not leak: not on its page, not in the list, not
through search, not through its attachments. Invited companies do see it."""

import pytest
from django.urls import reverse

from needs.models import Need
from needs.search import search_needs
from tests import factories as f
from tests.needs.conftest import SECRET_WORD
from tests.needs.listing import listed_ids, result_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_user(confidential_need, company_org, company_member):
    f.NeedInvitationFactory(need=confidential_need, organisation=company_org)
    return company_member


def detail(client, need):
    return client.get(reverse("needs:detail", args=[need.pk])).content.decode()


@pytest.mark.parametrize("who", [None, "outsider", "company_owner"])
def test_confidential_detail_hides_description(request, client, confidential_need, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    html = detail(client, confidential_need)
    assert confidential_need.summary in html
    assert SECRET_WORD not in html
    assert "by invitation only" in html


def test_confidential_detail_shows_invitation_notice_even_to_anonymous(client, confidential_need):
    assert "by invitation only" in detail(client, confidential_need)


@pytest.mark.parametrize("who", ["owner", "member", "coordinator", "invited_user"])
def test_confidential_detail_shown_to_owners_coordinators_and_invited(
    request, client, confidential_need, who
):
    client.force_login(request.getfixturevalue(who))
    assert SECRET_WORD in detail(client, confidential_need)


def test_invited_company_loses_access_after_revocation(
    client, confidential_need, invited_user, company_org, owner
):
    from needs import services

    services.revoke_invitation(confidential_need, organisation=company_org, actor=owner)
    client.force_login(invited_user)
    assert SECRET_WORD not in detail(client, confidential_need)


def test_invitation_of_another_company_does_not_open_details(client, confidential_need, outsider):
    f.NeedInvitationFactory(need=confidential_need)
    client.force_login(outsider)
    assert SECRET_WORD not in detail(client, confidential_need)


def test_list_teaser_shows_summary_not_description(client, confidential_need, outsider):
    client.force_login(outsider)
    html = client.get(reverse("needs:list")).content.decode()
    assert confidential_need.title in html
    assert confidential_need.summary in html
    assert SECRET_WORD not in html
    assert "Confidential" in html


@pytest.mark.parametrize("who", [None, "outsider", "company_owner"])
def test_search_for_description_word_does_not_find_confidential_need(
    request, client, confidential_need, who
):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("needs:list"), {"q": SECRET_WORD})
    assert result_count(response) == 0
    assert confidential_need.title not in response.content.decode()


@pytest.mark.parametrize("who", ["owner", "coordinator", "invited_user"])
def test_search_for_description_word_finds_it_for_people_with_access(
    request, client, confidential_need, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("needs:list"), {"q": SECRET_WORD})
    assert listed_ids(response) == [confidential_need.pk]
    # The list shows teasers only, even to people with access.
    assert "Confidential details mentioning" not in response.content.decode()


def test_search_service_matches_title_for_everyone(confidential_need, outsider):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), outsider):
        found = search_needs(Need.objects.listed(), "sterile logistics", user)
        assert list(found) == [confidential_need]


def test_search_open_need_description_needs_verified_member(client, published_need, hub):
    word = "readmissions"
    assert result_count(client.get(reverse("needs:list"), {"q": word})) == 0
    unverified = f.MembershipFactory(
        organisation=f.OrganisationFactory(company=True, unverified=True, hub=hub)
    ).user
    client.force_login(unverified)
    assert result_count(client.get(reverse("needs:list"), {"q": word})) == 0
    verified = f.MembershipFactory(organisation=f.OrganisationFactory(company=True, hub=hub)).user
    client.force_login(verified)
    assert result_count(client.get(reverse("needs:list"), {"q": word})) == 1


@pytest.mark.parametrize(("who", "status"), [(None, 404), ("outsider", 404), ("invited_user", 200)])
def test_confidential_attachment_download(
    request, client, confidential_need, attachment_on, who, status
):
    attachment = attachment_on(confidential_need)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(
        reverse("needs:attachment_download", args=[confidential_need.pk, attachment.pk])
    )
    assert response.status_code == status


def test_confidential_attachment_names_hidden(client, confidential_need, attachment_on, outsider):
    attachment_on(confidential_need, name="tender-budget.pdf")
    client.force_login(outsider)
    assert "tender-budget" not in detail(client, confidential_need)
