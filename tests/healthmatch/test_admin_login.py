"""Getting into the admin: through allauth's login (rate-limited), staff only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-42"


def test_anonymous_admin_goes_to_allauth_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response.redirect_chain[-1][0]


def test_non_staff_user_is_redirected_to_admin_login_and_refused(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    response = client.get(response.url)
    assert response.status_code == 403
    response = client.get(reverse("admin:needs_need_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_coordinator_logs_in_to_the_admin(client, coordinator):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": coordinator.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_login_locks_an_account_after_failed_attempts(client, coordinator):
    url = reverse("account_login") + "?next=/admin/"
    for _ in range(5):
        response = client.post(url, {"login": coordinator.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # Even the right password is refused now.
    response = client.post(url, {"login": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_admin_login_answers_429_when_flooded_from_one_address(client):
    url = reverse("account_login") + "?next=/admin/"
    statuses = []
    for n in range(31):
        user_email = f"nobody{n}@example.org"  # a new key each time: only the IP limit applies
        statuses.append(client.post(url, {"login": user_email, "password": "x"}).status_code)
    assert 429 in statuses
    assert statuses[0] == 200


def test_staff_without_hub_sees_no_rows(client, buyer_org):
    staff = f.UserFactory(email="idle@staff.example")
    staff.is_staff = True
    staff.save()
    staff.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(staff)
    response = client.get(reverse("admin:accounts_organisation_changelist"))
    assert list(response.context["cl"].result_list) == []
