from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Match is the core (matching.models, matching.admin); each sub-domain (runs, lifecycle,
    notify, bids, funnel) is a package with its own models, services, views, urls, admin and
    emails modules as it needs them. The sub-domains build on the core, never the reverse, so
    their models and admin are imported here rather than by the core's modules."""

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

    def import_models(self):
        super().import_models()
        from matching.bids import models as bids_models  # noqa: F401
        from matching.lifecycle import models as lifecycle_models  # noqa: F401
        from matching.notify import models as notify_models  # noqa: F401
        from matching.runs import models as runs_models  # noqa: F401

    def import_admin(self):
        """The admin's autodiscovery imports matching.admin (Match's) only."""
        from matching.bids import admin as bids_admin  # noqa: F401
        from matching.lifecycle import admin as lifecycle_admin  # noqa: F401
        from matching.runs import admin as runs_admin  # noqa: F401

    def ready(self):
        self.import_admin()

        from matching import receivers, webhooks

        # Rescore or retire after the needs' and companies' domain events (matching/receivers.py).
        receivers.connect()
        # Webhooks of matches and bids after matching's own domain events (matching/webhooks.py).
        webhooks.connect()
