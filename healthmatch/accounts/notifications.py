"""Who hears about account events. Each kind: a builder that loads the object by id and
returns (recipients, context); the task renders the templates and sends."""

from healthmatch.accounts.mail import send_after_commit
from healthmatch.accounts.models import Membership, Organisation

BUILDERS = {}


def builder(kind):
    def register(func):
        BUILDERS[kind] = func
        return func

    return register


def register_builder(kind, func):
    """Apps register their own kinds (needs: published, returned, ...)."""
    BUILDERS[kind] = func


def organisation_created(org):
    send_after_commit("organisation_created", org.pk)


def membership_requested(membership):
    send_after_commit("membership_requested", membership.pk)


def membership_decided(membership):
    send_after_commit("membership_decided", membership.pk)


def organisation_verified(org):
    send_after_commit("organisation_verified", org.pk)


def _admin_emails(org):
    return list(
        Membership.objects.active()
        .filter(organisation=org, role=Membership.Role.ADMIN)
        .values_list("user__email", flat=True)
    )


def _member_emails(org):
    return list(
        Membership.objects.active().filter(organisation=org).values_list("user__email", flat=True)
    )


@builder("organisation_created")
def _organisation_created(pk):
    org = Organisation.objects.select_related("hub").get(pk=pk)
    to = list(org.hub.coordinators.filter(is_active=True).values_list("email", flat=True))
    return to, {"organisation": org}


@builder("membership_requested")
def _membership_requested(pk):
    m = Membership.objects.select_related("user", "organisation").get(pk=pk)
    return _admin_emails(m.organisation), {"membership": m}


@builder("membership_decided")
def _membership_decided(pk):
    m = Membership.objects.select_related("user", "organisation").get(pk=pk)
    return [m.user.email], {"membership": m}


@builder("organisation_verified")
def _organisation_verified(pk):
    org = Organisation.objects.get(pk=pk)
    return _member_emails(org), {"organisation": org}
