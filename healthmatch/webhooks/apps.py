from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "healthmatch.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        # Register the sender's tasks in every process (web included): services.kick() queues
        # the sender by name, and only a registered task runs eagerly where Celery is set so.
        from healthmatch.webhooks import tasks  # noqa: F401
