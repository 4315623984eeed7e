"""The events API's tests: an API client signed in as whoever a test names, and the matchmaking
day of tests/events/meetings (a session of two slots, one table, a buyer and a company with a
match). The people are tests/conftest.py's: ``owner`` (the buyer participant), ``member`` (a
colleague of the same organisation), ``company_owner``, ``outsider`` (another hub) and
``coordinator`` (the hub's, who organises its events)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories as f

ZONE = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_user(api, request):
    """``as_user("owner")``: the client signed in as that fixture's person (None: anonymous)."""

    def sign_in(who):
        api.logout()
        if who is not None:
            api.force_authenticate(request.getfixturevalue(who))
        return api

    return sign_in


def url(name, *args, **query):
    path = reverse(f"api:{name}", args=args)
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


@pytest.fixture
def event(hub):
    start = datetime.datetime.now(ZONE).replace(hour=8, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=30)
    return f.EventFactory(
        hub=hub,
        title="Welfare Tech Matchmaking Day",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        time_zone="Europe/Copenhagen",
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
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Fewer falls at night",
        summary="Detect a patient about to fall at night, with a sensor.",
    )


@pytest.fixture
def capability(company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, published=True, title="Radar fall sensor")
