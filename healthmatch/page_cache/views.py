"""``@cached_page``: a view's whole HTML kept per person (issue 16). The dashboards, the need
pages and the curation queue cost 25 to 70 ms to render, mostly templates; a kept page costs a
cache read. ``cached_data`` does the same for an API list's data.

The key holds all a page depends on: the site's version (versions.py: replaced on every write
of what pages show), the scheme, host and address with its query string, the person (or
anonymous), the language, the time zone and today's date. Two things differ per request and
are put back on every answer: the CSRF token and the one-time form tokens (healthmatch/once),
kept as marks.

Not kept:
- anything but a GET or HEAD answered 200 with HTML, with no header of the view's own but
  ``Vary`` (kept with the page) and no cookie but the CSRF one;
- a page while the person has messages waiting (the page shows them), or whose view queued
  some;
- an answer the view marked ``response.keep_page = False`` (a view with an effect of its own,
  such as recording who read a confidential need).

A page lives ``PAGE_CACHE_SECONDS`` at most, whatever the version says.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from healthmatch.once import services as once
from healthmatch.page_cache.versions import site_version

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
ONCE = re.compile(rf'(name="{once.FIELD}" value=")[^"]*(")')
CSRF_MARK = r"\g<1>__hm_csrf__\g<2>"
ONCE_MARK = r"\g<1>__hm_once__\g<2>"


def page_key(request) -> str:
    user = request.user
    who = user.pk if user.is_authenticated else "-"
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            str(who),
            get_language(),
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
        )
    )
    digest = hashlib.md5(raw.encode()).hexdigest()  # noqa: S324 (a cache key, not a secret)
    return f"page:{site_version()}:{digest}"


def _fill(html: str, request) -> str:
    """The marks replaced by this request's tokens."""
    if "__hm_csrf__" in html:
        html = html.replace('value="__hm_csrf__"', f'value="{get_token(request)}"')
    while '"__hm_once__"' in html:
        html = html.replace('"__hm_once__"', f'"{once.mint(request.user)}"', 1)
    return html


def _keepable(response, request) -> bool:
    storage = get_messages(request)
    return (
        getattr(response, "keep_page", True)
        and response.status_code == 200
        and not response.streaming
        and response["Content-Type"].startswith("text/html")
        and set(response.headers) <= {"Content-Type", "Vary"}
        # The CSRF cookie (set inside the admin's views) is set again by get_token() on a hit.
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and not len(storage)
    )


def cached_data(request, build):
    """For the API: what ``build()`` returns (data ready for JSON), kept under the key a page of
    the same address would have, with the person the API authenticated (a DRF request)."""
    key = f"data:{page_key(request)}"
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, settings.PAGE_CACHE_SECONDS)
    return data


def cached_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or len(get_messages(request)):
            return view(request, *args, **kwargs)
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            headers, html = kept
            return HttpResponse(_fill(html, request), headers=headers)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()  # a TemplateResponse (the admin's pages)
        if _keepable(response, request):
            html = response.content.decode(response.charset)
            html = ONCE.sub(ONCE_MARK, CSRF.sub(CSRF_MARK, html))
            headers = dict(response.headers)
            cache.set(key, (headers, html), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped
