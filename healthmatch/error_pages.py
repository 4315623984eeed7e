"""The site's own error pages, also with DEBUG on.

With DEBUG, Django answers a URL no pattern matches with its technical 404 (which lists every URL
pattern), and an exception in a view with its technical 500 or 400 (traceback, settings, the
request). ``make run`` runs with DEBUG, and a demo should show the pages people will see, so the
two middlewares below answer those cases with the handlers of healthmatch/urls.py (the site's
404.html, 500.html, 400.html; JSON under /api/), unless DEBUG_ERROR_PAGES asks for Django's
pages. The exception and its traceback are logged either way, as Django logs them without DEBUG.

Errors raised inside another middleware still get Django's technical page with DEBUG (no
middleware sees them), but for the one a visitor can cause: a Host header not in ALLOWED_HOSTS.
"""

import logging

from django.conf import settings
from django.core import signals
from django.core.exceptions import (
    BadRequest,
    DisallowedHost,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, get_resolver, get_urlconf, resolve
from django.utils.log import log_response
from django.views import csrf


def shows_site_pages() -> bool:
    """Whether these middlewares step in: only with DEBUG (without it Django shows the site's
    pages itself), and not when a developer asked for Django's (DEBUG_ERROR_PAGES)."""
    return settings.DEBUG and not settings.DEBUG_ERROR_PAGES


def error_response(request, status: int, exception=None):
    handler = get_resolver(get_urlconf()).resolve_error_handler(status)
    if status == 500:
        return handler(request)
    return handler(request, exception=exception)


def suspicious_request(request, exception: SuspiciousOperation):
    """The site's 400, logged to django.security.<kind> as Django logs it."""
    response = error_response(request, 400, exception)
    log_response(
        str(exception),
        exception=exception,
        request=request,
        response=response,
        level="error",
        logger=logging.getLogger(f"django.security.{exception.__class__.__name__}"),
    )
    return response


class SiteNotFoundMiddleware:
    """Last in MIDDLEWARE: a URL no pattern matches gets the site's 404. Django resolves the URL
    after the last middleware, where no middleware can catch its 404, so this one resolves it
    first. Its answer still passes every other middleware (a missing slash is still redirected,
    the CSRF cookie and security headers are still set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if shows_site_pages():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return error_response(request, 404, exc)
        return self.get_response(request)


class SiteErrorPagesMiddleware:
    """Before CommonMiddleware and allauth's in MIDDLEWARE. A request for a host not in
    ALLOWED_HOSTS (`make run HOST=0.0.0.0` opened by the machine's address) gets the site's 400:
    CommonMiddleware would raise DisallowedHost where no middleware can catch it. And its
    exception hook runs after allauth's (which turns allauth's own exceptions into redirects):
    an exception in a view or while rendering its template gets the site's 404, 400 or 500.
    Django answers PermissionDenied and a malformed upload with the site's handlers even with
    DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if shows_site_pages():
            try:
                request.get_host()
            except DisallowedHost as exc:
                return suspicious_request(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not shows_site_pages() or settings.DEBUG_PROPAGATE_EXCEPTIONS:
            return None
        if isinstance(exception, (PermissionDenied, MultiPartParserError)):
            return None
        if isinstance(exception, Http404):
            return error_response(request, 404, exception)
        if isinstance(exception, SuspiciousOperation):
            if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
                # As Django does: the body cannot be read again, so reading it fails quietly.
                request._mark_post_parse_error()
            return suspicious_request(request, exception)
        if isinstance(exception, BadRequest):
            response = error_response(request, 400, exception)
        else:
            signals.got_request_exception.send(sender=None, request=request)
            response = error_response(request, 500)
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without a valid CSRF token (an old tab, blocked cookies)
    gets a page in the site's layout that says what to do; Django's page explains the reason to
    developers who set DEBUG and DEBUG_ERROR_PAGES."""
    if settings.DEBUG and settings.DEBUG_ERROR_PAGES:
        return csrf.csrf_failure(request, reason=reason)
    return render(request, "csrf_failure.html", status=403)
