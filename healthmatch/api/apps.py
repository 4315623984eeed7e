from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "healthmatch.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        # Registers the Bearer token's security scheme with drf-spectacular.
        from healthmatch.api import schema  # noqa: F401
