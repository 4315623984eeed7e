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


def test_language_switcher_sets_the_page_language(client):
    response = client.post("/i18n/setlang/", {"language": "da", "next": "/needs/"})
    assert response.status_code == 302 and response.url == "/needs/"
    page = client.get("/").content.decode()
    assert '<html lang="da">' in page
    assert '<option value="da" selected>dansk</option>' in page


def test_language_switcher_ignores_unknown_languages(client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
