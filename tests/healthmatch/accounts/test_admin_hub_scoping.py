"""A coordinator sees, opens and chooses only what belongs to the hubs they coordinate."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from healthmatch.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["cl"].result_list)


def test_organisation_changelist_shows_only_the_coordinators_hub(
    coordinator_client, buyer_org, company_org, foreign_org
):
    response = coordinator_client.get(reverse("admin:accounts_organisation_changelist"))
    assert response.status_code == 200
    assert {o.name for o in rows(response)} == {buyer_org.name, company_org.name}
    assert foreign_org.name not in response.content.decode()


def test_organisation_changelist_superuser_sees_every_hub(
    client, superuser, buyer_org, company_org, foreign_org
):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    assert {o.name for o in rows(response)} == {buyer_org.name, company_org.name, foreign_org.name}


def test_membership_changelist_shows_only_the_coordinators_hub(
    coordinator_client, owner, member, outsider
):
    response = coordinator_client.get(reverse("admin:accounts_membership_changelist"))
    assert {m.user.email for m in rows(response)} == {owner.email, member.email}


def test_need_changelist_shows_only_the_coordinators_hub(
    coordinator_client, buyer_org, foreign_need
):
    mine = f.NeedFactory(organisation=buyer_org, submitted=True)
    response = coordinator_client.get(reverse("admin:needs_need_changelist"))
    assert rows(response) == [mine]
    assert foreign_need.title not in response.content.decode()


def test_company_profile_changelist_shows_only_the_coordinators_hub(
    coordinator_client, company_org, foreign_company
):
    mine = f.CompanyProfileFactory(organisation=company_org)
    f.CompanyProfileFactory(organisation=foreign_company)
    response = coordinator_client.get(reverse("admin:companies_companyprofile_changelist"))
    assert rows(response) == [mine]


def test_capability_changelist_shows_only_the_coordinators_hub(
    coordinator_client, company_org, foreign_company
):
    mine = f.CapabilityFactory(company__organisation=company_org, title="Radar in the ward")
    f.CapabilityFactory(company__organisation=foreign_company, title="Fjord radar")
    response = coordinator_client.get(reverse("admin:companies_capability_changelist"))
    assert rows(response) == [mine]
    assert "Fjord radar" not in response.content.decode()


def test_hub_changelist_shows_only_coordinated_hubs(coordinator_client, hub, other_hub):
    response = coordinator_client.get(reverse("admin:accounts_hub_changelist"))
    assert rows(response) == [hub]


def test_user_changelist_shows_only_people_of_the_coordinators_hub(
    coordinator_client, coordinator, owner, member, outsider
):
    response = coordinator_client.get(reverse("admin:accounts_user_changelist"))
    assert {u.email for u in rows(response)} == {coordinator.email, owner.email, member.email}


def test_hub_filter_lists_only_coordinated_hubs(
    client, hub, other_hub, coordinator, buyer_org, foreign_org
):
    third = f.HubFactory(name="Health Tech Hub Copenhagen", slug="htc")
    third.coordinators.add(coordinator)
    f.OrganisationFactory(name="Rigshospitalet", hub=third)
    client.force_login(coordinator)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    filter_choices = [spec for spec in response.context["cl"].filter_specs if spec.title == "hub"][
        0
    ].lookup_choices
    assert {name for _pk, name in filter_choices} == {hub.name, third.name}
    assert other_hub.name not in response.content.decode()


def test_need_change_page_of_another_hub_is_not_found(coordinator_client, foreign_need):
    url = reverse("admin:needs_need_change", args=[foreign_need.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert "doesn’t exist" in str(list(get_messages(response.wsgi_request))[0])
    followed = coordinator_client.get(url, follow=True)
    assert foreign_need.title not in followed.content.decode()


def test_need_history_and_organisation_pages_of_another_hub_are_not_found(
    coordinator_client, foreign_need, foreign_org
):
    for url in (
        reverse("admin:needs_need_history", args=[foreign_need.pk]),
        reverse("admin:accounts_organisation_change", args=[foreign_org.pk]),
    ):
        response = coordinator_client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("admin:index")


def test_need_change_page_of_own_hub_opens(coordinator_client, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, submitted=True)
    response = coordinator_client.get(reverse("admin:needs_need_change", args=[need.pk]))
    assert response.status_code == 200
    assert need.title in response.content.decode()


def test_organisation_autocomplete_returns_only_the_coordinators_hub(
    coordinator_client, company_org, foreign_company
):
    response = coordinator_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "companies",
            "model_name": "companyprofile",
            "field_name": "organisation",
            "term": "",
        },
    )
    assert response.status_code == 200
    names = {r["text"] for r in response.json()["results"]}
    assert company_org.name in names
    assert foreign_company.name not in names


def test_organisation_changelist_queries_do_not_grow_with_rows(client, superuser, hub):
    client.force_login(superuser)
    url = reverse("admin:accounts_organisation_changelist")

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    org = f.OrganisationFactory(hub=hub)
    f.MembershipFactory(organisation=org)
    one = count_queries()
    for _ in range(6):
        org = f.OrganisationFactory(hub=hub)
        f.MembershipFactory(organisation=org)
        f.MembershipFactory(organisation=org, status=Membership.Status.PENDING)
    assert count_queries() == one


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:needs_need_changelist",
        "admin:companies_capability_changelist",
        "admin:companies_companyprofile_changelist",
        "admin:accounts_membership_changelist",
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    coordinator_client, buyer_org, company_org, url_name
):
    url = reverse(url_name)

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert coordinator_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add_rows():
        f.NeedFactory(organisation=buyer_org, submitted=True)
        f.CapabilityFactory(company__organisation=company_org)
        f.MembershipFactory(organisation=buyer_org)

    f.CompanyProfileFactory(organisation=company_org)
    add_rows()
    one = count_queries()
    for _ in range(5):
        add_rows()
    for _ in range(3):
        f.CompanyProfileFactory(organisation=f.OrganisationFactory(company=True, hub=buyer_org.hub))
    assert count_queries() == one


def test_organisation_member_count_counts_active_members(
    coordinator_client, buyer_org, owner, member
):
    f.MembershipFactory(organisation=buyer_org, status=Membership.Status.PENDING)
    response = coordinator_client.get(reverse("admin:accounts_organisation_changelist"))
    org = [o for o in rows(response) if o.pk == buyer_org.pk][0]
    assert org.member_count == 2
