"""The site's own error pages with DEBUG on, as `make run` has it (healthmatch/error_pages.py);
DEBUG_ERROR_PAGES=1 brings back Django's technical pages."""

import logging
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation
from django.utils.translation.template import templatize

pytestmark = pytest.mark.urls("tests.healthmatch.error_urls")

# What Django's technical pages say and the site's pages never do.
TECHNICAL_404 = "Using the URLconf defined in"
TECHNICAL_500 = "Traceback"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.DEBUG_ERROR_PAGES = False
    return settings


@pytest.fixture
def failing_client():
    """A client that gets the 500 page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_unknown_url_with_debug_is_the_site_404(debug, client, owner):
    client.force_login(owner)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert "Browse needs" in html
    assert TECHNICAL_404 not in html
    assert "admin/reports/" not in html  # no URL pattern list


@pytest.mark.django_db
def test_unknown_url_with_debug_still_gets_the_missing_slash_added(debug, client):
    response = client.get("/needs")
    assert response.status_code == 301
    assert response["Location"] == "/needs/"


@pytest.mark.django_db
def test_accounts_root_with_debug_still_leads_to_the_login(debug, client):
    """allauth answers its unmatched /accounts/ with a redirect: its middleware still sees the
    404 (healthmatch/error_pages.py runs inside it)."""
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


@pytest.mark.django_db
def test_unknown_url_with_debug_passes_the_other_middlewares(debug, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Language"] == "en"
    assert "csrftoken" in response.cookies  # the page's language form can be sent


@pytest.mark.django_db
def test_unknown_api_url_with_debug_is_json(debug, client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_http404_in_a_view_with_debug_is_the_site_404(debug, client):
    response = client.get("/test/missing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "No need with that id." not in html
    assert TECHNICAL_404 not in html


def test_exception_in_a_view_with_debug_is_the_site_500_without_the_database(
    debug, failing_client, caplog
):
    """No django_db mark: the 500 page must not need the database (it may be what failed)."""
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = failing_client.get("/test/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert TECHNICAL_500 not in html
    assert "a secret in the traceback" not in html
    # The developer still finds the traceback in the log.
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "ERROR"
    assert "boom: a secret in the traceback" in str(record.exc_info[1])


@pytest.mark.django_db
@pytest.mark.urls("tests.healthmatch.api.urls")
def test_exception_in_an_api_view_with_debug_is_the_json_500(debug, failing_client):
    response = failing_client.get("/api/v1/test/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "Server error" in response.json()["detail"]
    assert "a secret in the traceback" not in response.content.decode()


@pytest.mark.django_db
def test_bad_request_in_a_view_with_debug_is_the_site_400(debug, client):
    response = client.get("/test/unreadable/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad request" in html
    assert 'class="site-header"' in html
    assert TECHNICAL_500 not in html


def test_disallowed_host_with_debug_is_the_site_400(debug, client, caplog):
    """No django_db mark: nothing past the host check runs."""
    with caplog.at_level(logging.ERROR, logger="django.security"):
        response = client.get("/", HTTP_HOST="192.168.1.20:8000")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad request" in html
    assert "DisallowedHost" not in html
    assert "ALLOWED_HOSTS" not in html
    assert any(r.name == "django.security.DisallowedHost" for r in caplog.records)


@pytest.mark.django_db
def test_debug_error_pages_bring_back_djangos_pages(debug, client, failing_client):
    debug.DEBUG_ERROR_PAGES = True
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert TECHNICAL_404 in not_found.content.decode()

    failed = failing_client.get("/test/boom/")
    assert failed.status_code == 500
    assert "boom: a secret in the traceback" in failed.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_page_in_the_site_layout(debug, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post("/i18n/setlang/", {"language": "da"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form could not be sent" in html
    assert 'class="site-header"' in html
    assert owner.get_full_name() in html  # rendered with the request: the person's header
    assert "CSRF verification failed" not in html


@pytest.mark.django_db
def test_csrf_failure_with_debug_error_pages_is_djangos_page(debug):
    debug.DEBUG_ERROR_PAGES = True
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "da"})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


def test_server_error_page_is_in_the_active_language(debug, failing_client):
    with translation.override("da"):
        response = failing_client.get("/test/boom/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 500
    assert '<html lang="da">' in response.content.decode()


def test_server_error_page_marks_every_text_for_translation():
    """What makemessages extracts from 500.html holds every sentence of its body."""
    source = (django_settings.BASE_DIR / "templates" / "500.html").read_text()
    extracted = templatize(source)
    body = re.search(r"<body>(.*)</body>", source, re.S).group(1)
    outside = re.sub(r"{%\s*blocktranslate.*?endblocktranslate\s*%}", "", body, flags=re.S)
    outside = re.sub(r"{%.*?%}|<[^>]+>|\s+", " ", outside).strip()
    assert outside == ""
    assert "Something went wrong" in extracted
    assert "HealthMatch could not finish this request." in extracted
