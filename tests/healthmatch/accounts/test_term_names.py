"""Taxonomy terms in four languages: the English name and its Danish, Swedish and Norwegian
translations, shown in the reader's language, edited by coordinators in the admin, filled in
for the default terms."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from healthmatch.accounts.models import CareSetting, ClinicalArea, Region, RegulatoryItem
from healthmatch.accounts.taxonomy_defaults import fill_translations, load_defaults
from tests import factories as f
from tests.admin_forms import change_form_data
from tests.once import once

pytestmark = pytest.mark.django_db


@pytest.fixture
def wound_care(db):
    return f.ClinicalAreaFactory(
        name="Test wound care",
        slug="test-wound-care",
        name_da="Test sårbehandling",
        name_sv="Test sårvård",
        name_nb="Test sårstell",
    )


@pytest.mark.parametrize(
    "language, shown",
    [
        ("en", "Test wound care"),
        ("da", "Test sårbehandling"),
        ("sv", "Test sårvård"),
        ("nb", "Test sårstell"),
        ("nb-no", "Test sårstell"),
        ("de", "Test wound care"),
    ],
)
def test_a_term_reads_in_the_active_language(wound_care, language, shown):
    with translation.override(language):
        assert wound_care.label == shown
        assert str(wound_care) == shown


def test_a_term_without_a_translation_reads_in_english(db):
    term = f.TechnologyTypeFactory(
        name="Test exoskeletons", slug="test-exo", name_da="Exoskeletter"
    )

    with translation.override("sv"):
        assert str(term) == "Test exoskeletons"
    with translation.override("da"):
        assert str(term) == "Exoskeletter"


def test_the_default_terms_carry_their_translations():
    """Filled by migration 0010 on the test database, as on every installation."""
    home_care = CareSetting.objects.get(slug="home-care")
    paediatrics = ClinicalArea.objects.get(slug="paediatrics")

    assert (home_care.name_da, home_care.name_sv, home_care.name_nb) == (
        "Hjemmepleje",
        "Hemtjänst",
        "Hjemmetjeneste",
    )
    assert (paediatrics.name_da, paediatrics.name_sv, paediatrics.name_nb) == (
        "Pædiatri",
        "Pediatrik",
        "Pediatri",
    )
    with translation.override("sv"):
        assert str(RegulatoryItem.objects.get(name="ISO 13485")) == "ISO 13485"


def test_filling_translations_leaves_renamed_terms_and_written_names_alone():
    ClinicalArea.objects.filter(slug="cardiology").update(name_da="", name_sv="", name_nb="")
    ClinicalArea.objects.filter(slug="oncology").update(name_da="", name_sv="Cancervård")
    ClinicalArea.objects.filter(slug="geriatrics").update(name="Elderly care", name_da="")

    fill_translations(apps)

    cardiology = ClinicalArea.objects.get(slug="cardiology")
    oncology = ClinicalArea.objects.get(slug="oncology")
    renamed = ClinicalArea.objects.get(slug="geriatrics")
    assert (cardiology.name_da, cardiology.name_sv, cardiology.name_nb) == ("Kardiologi",) * 3
    assert (oncology.name_da, oncology.name_sv) == ("Onkologi", "Cancervård")
    assert renamed.name_da == ""


def test_a_new_installation_gets_the_translated_defaults():
    CareSetting.objects.all().delete()

    load_defaults(apps)

    with translation.override("da"):
        assert str(CareSetting.objects.get(slug="nursing-home")) == "Plejehjem"
    with translation.override("nb"):
        assert str(CareSetting.objects.get(slug="emergency-department")) == "Akuttmottak"


# --- The admin ----------------------------------------------------------------------------------


def test_a_coordinator_saves_the_translations_in_the_admin(coordinator_client, wound_care):
    url = reverse("admin:accounts_clinicalarea_change", args=[wound_care.pk])
    page = coordinator_client.get(url)
    assert "Translations" in page.content.decode()
    data = change_form_data(page)
    data.update(name_da="Sårheling", name_sv="", name_nb="Sårbehandling")

    assert coordinator_client.post(url, data).status_code == 302

    wound_care.refresh_from_db()
    assert wound_care.name == "Test wound care"
    assert (wound_care.name_da, wound_care.name_sv, wound_care.name_nb) == (
        "Sårheling",
        "",
        "Sårbehandling",
    )
    with translation.override("sv"):
        assert str(wound_care) == "Test wound care"


def test_a_coordinator_adds_a_region_with_a_translation(coordinator_client):
    data = {
        "name": "Uusimaa (test)",
        "slug": "uusimaa-test",
        "country": "FI",
        "description": "",
        "position": "20",
        "is_active": "on",
        "name_sv": "Nyland (test)",
    }
    response = coordinator_client.post(
        reverse("admin:accounts_region_add"), once(coordinator_client, data)
    )

    assert response.status_code == 302
    region = Region.objects.get(slug="uusimaa-test")
    with translation.override("sv"):
        assert str(region) == "Nyland (test)"


def test_the_admin_list_shows_and_searches_the_translations(coordinator_client, wound_care):
    url = reverse("admin:accounts_clinicalarea_changelist")

    response = coordinator_client.get(url, {"q": "sårvård"})

    # The default "Wound care" is "Sårvård" in Swedish too.
    assert {t.slug for t in response.context["cl"].result_list} == {"test-wound-care", "wound-care"}
    html = response.content.decode()
    assert "Test sårbehandling" in html and "Test sårstell" in html
