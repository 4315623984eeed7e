"""Bearer tokens act as their person; bad ones are a 401 with WWW-Authenticate; a read-only
token never writes; the session keeps its CSRF check; anonymous visitors read but never write."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from healthmatch.api import services
from healthmatch.api.models import ApiToken
from tests.healthmatch.api.conftest import client_with, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.healthmatch.api.urls")]
ECHO = "/api/v1/test/echo/"


def test_a_token_acts_as_its_person(owner):
    response = client_with(token_for(owner, scope="read")).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["email"] == owner.email
    assert ApiToken.objects.get(user=owner).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Bearer hm_00000000_nope", "Bearer", "Bearer a b", "Bearer hm_x", "bearer \u00e9t\u00e9"],
)
def test_a_bad_token_is_a_401_with_www_authenticate(owner, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(ECHO)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert set(response.json()) == {"detail"}


def test_expired_and_revoked_tokens_are_401(owner):
    expired = token_for(owner, name="expired")
    ApiToken.objects.filter(name="expired").update(expires_at=timezone.now() - timedelta(1))
    revoked = token_for(owner, name="revoked")
    services.revoke_token(ApiToken.objects.get(name="revoked"), by=owner)

    for token in (expired, revoked):
        response = client_with(token).get("/api/v1/me/")
        assert response.status_code == 401
        assert response.json() == {"detail": "The token is unknown, expired or revoked."}


def test_a_read_only_token_reads_but_never_writes(owner):
    client = client_with(token_for(owner, scope="read"))
    assert client.get(ECHO).json() == {"user": owner.email}

    response = client.post(ECHO, {"a": 1}, format="json")

    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_a_read_write_token_writes_without_csrf(owner):
    response = client_with(token_for(owner)).post(ECHO, {"a": 1}, format="json")
    assert response.status_code == 201
    assert response.json() == {"received": {"a": 1}, "user": owner.email}


def test_anonymous_reads_but_a_write_is_a_401(db):
    client = APIClient()
    assert client.get(ECHO).json() == {"user": None}
    response = client.post(ECHO, {"a": 1}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_session_needs_its_csrf_token_to_write(owner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(ECHO).json() == {"user": owner.email}

    refused = client.post(ECHO, {"a": 1}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    client.get("/account/api-tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(ECHO, {"a": 1}, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201


def test_me_needs_a_person(db):
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
