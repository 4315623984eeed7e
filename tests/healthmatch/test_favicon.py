"""The site's icon: linked from every page, and /favicon.ico answers (browsers ask for it on
pages without a link, such as the admin's)."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_link_the_svg_icon(client):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"

    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(icon.streaming_content)


def test_server_error_page_links_the_icon(rf):
    from django.views import defaults

    html = defaults.server_error(rf.get("/")).content.decode()
    assert 'href="/static/favicon.svg"' in html
