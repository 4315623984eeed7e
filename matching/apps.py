from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching import receivers

        # Rescore or retire after the needs' and companies' domain events (matching/receivers.py).
        receivers.connect()
