"""A need's title that opens with a right-to-left override, and an organisation and a hub named
in Arabic, are shown isolated on the needs pages (healthmatch/bidi.py), each in an element that
holds it alone, where the page put it before."""

import pytest
from django.urls import reverse

from needs.models import NeedStatusChange
from tests import factories as f
from tests.bidi import HUB, ORG, PERSON, TITLE, assert_isolated, find
from tests.once import once

pytestmark = pytest.mark.django_db


@pytest.fixture
def rtl_need(owner):
    organisation = owner.memberships.get().organisation
    organisation.name, organisation.hub.name = ORG, HUB
    organisation.save()
    organisation.hub.save()
    owner.name = PERSON
    owner.save()
    need = f.NeedFactory(organisation=organisation, title=TITLE, published=True)
    NeedStatusChange.objects.create(need=need, from_status="", to_status="draft", actor=owner)
    return need


def test_needs_list_isolates_the_title_and_the_organisation(client, rtl_need):
    html = client.get(reverse("needs:list")).content.decode()

    (title,) = assert_isolated(html, TITLE)
    assert title.parent.tag == "a" and title.parent.attrs["href"] == rtl_need.get_absolute_url()
    assert title.parent.parent.tag == "h3"
    (org,) = assert_isolated(html, ORG)
    assert org.parent.attrs["class"] == "meta"
    assert " ".join(org.parent.text.split()).startswith(f"{ORG} · respond by ")


def test_need_page_isolates_title_organisation_hub_and_people(client, owner, rtl_need):
    client.force_login(owner)
    html = client.get(rtl_need.get_absolute_url()).content.decode()

    (title,) = assert_isolated(html, TITLE)
    assert title.parent.tag == "h1" and title.parent.attrs["id"] == "need-title"
    assert title.parent.text == TITLE  # the heading holds the title alone, as before
    (org,) = assert_isolated(html, ORG)
    (hub,) = assert_isolated(html, HUB)
    assert org.parent.attrs["class"] == hub.parent.attrs["class"] == "meta muted"
    assert " ".join(org.parent.text.split()).startswith(f"{ORG} · {HUB} · published ")
    # The account menu and the history ("by <person>") name the owner.
    menu, history = assert_isolated(html, PERSON, at_least=2)
    assert menu.parent.attrs["class"] == "user-name"
    assert " ".join(history.parent.text.split()) == f"by {PERSON}"
    (summary,) = assert_isolated(html, rtl_need.summary)
    assert summary.tag == "p" and summary.attrs["dir"] == "auto"
    (description,) = assert_isolated(html, rtl_need.description)
    assert description.tag == "div" and "need-description" in description.attrs["class"]


def test_need_form_types_the_title_with_dir_auto(client, owner, rtl_need):
    rtl_need.status = rtl_need.Status.DRAFT
    rtl_need.save()
    client.force_login(owner)
    html = client.get(reverse("needs:edit", args=[rtl_need.pk])).content.decode()
    (title,) = find(html, "input", name="title")
    assert title.attrs["value"] == TITLE and title.attrs["dir"] == "auto"
    (summary,) = find(html, "textarea", name="summary")
    assert summary.attrs["dir"] == "auto"
    (deadline,) = find(html, "input", name="response_deadline")
    assert "dir" not in deadline.attrs  # a date keeps its direction


def test_invitations_isolate_the_query_echo_and_the_company_in_the_message(client, owner):
    need = f.NeedFactory(
        organisation=owner.memberships.get().organisation, published=True, is_confidential=True
    )
    company = f.OrganisationFactory(name=ORG, company=True, hub=need.hub)
    url = reverse("needs:invitations", args=[need.pk])
    client.force_login(owner)

    html = client.get(url, {"q": "לא קיים"}).content.decode()
    (echo,) = assert_isolated(html, "לא קיים")
    assert " ".join(echo.parent.text.split()).startswith("No verified company matches “לא קיים”")
    (box,) = find(html, "input", name="q")
    assert box.attrs["value"] == "לא קיים" and box.attrs["dir"] == "auto"

    html = client.post(
        url, once(client, {"action": "invite", "organisation": company.pk}), follow=True
    ).content.decode()
    message, cell, button = assert_isolated(html, ORG, at_least=3)
    assert message.parent.tag == "li" and message.parent.text == f"{ORG} is invited."
    assert cell.parent.tag == "td"
    assert button.parent.attrs["class"] == "visually-hidden"
