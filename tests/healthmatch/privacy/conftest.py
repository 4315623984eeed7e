"""A small world with two people of one hospital who both left traces: ``owner`` (Olivia) wrote
a need with a file, has an API token, got emails and answered a match; ``member`` (Mads) wrote
another need and got his own email; a company person (Cecilie) bid on Olivia's need."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from healthmatch.api import services as api
from healthmatch.attachments import services as attachments
from healthmatch.mail import services as mail
from matching.bids import services as bids
from matching.lifecycle.models import MatchEvent
from needs.models import Need, NeedAttachment
from tests import factories as f

OWNER_TEXT = "Olivia's own words: night falls on ward 7"
MEMBER_TEXT = "Mads's secret plan for the pharmacy robot"
BID_TEXT = "Cecilie's radar solution for ward 7"


def outbox_to(user, key, text):
    return mail.enqueue_rendered(
        key=key,
        kind="test",
        to=user.email,
        subject=f"About {key}",
        text=text,
        html="",
        user=user,
    )


@pytest.fixture
def world(buyer_org, company_org, owner, member, company_owner):
    need = f.NeedFactory(
        organisation=buyer_org,
        created_by=owner,
        published=True,
        title="Fewer falls at night",
        description=OWNER_TEXT,
    )
    member_need = f.NeedFactory(
        organisation=buyer_org, created_by=member, title="Pharmacy", description=MEMBER_TEXT
    )
    attachment = attachments.add_attachment(
        need,
        model=NeedAttachment,
        upload=SimpleUploadedFile("olivia-plan.pdf", b"%PDF-1.4 Olivia's plan\n%%EOF\n"),
        actor=owner,
        too_many=str,
    )
    profile = f.CompanyProfileFactory(organisation=company_org)
    capability = f.CapabilityFactory(company=profile, published=True, created_by=company_owner)
    bid = bids.create_bid(
        need=need,
        company=company_org,
        author=company_owner,
        data={
            "summary": BID_TEXT,
            "solution": "Radar units.",
            "evidence": "",
            "price_min": None,
            "price_max": None,
            "currency": "DKK",
            "timeline": "3 months",
        },
        capabilities=[capability],
        submit=True,
    )
    match = f.MatchFactory(need=need, capability=capability)
    MatchEvent.objects.create(
        match=match, actor=owner, from_status="suggested", to_status="mutual", note="Yes please"
    )
    token, _plain = api.create_token(
        owner, name="Olivia's script", scope="read", expires_in_days=30
    )
    outbox_to(owner, "owner-1", "Dear Olivia, your need is published.")
    outbox_to(member, "member-1", "Dear Mads, welcome.")
    return SimpleNamespace(
        need=need,
        member_need=member_need,
        attachment=attachment,
        bid=bid,
        match=match,
        token=token,
        capability=capability,
        status=Need.Status,
    )
