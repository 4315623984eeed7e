"""allauth's emails (address confirmation, password reset) leave the request like ours do:
rendered here, sent by the Celery worker after the transaction commits."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        from healthmatch.accounts.tasks import send_rendered_email

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        payload = {
            "subject": message.subject,
            "body": message.body,
            "html": html,
            "to": list(message.to),
            "from_email": message.from_email,
            "headers": dict(message.extra_headers),
        }
        transaction.on_commit(lambda: send_rendered_email.delay(**payload))
