from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The sub-domains of the app, each a package with its own models (and admin, views, ...).
SUB_DOMAINS = ("runs", "lifecycle", "notify", "bids")


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def import_models(self):
        """matching.models holds Match, the core; each sub-domain's models module builds on it,
        so the core imports none of them and they are registered here, with the app's models."""
        super().import_models()
        for sub_domain in SUB_DOMAINS:
            import_module(f"matching.{sub_domain}.models")

    def ready(self):
        from django.db.models.signals import post_save

        from companies.models import Capability
        from companies.signals import capability_status_changed
        from matching import signals
        from needs.models import Need

        post_save.connect(signals.need_saved, sender=Need, dispatch_uid="matching-need-saved")
        post_save.connect(
            signals.capability_saved, sender=Capability, dispatch_uid="matching-capability-saved"
        )
        capability_status_changed.connect(
            signals.capability_status_changed,
            sender=Capability,
            dispatch_uid="matching-capability-status",
        )
