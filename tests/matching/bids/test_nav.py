"""The "My bids" link: company members get it, buyers and visitors don't."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_my_bids_link_shown_to_company_members_only(client, company_member, owner):
    link = f'href="{reverse("bids:mine")}"'
    client.force_login(company_member)
    assert link in client.get(reverse("needs:list")).content.decode()
    client.force_login(owner)
    assert link not in client.get(reverse("needs:list")).content.decode()
    client.logout()
    assert link not in client.get(reverse("needs:list")).content.decode()
