"""The icon in a real browser: chromium finds it on the site's pages and on the admin's (which
have no icon link, so it asks for /favicon.ico); the journey fails on any console error, a
missing icon's 404 included."""

import pytest

pytestmark = pytest.mark.browser


def test_icon_loads_on_site_and_admin_pages(journey, db):
    page = journey.new_page("visitor")
    icon_answers = []
    page.on(
        "response",
        lambda response: (
            "favicon" in response.url and icon_answers.append((response.url, response.status))
        ),
    )

    page.goto("/")
    status = page.evaluate(
        "fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)"
    )
    assert status == 200
    journey.shot(page, "home")

    page.goto("/admin/login/")
    journey.shot(page, "admin-login")

    fallback = page.request.get("/favicon.ico")
    assert fallback.ok
    assert fallback.headers["content-type"] == "image/svg+xml"
    assert all(status < 400 for _url, status in icon_answers), icon_answers
