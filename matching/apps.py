from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")
    # What the Coordinators group may do in the admin (healthmatch/accounts/roles.py).
    coordinator_permissions = {
        "match": ("view",),
        "matchevent": ("view",),
        "introduction": ("view",),
        "curationqueueitem": ("view",),
        "matchingconfig": ("view", "add", "change"),
        "matchrun": ("view",),
        "bid": ("view",),
        "bidevent": ("view",),
        "bidattachment": ("view",),
    }

    def ready(self):
        from matching import receivers

        # Rescore or retire after the needs' and companies' domain events (matching/receivers.py).
        receivers.connect()
