from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

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
