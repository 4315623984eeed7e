import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_cache_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] == "ok"


def test_coordinators_group_has_need_moderation_permission():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Coordinators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_need", "change_organisation", "add_clinicalarea"} <= codenames
    assert "delete_need" not in codenames
