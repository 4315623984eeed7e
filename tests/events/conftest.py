"""Events of the shared ``hub``: a public one open for registration, a members-only one and a
draft; a coordinator of another hub; and the outbox rows the services write."""

import pytest

from healthmatch.mail.models import OutboxMessage
from tests import factories as f
from tests.conftest import make_coordinator


@pytest.fixture
def event(hub):
    return f.EventFactory(hub=hub, title="Welfare Tech Matchmaking Day")


@pytest.fixture
def members_event(hub):
    return f.EventFactory(hub=hub, members_only=True, title="Members' roundtable")


@pytest.fixture
def draft_event(hub):
    return f.EventFactory(hub=hub, draft=True, title="Autumn festival (draft)")


@pytest.fixture
def other_coordinator(other_hub):
    return make_coordinator(other_hub, email="coordinator@nht.example", name="Nora Coordinator")


def outbox(kind=None, to=None):
    rows = OutboxMessage.objects.order_by("pk")
    if kind:
        rows = rows.filter(kind=kind)
    if to:
        rows = rows.filter(to_email=to)
    return list(rows)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


# --- A buyer and a company registered for ``event`` (requests/ and meetings/ each define the
# ``event``, ``need`` and ``capability`` these take) ---------------------------------------------


@pytest.fixture
def buyer_reg(event, owner, buyer_org, need):
    registration = f.RegistrationFactory(event=event, user=owner, organisation=buyer_org)
    registration.pitched_needs.set([need])
    return registration


@pytest.fixture
def company_reg(event, company_owner, company_org, capability):
    registration = f.RegistrationFactory(event=event, user=company_owner, organisation=company_org)
    registration.capabilities.set([capability])
    return registration


@pytest.fixture
def member_reg(event, member, buyer_org):
    return f.RegistrationFactory(event=event, user=member, organisation=buyer_org)


@pytest.fixture
def match(need, capability):
    return f.MatchFactory(need=need, capability=capability, score=0.8)


def event_add_data(hub):
    """The admin's event add form filled in: an Oslo event in June 2031, no sessions or tables."""
    management = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0"}
    return {
        "hub": hub.pk,
        "title": "Oslo Matchmaking",
        "language": "nb",
        "visibility": "public",
        "time_zone": "Europe/Oslo",
        "starts_at_0": "2031-06-10",
        "starts_at_1": "09:00",
        "ends_at_0": "2031-06-10",
        "ends_at_1": "16:00",
        "request_acceptance": "opt_in",
        "scheduling": "organiser",
        "location": "tables",
        **{f"sessions-{k}": v for k, v in management.items()},
        **{f"tables-{k}": v for k, v in management.items()},
        "sessions-MAX_NUM_FORMS": "1000",
        "tables-MAX_NUM_FORMS": "1000",
    }
