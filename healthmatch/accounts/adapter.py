"""allauth's emails (address confirmation, password reset) leave like ours do: rendered in the
request, written to the outbox in its transaction, sent by the worker after commit."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.utils import translation

from healthmatch.mail.services import enqueue_rendered


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
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
