"""A person's memberships kept between requests (healthmatch/accounts/membership_cache.py):
read from the cache when current, and current again at once after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from healthmatch.accounts import services
from healthmatch.accounts.membership_cache import cached_memberships
from healthmatch.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

MY_BIDS = reverse("bids:mine")


def menu(client) -> str:
    response = client.get(reverse("needs:list"))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<nav class="main-nav"') : html.index("</nav>")]


def test_a_second_read_asks_the_database_nothing(company_member):
    first = cached_memberships(company_member)

    with CaptureQueriesContext(connection) as second:
        again = cached_memberships(company_member)

    assert second.captured_queries == []
    assert [m.pk for m in again] == [m.pk for m in first]
    assert again[0].organisation.name == first[0].organisation.name


def test_a_new_membership_shows_in_the_menu_at_once(client, company_org):
    person = f.UserFactory()
    client.force_login(person)
    assert MY_BIDS not in menu(client)

    f.MembershipFactory(user=person, organisation=company_org)

    assert MY_BIDS in menu(client)


def test_a_removed_membership_leaves_the_menu_at_once(client, company_owner, company_member):
    client.force_login(company_member)
    assert MY_BIDS in menu(client)

    services.remove_member(Membership.objects.get(user=company_member), actor=company_owner)

    assert MY_BIDS not in menu(client)


def test_an_approved_request_to_join_shows_at_once(client, company_org):
    person = f.UserFactory()
    client.force_login(person)
    menu(client)
    pending = f.MembershipFactory(
        user=person, organisation=company_org, status=Membership.Status.PENDING
    )
    assert MY_BIDS not in menu(client)

    pending.status = Membership.Status.ACTIVE
    pending.save()

    assert MY_BIDS in menu(client)


def test_a_changed_or_verified_organisation_is_read_again(company_member, company_org, coordinator):
    cached_memberships(company_member)
    company_org.name = "Renamed ApS"
    company_org.save()
    assert cached_memberships(company_member)[0].organisation.name == "Renamed ApS"

    services.unverify_organisation(company_org, actor=coordinator)  # an update(), no signal
    assert cached_memberships(company_member)[0].organisation.verified_at is None
    services.verify_organisation(company_org, actor=coordinator)
    assert cached_memberships(company_member)[0].organisation.verified_at is not None


def test_people_never_share_an_entry(owner, company_member):
    assert {m.organisation.kind for m in cached_memberships(owner)} != {
        m.organisation.kind for m in cached_memberships(company_member)
    }
    assert [m.user_id for m in cached_memberships(owner)] == [owner.pk]
    assert [m.user_id for m in cached_memberships(company_member)] == [company_member.pk]
