"""The Coordinators group and its admin permissions, kept in step after every migrate."""

from django.utils.translation import gettext_lazy as _

COORDINATORS_GROUP = "Coordinators"
COORDINATOR_PERMISSIONS = {
    # app_label: {model: actions}
    "accounts": {
        "organisation": ("view", "change"),
        "membership": ("view", "change"),
        "hub": ("view",),
        "clinicalarea": ("view", "add", "change", "delete"),
        "caresetting": ("view", "add", "change", "delete"),
        "technologytype": ("view", "add", "change", "delete"),
        "regulatoryitem": ("view", "add", "change", "delete"),
        "region": ("view", "add", "change", "delete"),
        "user": ("view",),
    },
    "needs": {
        "need": ("view", "change"),
        "needstatuschange": ("view",),
        "needinvitation": ("view", "add", "change", "delete"),
        "needattachment": ("view",),
        "needdetailview": ("view",),
    },
    "companies": {
        "companyprofile": ("view", "change"),
        "capability": ("view", "change"),
        "contactperson": ("view",),
        "certification": ("view",),
        "capabilityreference": ("view",),
        "capabilityattachment": ("view",),
    },
    "matching": {
        "match": ("view",),
        "matchevent": ("view",),
        "introduction": ("view",),
        "curationqueueitem": ("view",),
        "matchingconfig": ("view", "add", "change"),
        "matchrun": ("view",),
        "bid": ("view",),
        "bidevent": ("view",),
        "bidattachment": ("view",),
    },
}

GROUP_LABEL = _("Coordinators")


def ensure_coordinator_group(**kwargs):
    """post_migrate receiver: create the group and grant exactly the listed permissions."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    wanted = []
    for app_label, models in COORDINATOR_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append((app_label, f"{action}_{model}"))
    perms = [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in=COORDINATOR_PERMISSIONS.keys()
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in set(wanted)
    ]
    group.permissions.set(perms)
