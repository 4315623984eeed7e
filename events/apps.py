from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # What the Coordinators group may do in the admin (healthmatch/accounts/roles.py). Events
    # are cancelled, never deleted; registrations change only through the admin's actions.
    coordinator_permissions = {
        "event": ("view", "add", "change"),
        "session": ("view", "add", "change", "delete"),
        "table": ("view", "add", "change", "delete"),
        "registration": ("view", "change"),
        "eventmessage": ("view",),
    }
