from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo world and its commands (seed_demo, demo_banner). A tool, not the domain: the one
    place besides healthmatch/urls.py that may import every app."""

    name = "healthmatch.demo"
    label = "demo"
    verbose_name = _("Demo")
