from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "healthmatch.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")
    # What the Coordinators group may do in the admin (roles.py). Every app declares its own
    # models the same way: ``coordinator_permissions = {model: actions}`` on its AppConfig.
    coordinator_permissions = {
        "organisation": ("view", "change"),
        "membership": ("view", "change"),
        "organisationinvitation": ("view",),
        "hub": ("view",),
        "clinicalarea": ("view", "add", "change", "delete"),
        "caresetting": ("view", "add", "change", "delete"),
        "technologytype": ("view", "add", "change", "delete"),
        "regulatoryitem": ("view", "add", "change", "delete"),
        "region": ("view", "add", "change", "delete"),
        "user": ("view",),
    }

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from healthmatch.accounts.middleware import remember_hub_time_zone
        from healthmatch.accounts.roles import ensure_coordinator_group

        # Sent once per app: re-run each time so permissions of later apps are included.
        post_migrate.connect(ensure_coordinator_group, dispatch_uid="hm-coordinator-group")
        user_logged_in.connect(remember_hub_time_zone, dispatch_uid="hm-hub-time-zone")
        self._bump_catalogue_on_changes()
        self._forget_memberships_on_changes()

    def _bump_catalogue_on_changes(self):
        """What cached fragments show of organisations, hubs and terms (versions.py)."""
        from django.db.models.signals import post_delete, post_save

        from healthmatch.accounts import models
        from healthmatch.accounts.versions import bump_catalogue

        watched = (
            models.Organisation,
            models.Hub,
            models.ClinicalArea,
            models.CareSetting,
            models.TechnologyType,
            models.RegulatoryItem,
            models.Region,
        )
        for model in watched:
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_catalogue, sender=model, dispatch_uid=f"hm-catalogue-{model.__name__}"
                )

    def _forget_memberships_on_changes(self):
        """A person's cached memberships (membership_cache.py)."""
        from django.db.models.signals import post_delete, post_save

        from healthmatch.accounts.membership_cache import forget_memberships
        from healthmatch.accounts.models import Membership

        for signal in (post_save, post_delete):
            signal.connect(
                forget_memberships, sender=Membership, dispatch_uid="hm-memberships-cache"
            )
