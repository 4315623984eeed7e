"""Creating an API token acts once per form token: the form sent again makes no second
token (and never shows a token again: it lands on the list)."""

import pytest
from django.urls import reverse

from healthmatch.api.models import ApiToken
from tests.once import (
    assert_refused_token,
    expired,
    forged,
    post_twice,
    post_twice_at_once,
    postgres_only,
)

DATA = {"name": "ERP", "scope": "read_write", "expires_in_days": "365"}


@pytest.mark.django_db
def test_token_form_sent_twice_makes_one_token(client, owner):
    client.force_login(owner)
    first, second = post_twice(client, reverse("api_tokens"), DATA)
    assert ApiToken.objects.filter(user=owner).count() == 1
    assert first.status_code == 200 and "shown only this once" in first.content.decode()
    assert second.status_code == 302 and second["Location"] == reverse("api_tokens")
    page = client.get(second["Location"]).content.decode()
    assert "You had sent this form already" in page and "shown only this once" not in page


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_token_form_sent_twice_at_once_makes_one_token(owner):
    responses = post_twice_at_once(owner, reverse("api_tokens"), DATA)
    assert sorted(r.status_code for r in responses) == [200, 302], responses
    assert ApiToken.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["forged", "expired"])
def test_token_form_with_a_bad_token_makes_nothing(client, owner, bad):
    client.force_login(owner)
    data = forged(DATA) if bad == "forged" else expired(client, DATA)
    response = client.post(reverse("api_tokens"), data)
    assert_refused_token(response, expired=bad == "expired")
    assert not ApiToken.objects.exists()
