"""Every error under /api/ is JSON, Django's own too (unmatched URL, malformed id, oversized
body, unhandled exception); the site keeps its HTML pages."""

import json

import pytest
from rest_framework.test import APIClient

from tests.healthmatch.api.conftest import client_with, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.healthmatch.api.urls")]
ECHO = "/api/v1/test/echo/"


@pytest.mark.parametrize(
    "path", ["/api/v1/no-such-thing/", "/api/v1/organisations/1.5/", "/api/v1/organisations/x/"]
)
def test_an_unmatched_url_or_malformed_id_is_a_json_404(owner, path):
    response = client_with(token_for(owner)).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_the_site_keeps_its_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_an_oversized_body_is_a_json_413(owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"text": "x" * 2000})
    response = client_with(token_for(owner)).post(ECHO, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large: at most 1000 bytes."}


def test_a_form_body_is_a_json_415(owner):
    response = client_with(token_for(owner)).post(ECHO, {"a": "1"}, format="multipart")
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]


def test_malformed_json_is_a_400_with_detail(owner):
    response = client_with(token_for(owner)).post(ECHO, "{nope", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_method_the_endpoint_lacks_is_a_json_405(owner):
    response = client_with(token_for(owner)).delete(ECHO)
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}


def test_asking_for_xml_is_a_json_406(owner):
    response = client_with(token_for(owner)).get(ECHO, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert "Could not satisfy the request Accept header." in response.json()["detail"]


def test_an_unhandled_exception_is_a_json_500_without_a_traceback(db):
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/test/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert "boom" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_djangos_too_big_body_becomes_a_413_in_a_view_and_outside(rf):
    from django.core.exceptions import RequestDataTooBig

    from healthmatch.api.errors import bad_request, exception_handler

    response = exception_handler(RequestDataTooBig("too big"), {})
    assert response.status_code == 413
    outside = bad_request(rf.post("/api/v1/test/echo/"), RequestDataTooBig("too big"))
    assert outside.status_code == 413
    assert json.loads(outside.content)["detail"].startswith("The request body is too large")
