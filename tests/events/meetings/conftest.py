"""A matchmaking day of the shared ``hub`` scheduled by its organiser: one session of two
slots (09:00 and 09:25 in Copenhagen) and one numbered table, so at most one meeting a slot.
The buyer (``owner``) has accepted requests with two companies (``company_owner`` through a
match, and a second company); a colleague of the buyer (``member``) is registered too."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from events.requests.models import MeetingRequest
from tests import factories as f

ZONE = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def event(hub):
    start = datetime.datetime.now(ZONE).replace(hour=8, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=30)
    return f.EventFactory(
        hub=hub,
        title="Welfare Tech Matchmaking Day",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
    )


@pytest.fixture
def session(event):
    start = event.starts_at + datetime.timedelta(hours=1)
    return f.SessionFactory(
        event=event,
        title="Morning",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=45),
    )


@pytest.fixture
def table(event, session):
    return f.TableFactory(event=event, number=1)


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


@pytest.fixture
def requests(buyer_reg, company_reg, second_company_reg, match, need, capability, table):
    return [
        accepted(
            buyer_reg,
            company_reg,
            match=match,
            need=need,
            capability=capability,
            score=0.8,
        ),
        accepted(second_company_reg, buyer_reg, score=0.3),
    ]


# --- Self-pick (issue 11: modes) ---------------------------------------------------------------


@pytest.fixture
def pick_day(event, session, table):
    """The same day, scheduled by its participants: whoever accepts picks a free slot."""
    event.scheduling = event.Scheduling.SELF_PICK
    event.save()
    return event


def pending(asker, asked, **fields):
    return f.MeetingRequestFactory(from_registration=asker, to_registration=asked, **fields)
