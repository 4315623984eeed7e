"""Taxonomy terms on the needs pages in the reader's language: the list's filters, the teasers and
the detail page. Filters take term ids, so a Swedish reader's filter finds a Danish need."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("needs:list")


@pytest.fixture
def terms(db):
    return {
        "area": f.ClinicalAreaFactory(
            name="Test wound care",
            slug="test-wound-care",
            name_da="Test sårbehandling",
            name_sv="Test sårvård",
            name_nb="Test sårstell",
        ),
        "setting": f.CareSettingFactory(
            name="Test home care",
            slug="test-home-care",
            name_da="Test hjemmepleje",
            name_sv="Test hemtjänst",
        ),
        "technology": f.TechnologyTypeFactory(
            name="Test sensors", slug="test-sensors", name_da="Test sensorer", name_sv="Test givare"
        ),
        "item": f.RegulatoryItemFactory(
            name="Test CE marking", slug="test-ce", name_da="Test CE-mærkning"
        ),
    }


@pytest.fixture
def danish_need(buyer_org, terms):
    need = f.NeedFactory(
        organisation=buyer_org,
        published=True,
        language="da",
        title="Færre tryksår i hjemmeplejen",
        summary="Vi søger en måde at opdage tryksår tidligt.",
    )
    need.clinical_areas.add(terms["area"])
    need.care_settings.add(terms["setting"])
    need.technology_types.add(terms["technology"])
    need.regulatory_requirements.add(terms["item"])
    return need


def signed_in(client, user, language):
    user.language = language
    user.save()
    client.force_login(user)
    return client


def test_the_filters_are_in_a_danish_readers_language(client, owner, terms):
    html = signed_in(client, owner, "da").get(LIST).content.decode()

    assert f'<option value="{terms["area"].pk}">Test sårbehandling</option>' in html
    assert f'<option value="{terms["setting"].pk}">Test hjemmepleje</option>' in html
    assert "Test sensorer" in html
    assert "Test wound care" not in html and "Test sårvård" not in html


def test_the_filters_are_in_a_swedish_readers_language(client, outsider, terms):
    html = signed_in(client, outsider, "sv").get(LIST).content.decode()

    assert f'<option value="{terms["area"].pk}">Test sårvård</option>' in html
    assert f'<option value="{terms["setting"].pk}">Test hemtjänst</option>' in html
    assert "Test givare" in html
    assert "Test sårbehandling" not in html


def test_a_term_without_a_translation_is_offered_in_english(client, outsider, terms):
    html = signed_in(client, outsider, "nb").get(LIST).content.decode()

    assert f'<option value="{terms["area"].pk}">Test sårstell</option>' in html
    assert f'<option value="{terms["setting"].pk}">Test home care</option>' in html


def test_a_swedish_reader_filtering_by_a_term_finds_a_danish_need(
    client, outsider, buyer_org, terms, danish_need
):
    f.NeedFactory(organisation=buyer_org, published=True, title="Untagged need")

    response = signed_in(client, outsider, "sv").get(LIST, {"clinical_area": terms["area"].pk})

    assert [need.title for need in response.context["page_obj"].object_list] == [
        "Færre tryksår i hjemmeplejen"
    ]
    html = response.content.decode()
    assert '<li class="tag"><bdi>Test sårvård</bdi></li>' in html  # the teaser's tag


def test_a_danish_reader_sees_the_teaser_in_danish(client, member, danish_need):
    html = signed_in(client, member, "da").get(LIST).content.decode()

    assert '<li class="tag"><bdi>Test sårbehandling</bdi></li>' in html
    assert '<li class="tag"><bdi>Test sensorer</bdi></li>' in html
    assert "Test wound care" not in html


def test_a_danish_reader_sees_the_need_in_danish(client, member, danish_need):
    url = reverse("needs:detail", args=[danish_need.pk])

    html = signed_in(client, member, "da").get(url).content.decode()

    for label in ("Test sårbehandling", "Test hjemmepleje", "Test sensorer", "Test CE-mærkning"):
        assert f"<bdi>{label}</bdi>" in html
    assert "Test wound care" not in html and "Test CE marking" not in html


def test_an_anonymous_reader_sees_the_browsers_language(client, danish_need):
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="sv").content.decode()

    assert '<li class="tag"><bdi>Test sårvård</bdi></li>' in html
