"""allauth's emails (address confirmation, password reset) leave like ours do: rendered in the
request, written to the outbox in its transaction, sent by the worker after commit.

Their templates greet with ``current_site.name`` and ``current_site.domain``; without the sites
framework they would be empty ("Hello from !"): the site is SITE_NAME at SITE_URL's host."""

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from healthmatch.mail.services import enqueue_rendered


@dataclass(frozen=True)
class NamedSite:
    """What allauth's templates read of a site: its name and its domain."""

    name: str
    domain: str

    def __str__(self):
        return self.name


def current_site() -> NamedSite:
    """The site as the emails name it: SITE_NAME, and the host of SITE_URL."""
    return NamedSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject):
        return f"[{settings.SITE_NAME}] {subject}"

    def login(self, request, user):
        """Sign in, and speak the person's language from here on in this request too: the
        "signed in" message it adds reads like the pages that follow (accounts/middleware.py),
        not in the language of the browser the person signed in from."""
        super().login(request, user)
        language = getattr(user, "language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def send_mail(self, template_prefix, email, context):
        context = {"email": email, **context, "current_site": current_site()}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        kind = template_prefix.rsplit("/", 1)[-1]
        user = context.get("user")
        if not isinstance(user, get_user_model()) or not user.pk:
            user = None
        for address in message.to:
            # Each call is its own event (a resend is a new message): a fresh key every time.
            enqueue_rendered(
                key=f"account:{kind}:{uuid.uuid4().hex}",
                kind=kind,
                to=address,
                subject=message.subject,
                text=message.body,
                html=html,
                user=user,
                language=translation.get_language(),
                headers=dict(message.extra_headers),
                category="account",
                from_email=message.from_email,
            )
