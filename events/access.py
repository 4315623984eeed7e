"""Who may see which event. Written once, used by the pages, the services and later the API.

- the hub's coordinators (and superusers): every event of their hubs, drafts included;
- anybody, signed in or not: published, closed and cancelled public events;
- active members of an organisation of the event's hub: its members-only events too.

Everybody else gets a 404 for drafts and members-only events.
"""

from django.db.models import Q

from healthmatch.accounts.access import coordinator_hub_q, member_org_ids
from healthmatch.accounts.models import Organisation

LISTED_STATUSES = ("published", "registration_closed", "cancelled")


def member_hub_ids(user) -> list[int]:
    """Hubs whose members-only events the user may see: those of their organisations."""
    ids = member_org_ids(user)
    if not ids:
        return []
    return list(Organisation.objects.filter(pk__in=ids).values_list("hub_id", flat=True))


def visible_events_q(user) -> Q:
    q = Q(status__in=LISTED_STATUSES, visibility="public")
    if user.is_authenticated:
        hubs = member_hub_ids(user)
        if hubs:
            q |= Q(status__in=LISTED_STATUSES, visibility="members", hub_id__in=hubs)
        coord = coordinator_hub_q(user)
        if coord is not None:
            q |= coord
    return q


def organiser_q(user) -> Q | None:
    """Events the user organises (coordinates the hub of), or None."""
    return coordinator_hub_q(user)
