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
