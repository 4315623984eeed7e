from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "healthmatch.mail"
    label = "mail"
    verbose_name = _("Email outbox")

    def ready(self):
        # Register the outbox's tasks in every process (web included): services.kick() queues
        # the sender by name, and only a registered task runs eagerly where Celery is set so.
        from healthmatch.mail import tasks  # noqa: F401
