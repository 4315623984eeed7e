"""Taxonomies (coordinators edit them), hubs (superusers edit, coordinators view) and users."""

import pytest
from django.urls import reverse

from healthmatch.accounts.models import ClinicalArea, Region, User
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db


def test_coordinator_edits_taxonomy_in_the_list(coordinator_client):
    term = f.ClinicalAreaFactory(name="Cardiology", slug="cardiology", position=10)
    response = coordinator_client.post(
        reverse("admin:accounts_clinicalarea_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(term.pk),
            "form-0-position": "5",
            # is_active left out: the checkbox is unticked.
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.position, term.is_active) == (5, False)


def test_coordinator_adds_taxonomy_term(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:accounts_region_add"),
        once(
            coordinator_client,
            {
                "name": "Region Gotland",
                "slug": "region-gotland",
                "country": "SE",
                "description": "",
                "position": "20",
                "is_active": "on",
            },
        ),
    )
    assert response.status_code == 302
    assert Region.objects.get(slug="region-gotland").name == "Region Gotland"


def test_taxonomy_add_form_prepopulates_slug(coordinator_client):
    response = coordinator_client.get(reverse("admin:accounts_clinicalarea_add"))
    assert response.context["adminform"].prepopulated_fields[0]["field"].name == "slug"


def test_deactivate_action_deactivates_terms(coordinator_client):
    terms = [f.TechnologyTypeFactory() for _ in range(2)]
    keep = f.TechnologyTypeFactory()
    coordinator_client.post(
        reverse("admin:accounts_technologytype_changelist"),
        {"action": "deactivate_selected", "_selected_action": [t.pk for t in terms], "index": "0"},
    )
    for term in terms:
        term.refresh_from_db()
        assert not term.is_active
    keep.refresh_from_db()
    assert keep.is_active


def test_taxonomy_search(coordinator_client):
    f.ClinicalAreaFactory(name="Geriatrics", slug="geriatrics")
    f.ClinicalAreaFactory(name="Oncology", slug="oncology")
    response = coordinator_client.get(
        reverse("admin:accounts_clinicalarea_changelist"), {"q": "geri"}
    )
    assert [t.name for t in response.context["cl"].result_list] == ["Geriatrics"]
    assert ClinicalArea.objects.count() >= 2


def test_coordinator_views_but_cannot_change_a_hub(coordinator_client, hub):
    url = reverse("admin:accounts_hub_change", args=[hub.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = coordinator_client.post(url, {"name": "Renamed", "slug": hub.slug})
    assert response.status_code == 403
    hub.refresh_from_db()
    assert hub.name == "Welfare Tech"
    assert coordinator_client.get(reverse("admin:accounts_hub_add")).status_code == 403


def test_superuser_appoints_a_coordinator(client, superuser, hub, coordinator):
    other = f.UserFactory(email="second@welfaretech.example")
    other.is_staff = True
    other.save()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_hub_change", args=[hub.pk]),
        {
            "name": hub.name,
            "slug": hub.slug,
            "description": "",
            "website": "",
            "time_zone": "Europe/Oslo",
            "coordinators": [coordinator.pk, other.pk],
        },
    )
    assert response.status_code == 302
    assert set(hub.coordinators.all()) == {coordinator, other}
    hub.refresh_from_db()
    assert hub.time_zone == "Europe/Oslo"


def test_superuser_creates_user_with_hashed_password(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nina@Example.org",
            "name": "Nina Nurse",
            "usable_password": "true",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email__iexact="nina@example.org")
    assert user.name == "Nina Nurse"
    assert user.check_password("a-long-enough-passphrase")
    assert not user.password.startswith("a-long")


def test_superuser_changes_a_password_through_django_page(client, superuser, member):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[member.pk]),
        {"password1": "another-long-passphrase", "password2": "another-long-passphrase"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("another-long-passphrase")


def test_user_search_by_email(client, superuser, owner, member):
    client.force_login(superuser)
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "owner@"})
    assert list(response.context["cl"].result_list) == [owner]


def test_coordinator_cannot_change_users(coordinator_client, member):
    url = reverse("admin:accounts_user_change", args=[member.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"email": member.email, "is_superuser": "on"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.is_superuser


def test_coordinator_admin_index_lists_the_curated_models(coordinator_client):
    response = coordinator_client.get(reverse("admin:index"))
    models = {
        model["object_name"] for app in response.context["app_list"] for model in app["models"]
    }
    assert {"Need", "Organisation", "Membership", "Capability", "CompanyProfile"} <= models
    assert {"ClinicalArea", "Region", "Hub"} <= models
    assert "Group" not in models
    assert "EmailAddress" not in models
