"""Pages in the signed-in person's own language (User.language), whatever the browser says,
and times in their time zone.

After LocaleMiddleware (which picked the language from the cookie or the browser) and
AuthenticationMiddleware; LocaleMiddleware's response half then sets Content-Language and Vary
for the language in effect."""

from django.conf import settings
from django.utils import timezone, translation

from healthmatch.accounts import services


def user_language(get_response):
    """Also keeps the language cookie equal to the person's language, so the page after they
    sign out (or a later visit signed out) stays in it."""

    def middleware(request):
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        language = getattr(user, "language", "") if signed_in else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = get_response(request)
        # Read again: the request may have changed it (the profile page, the language menu).
        language = getattr(user, "language", "") if signed_in else ""
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            remember_language(response, language)
        return response

    return middleware


def remember_language(response, language: str) -> None:
    """Set the language cookie as Django's set_language view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


HUB_ZONE_KEY = "hub_time_zone"


def user_time_zone(get_response):
    """Times in the signed-in person's zone (User.time_zone), else in their organisation's hub's,
    else in the site's (TIME_ZONE). The hub's zone is looked up when the person signs in and
    kept in the session (``remember_hub_time_zone``), so pages ask the database nothing more."""

    def middleware(request):
        zone = _zone_for(request)
        if zone:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware


def _zone_for(request) -> str:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return ""
    if user.time_zone:
        return user.time_zone
    session = getattr(request, "session", None)
    if session is None:
        return services.hub_time_zone(user)
    if HUB_ZONE_KEY not in session:  # a session from before this was kept
        remember_hub_time_zone(None, request, user)
    return session[HUB_ZONE_KEY]


def remember_hub_time_zone(sender, request, user, **kwargs):
    """On signing in (user_logged_in), and when the profile's zone is saved: the zone of the
    person's organisation's hub, kept in the session for user_time_zone."""
    session = getattr(request, "session", None)
    if session is not None:
        session[HUB_ZONE_KEY] = services.hub_time_zone(user)
