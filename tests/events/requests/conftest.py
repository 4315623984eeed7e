"""A matchmaking day of the shared ``hub``: the buyer (``owner`` of the hospital) pitches a need,
the company (``company_owner``) brings a capability, and HealthMatch holds a match between them;
a colleague of the buyer (``member``) is registered too, and an ``outsider`` is not."""

import pytest

from tests import factories as f


@pytest.fixture
def event(hub):
    return f.EventFactory(hub=hub, title="Welfare Tech Matchmaking Day")


@pytest.fixture
def need(buyer_org):
    return f.NeedFactory(
        organisation=buyer_org,
        published=True,
        title="Fewer falls at night",
        summary="Detect a patient about to fall at night, with a sensor.",
    )


@pytest.fixture
def capability(company_owner, company_org):
    profile = f.CompanyProfileFactory(organisation=company_org)
    return f.CapabilityFactory(company=profile, published=True, title="Radar fall sensor")
