"""The page chrome (templates/base.html): its fixed parts come from a cache in each process,
keyed by language and by what the menu shows (signed in, in a company, staff); the name, the
CSRF tokens and the page's own address are each person's and each request's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

NEEDS = reverse("needs:list")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def chrome(client, path=NEEDS) -> str:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return html[: html.index('<main id="main"')] + html[html.index('<footer class="site-footer"') :]


def test_each_kind_of_person_gets_their_own_menu(company_member, owner, superuser):
    pages = {}
    for name, person in (("company", company_member), ("hospital", owner), ("staff", superuser)):
        client = Client()
        client.force_login(person)
        pages[name] = chrome(client)
    pages["anonymous"] = chrome(Client())

    assert reverse("bids:mine") in pages["company"]
    assert reverse("bids:mine") not in pages["hospital"]
    assert reverse("admin:index") in pages["staff"]
    assert reverse("admin:index") not in pages["company"] + pages["hospital"]
    assert reverse("account_login") in pages["anonymous"]
    assert reverse("privacy:account") not in pages["anonymous"]
    for name in ("company", "hospital", "staff"):
        assert reverse("account_login") not in pages[name]
        assert reverse("privacy:account") in pages[name]


def test_each_language_gets_its_own_chrome_and_each_person_their_name():
    danish = f.UserFactory(language="da", name="Dorthe Dansk")
    english = f.UserFactory(language="en", name="Emma English")
    pages = {}
    for person in (danish, english, danish):
        client = Client()
        client.force_login(person)
        pages[person.name] = chrome(client)

    da, en = pages["Dorthe Dansk"], pages["Emma English"]
    assert ">Behov</a>" in da and ">Log ud</button>" in da and "Emma English" not in da
    assert ">Needs</a>" in en and ">Log out</button>" in en and "Dorthe Dansk" not in en
    assert '<option value="da" selected>' in da and '<option value="en" selected>' in en


def test_the_page_address_and_tokens_are_each_requests(company_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(company_member)
    chrome(client)  # the fragments are cached from here on
    html = chrome(client, NEEDS + "?q=beds")

    assert 'name="next" type="hidden" value="/needs/?q=beds"' in html
    token = TOKEN.search(html).group(1)
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
