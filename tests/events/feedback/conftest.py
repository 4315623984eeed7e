"""A matchmaking day of the shared ``hub`` held yesterday (08:00 to 16:00 in Copenhagen): one
session of two slots (09:00 and 09:25), two numbered tables. The buyer (``owner``) met the
company (``company_owner``) about a need and a capability HealthMatch matched (``met``, at
09:00), and met a second company without a match (``met_second``, at 09:25)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.meetings.models import Meeting
from events.models import Event
from events.requests.models import MeetingRequest
from tests import factories as f

ZONE = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def event(hub):
    start = (timezone.now().astimezone(ZONE) - datetime.timedelta(days=1)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    return f.EventFactory(
        hub=hub,
        title="Welfare Tech Matchmaking Day",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        status=Event.Status.REGISTRATION_CLOSED,
    )


@pytest.fixture
def session(event):
    start = event.starts_at + datetime.timedelta(hours=1)
    end = start + datetime.timedelta(minutes=45)
    return f.SessionFactory(event=event, title="Morning", starts_at=start, ends_at=end)


@pytest.fixture
def tables(event):
    return [f.TableFactory(event=event, number=1), f.TableFactory(event=event, number=2)]


@pytest.fixture
def need(buyer_org):
    return f.NeedFactory(organisation=buyer_org, published=True, title="Fewer falls at night")


@pytest.fixture
def capability(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, published=True, title="Radar fall sensor")


@pytest.fixture
def second_company_reg(event, hub):
    org = f.OrganisationFactory(name="Walkwise A/S", company=True, hub=hub)
    user = f.UserFactory(email="ceo@walkwise.example", name="Wilma Walkwise")
    return f.RegistrationFactory(event=event, user=user, organisation=org)


def accepted(asker, asked, **fields):
    return f.MeetingRequestFactory(
        from_registration=asker,
        to_registration=asked,
        status=MeetingRequest.Status.ACCEPTED,
        **fields,
    )


def place(request, session, slot_index, table, **fields):
    slot = session.slots()[slot_index]
    return Meeting.objects.create(
        request=request,
        session=session,
        slot=slot_index,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        table=table,
        **fields,
    )


@pytest.fixture
def met(buyer_reg, company_reg, match, need, capability, session, tables):
    request = accepted(
        buyer_reg, company_reg, match=match, need=need, capability=capability, score=0.8
    )
    return place(request, session, 0, tables[0])


@pytest.fixture
def met_second(buyer_reg, second_company_reg, session, tables):
    return place(accepted(second_company_reg, buyer_reg, score=0.3), session, 1, tables[0])
