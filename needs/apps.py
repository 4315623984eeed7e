from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")
    # What the Coordinators group may do in the admin (healthmatch/accounts/roles.py).
    coordinator_permissions = {
        "need": ("view", "change"),
        "needstatuschange": ("view",),
        "needinvitation": ("view", "add", "change", "delete"),
        "needattachment": ("view",),
        "needdetailview": ("view",),
    }

    def ready(self):
        from healthmatch.accounts.term_changes import stamp_items_of_changed_terms
        from needs.models import Need

        # A renamed or deleted term changes the text of the needs tagged with it.
        stamp_items_of_changed_terms(Need)

        from needs import webhooks

        # need.published to the need's organisation's endpoints (needs/webhooks.py).
        webhooks.connect()
