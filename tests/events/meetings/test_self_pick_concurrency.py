"""Two people accepting at the same moment for the last free table of one slot: one meeting,
the other told the time is no longer free, their request still pending. Needs PostgreSQL (see
tests/events/test_concurrency.py)."""

import pytest
from django.core.exceptions import ValidationError

from events.meetings import self_pick
from events.meetings.models import Meeting
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.events.test_concurrency import _race, postgres_only


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_accepting_for_the_last_table_at_one_slot_get_one_meeting(hub):
    event = f.EventFactory(hub=hub, scheduling="self_pick")
    session = f.SessionFactory(event=event)
    f.TableFactory(event=event, number=1)
    pairs = []
    for _ in range(4):
        buyer = f.RegistrationFactory(event=event, organisation=f.OrganisationFactory(hub=hub))
        company = f.RegistrationFactory(
            event=event, organisation=f.OrganisationFactory(hub=hub, company=True)
        )
        pairs.append(f.MeetingRequestFactory(from_registration=company, to_registration=buyer))
    key = f"{session.pk}-0"

    results = _race(
        [lambda r=r: self_pick.accept_at(r, actor=r.to_registration.user, slot=key) for r in pairs]
    )

    made = [r for r in results if isinstance(r, MeetingRequest)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == 3, results
    assert all(
        r.message_dict == {"slot": ["This time is no longer free: choose another."]}
        for r in refused
    )
    assert Meeting.objects.filter(session=session, slot=0).count() == 1
    assert MeetingRequest.objects.filter(status="pending").count() == 3
