from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Export, erasure and retention. Sits in the top import layer with the demo: it reads the
    needs' and bids' states for the retention of their attachments."""

    name = "healthmatch.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Register the tasks in every process: views queue the builder by name.
        from healthmatch.privacy import tasks  # noqa: F401
