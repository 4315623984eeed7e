from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnceConfig(AppConfig):
    name = "healthmatch.once"
    label = "once"
    verbose_name = _("One-time form tokens")

    def ready(self):
        from healthmatch.once import tasks  # noqa: F401
