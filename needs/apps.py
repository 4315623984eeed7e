from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        # Register the need_* email builders in every process (web, worker, beat).
        from needs import notifications  # noqa: F401
        from needs.signals import connect_receivers

        connect_receivers()
