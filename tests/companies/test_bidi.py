"""A company named in Arabic and a capability whose title opens with a right-to-left override
are shown isolated in the directory, on the profile and on the capability page
(healthmatch/bidi.py), each in an element that holds it alone, where the page put it before."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.bidi import HUB, ORG, PERSON, TITLE, assert_isolated

pytestmark = pytest.mark.django_db
TAGLINE = "חיישנים שאכפת להם"


@pytest.fixture
def rtl_capability(company_org):
    company_org.name, company_org.hub.name = ORG, HUB
    company_org.save()
    company_org.hub.save()
    profile = f.CompanyProfileFactory(organisation=company_org, tagline=TAGLINE)
    f.ContactPersonFactory(company=profile, name=PERSON, role="CTO")
    return f.CapabilityFactory(company=profile, title=TITLE, published=True)


def test_directory_isolates_the_company_its_tagline_and_its_capabilities(
    client, owner, rtl_capability
):
    client.force_login(owner)
    html = client.get(reverse("companies:directory")).content.decode()

    (name,) = assert_isolated(html, ORG)
    assert name.parent.tag == "a" and name.parent.parent.tag == "h3"
    (tagline,) = assert_isolated(html, TAGLINE)
    assert tagline.tag == "p" and tagline.attrs["dir"] == "auto"
    (title,) = assert_isolated(html, TITLE)
    assert title.parent.attrs["href"] == rtl_capability.get_absolute_url()
    assert title.parent.parent.tag == "li"


def test_profile_isolates_name_hub_contacts_and_capabilities(client, owner, rtl_capability):
    client.force_login(owner)
    html = client.get(
        reverse("companies:profile", args=[rtl_capability.company.organisation.slug])
    ).content.decode()

    (name,) = assert_isolated(html, ORG)
    assert name.parent.tag == "h1" and name.parent.text == ORG
    (hub,) = assert_isolated(html, HUB)
    assert hub.parent.tag == "dd"
    (contact,) = assert_isolated(html, PERSON)
    assert contact.parent.tag == "strong"
    assert " ".join(contact.parent.parent.text.split()).startswith(f"{PERSON}, CTO · ")
    (title,) = assert_isolated(html, TITLE)
    assert title.parent.tag == "a" and title.parent.parent.tag == "h3"


def test_capability_page_isolates_its_title_and_its_company(client, owner, rtl_capability):
    client.force_login(owner)
    html = client.get(rtl_capability.get_absolute_url()).content.decode()

    (title,) = assert_isolated(html, TITLE)
    assert title.parent.tag == "h1" and title.parent.text == TITLE
    (company,) = assert_isolated(html, ORG)
    assert company.parent.tag == "a"
    assert " ".join(company.parent.parent.text.split()) == f"Product · {ORG}"
