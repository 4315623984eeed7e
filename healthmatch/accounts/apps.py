from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "healthmatch.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from healthmatch.accounts.roles import ensure_coordinator_group

        # Sent once per app: re-run each time so permissions of later apps are included.
        post_migrate.connect(ensure_coordinator_group, dispatch_uid="hm-coordinator-group")
