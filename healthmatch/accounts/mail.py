"""Render and send one templated email: subject, plain text and HTML per message kind.

Templates live in templates/email/<kind>_subject.txt, <kind>.txt and <kind>.html. Sending is
always done by a Celery task after the transaction commits (see ``send_after_commit``); the
outbox with retries and suppression arrives with the notifications issue.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)


def render_email(kind: str, context: dict, language: str | None = None) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"email/{kind}_subject.txt", context).strip()
        text = render_to_string(f"email/{kind}.txt", context)
        html = render_to_string(f"email/{kind}.html", context)
    return " ".join(subject.split()), text, html


def send_email(kind: str, to: list[str], context: dict, language: str | None = None) -> None:
    subject, text, html = render_email(kind, context, language)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    message.send()
    log.info("sent %s email to %d recipient(s)", kind, len(to))


def send_after_commit(kind: str, object_id: int) -> None:
    """Queue the notification task for ``kind`` once the surrounding transaction commits."""
    from healthmatch.accounts.tasks import send_notification

    transaction.on_commit(lambda: send_notification.delay(kind, object_id))
