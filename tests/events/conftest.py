"""Events of the shared ``hub``: a public one open for registration, a members-only one and a
draft; a coordinator of another hub; and the outbox rows the services write."""

import pytest
from django.contrib.auth.models import Group

from healthmatch.accounts.roles import COORDINATORS_GROUP
from healthmatch.mail.models import OutboxMessage
from tests import factories as f


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
    user = f.UserFactory(email="coordinator@nht.example", name="Nora Coordinator")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    other_hub.coordinators.add(user)
    return user


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
