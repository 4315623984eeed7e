"""Dismissing a suggestion from either side; remembered; only the two parties may."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from healthmatch.accounts.models import Membership
from matching.lifecycle import services
from matching.models import Match
from matching.runs.rescore import rescore
from tests import factories as f


@pytest.fixture
def match(world):
    rescore(full=True)
    return Match.objects.select_related("need", "capability__company").get(
        need=world.need, capability=world.radar
    )


def url(match):
    return reverse("match_dismiss", args=[match.pk])


@pytest.mark.parametrize("person", ["owner", "member"])
def test_buyer_side_dismisses(match, person, request):
    user = request.getfixturevalue(person)

    services.dismiss(match, by=user)

    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_BUYER
    assert (match.acted_on, match.acted_by) == (True, user)
    assert match.acted_at is not None


def test_company_side_dismisses(match, company_member):
    services.dismiss(match, by=company_member)

    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_COMPANY


@pytest.mark.parametrize("person", ["outsider", "coordinator"])
def test_others_cannot_dismiss(match, person, request):
    with pytest.raises(PermissionDenied):
        services.dismiss(match, by=request.getfixturevalue(person))
    match.refresh_from_db()
    assert match.status == Match.Status.SUGGESTED


def test_dismissing_for_the_wrong_side_is_refused(match, owner):
    with pytest.raises(PermissionDenied):
        services.dismiss(match, by=owner, side="company")


def test_a_person_on_both_sides_says_which(match, owner, company_org):
    f.MembershipFactory(user=owner, organisation=company_org, role=Membership.Role.MEMBER)

    with pytest.raises(PermissionDenied):
        services.dismiss(match, by=owner)
    services.dismiss(match, by=owner, side="company")

    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_COMPANY


def test_dismissing_twice_changes_nothing(match, owner, company_member):
    services.dismiss(match, by=owner)
    services.dismiss(match, by=company_member)

    match.refresh_from_db()
    assert (match.status, match.acted_by) == (Match.Status.DISMISSED_BY_BUYER, owner)


def test_a_retired_match_cannot_be_dismissed(match, owner):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.RETIRED)
    match.refresh_from_db()

    with pytest.raises(ValidationError):
        services.dismiss(match, by=owner)


# --- The view -----------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["owner", "member"])
def test_view_buyer_dismisses_and_returns_to_the_need(client, match, person, request):
    client.force_login(request.getfixturevalue(person))
    need_url = match.need.get_absolute_url()

    response = client.post(url(match), {"side": "buyer", "next": need_url}, follow=True)

    assert response.redirect_chain[-1][0] == need_url
    assert "it will not be suggested again" in response.content.decode()
    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_BUYER


def test_view_company_member_dismisses(client, match, company_member):
    client.force_login(company_member)

    response = client.post(url(match), {"side": "company", "next": reverse("dashboard")})

    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    match.refresh_from_db()
    assert match.status == Match.Status.DISMISSED_BY_COMPANY


@pytest.mark.parametrize("person", ["outsider", "coordinator"])
def test_view_others_get_404(client, match, person, request):
    client.force_login(request.getfixturevalue(person))

    response = client.post(url(match), {"side": "buyer"})

    assert response.status_code == 404
    match.refresh_from_db()
    assert match.status == Match.Status.SUGGESTED


def test_view_wrong_side_gets_404(client, match, member):
    client.force_login(member)

    assert client.post(url(match), {"side": "company"}).status_code == 404


def test_view_anonymous_goes_to_login(client, match):
    response = client.post(url(match), {"side": "buyer"})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_view_refuses_get(client, match, owner):
    client.force_login(owner)

    assert client.get(url(match)).status_code == 405


def test_view_ignores_an_outside_next(client, match, owner):
    client.force_login(owner)

    response = client.post(url(match), {"side": "buyer", "next": "https://evil.example/"})

    assert response["Location"] == match.need.get_absolute_url()


def test_view_unknown_match_is_404(client, owner, db):
    client.force_login(owner)

    assert client.post(reverse("match_dismiss", args=[999999])).status_code == 404
