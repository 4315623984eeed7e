"""Both people of a pair asking each other at the same moment, several times over: exactly one
open request, the others refused with a clear message. Needs PostgreSQL (see
tests/events/test_concurrency.py)."""

import pytest
from django.core.exceptions import ValidationError

from events.requests import services
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.events.test_concurrency import _race, postgres_only


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_pair_asking_each_other_at_once_gets_one_request(hub):
    event = f.EventFactory(hub=hub)
    buyer = f.RegistrationFactory(event=event, organisation=f.OrganisationFactory(hub=hub))
    company = f.RegistrationFactory(
        event=event, organisation=f.OrganisationFactory(hub=hub, company=True)
    )
    calls = []
    for _ in range(4):
        calls.append(lambda: services.request_meeting(buyer, company, actor=buyer.user))
        calls.append(lambda: services.request_meeting(company, buyer, actor=company.user))

    results = _race(calls)

    made = [r for r in results if isinstance(r, MeetingRequest)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 7, results
    assert all("already have an open meeting request" in str(r) for r in refused)
    assert MeetingRequest.objects.open().count() == 1
