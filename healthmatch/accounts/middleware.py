"""Pages in the signed-in person's own language (User.language), whatever the browser says.

After LocaleMiddleware (which picked the language from the cookie or the browser) and
AuthenticationMiddleware; LocaleMiddleware's response half then sets Content-Language and Vary
for the language in effect."""

from django.utils import translation


def user_language(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware
