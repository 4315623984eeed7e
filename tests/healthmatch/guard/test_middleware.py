"""NUL characters are refused once for the whole site: in the query string, form fields and
JSON strings, with a 400 that says why (JSON under /api/; in the path, a 404), before any view could
pass them to PostgreSQL (psycopg2 raises ValueError: an error 500 without the guard). Nothing is
written. A file's content may hold NUL bytes: only its name is text."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from needs.models import Need
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/organisations/join/?q=a%00b", "/needs/?q=a%00b", "/needs/?a%00=b", "/companies/?q=%00"],
)
def test_a_nul_in_a_query_string_is_a_400_page_with_the_reason(client, owner, path):
    client.force_login(owner)
    response = client.get(path)
    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()
    assert "Bad request" in response.content.decode()


def test_a_nul_in_the_admin_search_is_a_400(coordinator_client):
    response = coordinator_client.get(reverse("admin:needs_need_changelist") + "?q=a%00b")
    assert response.status_code == 400


def test_a_nul_in_the_path_is_a_404_like_any_address_that_does_not_exist(client):
    assert client.get("/organisations/a%00b/").status_code == 404
    response = client.get("/api/v1/organisations/a%00b/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_nul_in_a_form_field_is_refused_and_nothing_is_written(client, owner):
    client.force_login(owner)
    response = client.post(reverse("needs:create"), {"title": "Fall\x00 sensors", "summary": "x"})
    assert response.status_code == 400
    assert "field “title” contains a NUL character" in response.content.decode()
    assert Need.objects.count() == 0


def test_nul_bytes_in_an_uploaded_file_are_content_not_text(client, owner, buyer_org):
    need = f.NeedFactory(organisation=buyer_org, created_by=owner)
    client.force_login(owner)
    upload = SimpleUploadedFile(
        "spec\x00.pdf", b"%PDF-1.4\n\x00\x01 binary", content_type="application/pdf"
    )
    response = client.post(
        reverse("needs:attachment_upload", args=[need.pk]), once(client, {"file": upload})
    )
    assert response.status_code == 302
    assert [a.original_name for a in need.attachments.all()] == ["spec.pdf"]


def test_a_nul_in_an_api_query_is_a_json_400_with_the_reason(client, owner):
    client.force_login(owner)
    response = client.get("/api/v1/needs/?search=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "NUL character" in response.json()["detail"]


def test_an_escaped_nul_in_a_json_string_is_a_json_400(client, owner, buyer_org):
    client.force_login(owner)
    body = json.dumps({"title": "Fall\u0000 sensors", "organisation": buyer_org.slug})
    response = client.post("/api/v1/needs/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "title": ["The JSON body contains a NUL character (\\u0000) in a string."]
    }
    assert Need.objects.count() == 0


def test_a_raw_nul_byte_in_a_json_body_is_a_json_400(client, owner):
    client.force_login(owner)
    response = client.post(
        "/api/v1/needs/", b'{"title": "a\x00b"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "NUL character" in json.dumps(response.json())


def test_an_escaped_backslash_before_u0000_is_ordinary_text(client, owner):
    """'\\\\u0000' in JSON is a backslash followed by 'u0000': no NUL, so the guard lets the API
    answer (here with its own validation errors, not the guard's)."""
    client.force_login(owner)
    body = json.dumps({"title": "C:\\u0000 drive"})
    response = client.post("/api/v1/needs/", body, content_type="application/json")
    assert "NUL" not in json.dumps(response.json())


def test_ordinary_requests_pass(client, owner):
    client.force_login(owner)
    assert client.get("/needs/?q=fall+sensors").status_code == 200


def test_the_api_still_refuses_a_form_body_with_its_own_415(client, owner):
    """The guard leaves API form bodies to the API: parsing them first would hand DRF an empty
    body and turn the 415 into a write with no data."""
    client.force_login(owner)
    response = client.post("/api/v1/needs/", {"title": "Fall sensors"})
    assert response.status_code == 415


def test_with_debug_on_the_refusal_is_still_the_site_page(client, owner, settings):
    settings.DEBUG = True
    settings.DEBUG_ERROR_PAGES = False
    client.force_login(owner)
    response = client.get("/needs/?q=a%00b")
    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()
    assert "Traceback" not in response.content.decode()
