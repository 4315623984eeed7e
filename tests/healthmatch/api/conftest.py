"""API clients: anonymous, and with a real token of a given person and scope."""

import pytest
from rest_framework.test import APIClient

from healthmatch.api import services
from healthmatch.api.models import ApiToken


def token_for(user, scope=ApiToken.Scope.READ_WRITE, days=90, name="Script") -> str:
    _row, plaintext = services.create_token(user, name=name, scope=scope, expires_in_days=days)
    return plaintext


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def api():
    return APIClient()
