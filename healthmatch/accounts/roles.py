"""The Coordinators group and its admin permissions, kept in step after every migrate.

Each app declares what coordinators may do with its models on its AppConfig:
``coordinator_permissions = {model_name: ("view", "change", ...)}``. The core reads them from
the installed apps and names none of them.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

COORDINATORS_GROUP = "Coordinators"

GROUP_LABEL = _("Coordinators")


def coordinator_codenames() -> set[tuple[str, str]]:
    """(app_label, codename) of every permission the installed apps grant coordinators."""
    return {
        (config.label, f"{action}_{model}")
        for config in apps.get_app_configs()
        for model, actions in getattr(config, "coordinator_permissions", {}).items()
        for action in actions
    }


def ensure_coordinator_group(**kwargs):
    """post_migrate receiver: create the group and grant exactly the declared permissions."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    wanted = coordinator_codenames()
    perms = [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in={app_label for app_label, _codename in wanted}
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    group.permissions.set(perms)
