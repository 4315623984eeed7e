"""The OpenAPI schema is valid, documents the token and the standard errors; the docs page is
served from the app (no CDN) and fits the site's Content-Security-Policy."""

import re

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "HealthMatch API"


def test_the_whole_projects_schema_generates_without_warnings(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_schema_documents_the_bearer_token(schema):
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "hm_<prefix>_<secret>",
        "description": "A personal API token, created at /account/api-tokens/.",
    }
    taxonomy = schema["paths"]["/api/v1/taxonomy/regions/"]["get"]
    assert {} in taxonomy["security"]  # open read
    me = schema["paths"]["/api/v1/me/"]["get"]
    assert {} not in me["security"]


def test_every_operation_documents_its_errors(schema):
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"401", "403", "406", "429"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes
            if method in {"post", "put", "patch"}:
                assert "400" in codes, (method, path)
            if "requestBody" in operation:  # actions without a body (submit, publish) read none
                assert {"413", "415"} <= codes, (method, path)
    detail = schema["paths"]["/api/v1/organisations/{id}/"]["get"]["responses"]["404"]
    assert detail["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApiError"
    }
    assert schema["components"]["schemas"]["ApiError"]["required"] == ["detail"]


def test_the_docs_page_uses_no_cdn_and_no_inline_script(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert not re.findall(r"https?://", html), "no external URL"
    assert "<style" not in html
    assert not re.search(r"<script>(?!</script>)", html), "no inline script"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp

    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_the_sidecar_files_are_served(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert response.status_code == 200
