"""Error pages in the site's own layout (DEBUG is off in tests, as in production)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_404_in_the_site_layout(client, owner):
    client.force_login(owner)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html  # the navigation, not Django's bare page
    assert "Browse needs" in html


def test_permission_denied_page_shows_the_reason(rf: RequestFactory, owner):
    request = rf.get("/")
    request.user = owner
    response = defaults.permission_denied(request, PermissionDenied("Only invited companies."))
    assert response.status_code == 403
    assert "Only invited companies." in response.content.decode()


def test_server_error_page_renders_without_a_request_context(rf: RequestFactory):
    response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "/static/css/app.css" in html or "app.css" in html
