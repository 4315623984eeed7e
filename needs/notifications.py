"""Who hears about a need's lifecycle. Each kind registers a builder with the core's registry:
it loads the object by id and returns (recipients, context); the core task renders and sends.

- need_submitted: the hub's coordinators, who review it;
- need_published / need_returned: the active members of the owning organisation.
"""

from healthmatch.accounts.mail import send_after_commit
from healthmatch.accounts.models import Membership
from healthmatch.accounts.notifications import register_builder
from needs.models import Need, NeedStatusChange


def need_submitted(need):
    send_after_commit("need_submitted", need.pk)


def need_published(need):
    send_after_commit("need_published", need.pk)


def need_returned(change):
    """Takes the status change, so the email carries exactly the comment given then."""
    send_after_commit("need_returned", change.pk)


def _load(pk):
    return Need.objects.select_related("organisation", "hub").get(pk=pk)


def _member_emails(need):
    return list(
        Membership.objects.active()
        .filter(organisation_id=need.organisation_id, user__is_active=True)
        .values_list("user__email", flat=True)
    )


def _submitted(pk):
    need = _load(pk)
    to = list(need.hub.coordinators.filter(is_active=True).values_list("email", flat=True))
    return to, {"need": need}


def _published(pk):
    need = _load(pk)
    return _member_emails(need), {"need": need}


def _returned(pk):
    change = NeedStatusChange.objects.select_related(
        "need__organisation", "need__hub", "actor"
    ).get(pk=pk)
    return _member_emails(change.need), {
        "need": change.need,
        "comment": change.comment,
        "coordinator": change.actor,
    }


register_builder("need_submitted", _submitted)
register_builder("need_published", _published)
register_builder("need_returned", _returned)
