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
        self._bump_listing_on_changes()

    def _bump_listing_on_changes(self):
        """The needs list's cached bodies (needs/listing.py)."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from needs.listing import bump_listing
        from needs.models import Need, NeedInvitation

        for model in (Need, NeedInvitation):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_listing, sender=model, dispatch_uid=f"hm-listing-{model.__name__}"
                )
        for field in Need._meta.many_to_many:
            m2m_changed.connect(
                bump_listing,
                sender=field.remote_field.through,
                dispatch_uid=f"hm-listing-{field.name}",
            )
