"""A small world for the match lifecycle: a published need of the buyer (``owner``,
``member``), a published capability of the company (``company_owner``, ``company_member``) with
a contact person, a match between them, the hub's ``coordinator`` and a coordinator of another
hub. Emails go to a real SMTP server on loopback (aiosmtpd)."""

import email
from email import policy
from types import SimpleNamespace

import pytest

from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability, published_need


@pytest.fixture
def world(buyer_org, company_org, owner, member, company_owner, company_member, coordinator):
    buyer_org.website = "https://ouh.example"
    buyer_org.save()
    profile = f.CompanyProfileFactory(organisation=company_org)
    f.ContactPersonFactory(
        company=profile, name="Sales Sofie", email="sales@caresense.example", phone="+45 1234"
    )
    need = published_need(buyer_org, created_by=owner)
    capability = published_capability(profile)
    match = make_match(need, capability, 0.82)
    return SimpleNamespace(need=need, capability=capability, match=match, profile=profile)


def received(server) -> dict:
    """{recipient: parsed message} of what the SMTP server got."""
    return {
        m["to"][0]: email.message_from_bytes(m["content"], policy=policy.default)
        for m in server.handler.messages
    }


def parts(message) -> dict:
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }
