"""The API tokens page: every signed-in person manages their own tokens; the token is shown
once; revoking asks first; another person's token is a 404; anonymous visitors log in."""

import pytest
from django.urls import reverse

from healthmatch.api import services
from healthmatch.api.models import ApiToken
from tests.once import once

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_page_lists_only_my_tokens(client, owner, member):
    services.create_token(owner, name="Mine", scope="read", expires_in_days=30)
    services.create_token(member, name="Not mine", scope="read", expires_in_days=30)
    client.force_login(owner)

    html = client.get(reverse("api_tokens")).content.decode()

    assert "Mine" in html and "Not mine" not in html
    assert "Read only" in html and "Never" in html  # scope; never used
    assert 'href="/account/api-tokens/"' in html  # the header's link


def test_creating_shows_the_token_once(client, owner):
    client.force_login(owner)

    response = client.post(
        reverse("api_tokens"),
        once(client, {"name": "ERP", "scope": "read_write", "expires_in_days": "365"}),
    )

    token = ApiToken.objects.get(user=owner)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    value = html.split('id="new-token-value" class="token-value" value="')[1].split('"')[0]
    assert value.startswith(f"hm_{token.prefix}_")
    assert services.authenticate(value).pk == token.pk
    assert "shown only this once" in html
    assert (token.scope, (token.expires_at - token.created_at).days) == ("read_write", 365)
    assert value not in client.get(reverse("api_tokens")).content.decode()


def test_an_invalid_form_creates_nothing(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("api_tokens"),
        once(client, {"name": "", "scope": "read", "expires_in_days": "9999"}),
    )
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert "errorlist" in response.content.decode()


def test_revoking_asks_then_revokes(client, owner):
    token, _raw = services.create_token(owner, name="Old", scope="read", expires_in_days=30)
    client.force_login(owner)
    url = reverse("api_token_revoke", args=[token.pk])

    confirm = client.get(url)
    assert "Revoke “<bdi>Old</bdi>”" in confirm.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None

    done = client.post(url, follow=True)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert "is revoked" in done.content.decode() and "Revoked" in done.content.decode()


def test_another_persons_token_is_a_404(client, owner, member):
    token, _raw = services.create_token(owner, name="Old", scope="read", expires_in_days=30)
    client.force_login(member)
    url = reverse("api_token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_superusers_see_tokens_in_the_admin_read_only(client, superuser, coordinator, owner):
    services.create_token(owner, name="ERP", scope="read", expires_in_days=30)
    client.force_login(superuser)
    changelist = client.get("/admin/api/apitoken/")
    assert changelist.status_code == 200 and "ERP" in changelist.content.decode()
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/admin/api/apitoken/").status_code == 403
