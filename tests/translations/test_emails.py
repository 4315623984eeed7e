"""The main emails, each rendered the way the product sends it (the service writes the outbox
row, rendered then in the recipient's language), show no English in Danish, Swedish and
Norwegian: subject, text and HTML. Everybody in the world speaks the test's language
(tests/translations/conftest.py); the texts people write are Danish."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from events import services as events
from events.meetings import reminders
from events.meetings import services as meetings
from events.requests import services as meeting_requests
from events.requests.models import MeetingRequest
from healthmatch.mail.models import OutboxMessage
from matching.bids import services as bids
from matching.lifecycle import introductions
from matching.lifecycle import services as lifecycle
from matching.notify.emails import announce
from matching.notify.models import NotificationPreference
from matching.runs.models import MatchingConfig
from needs import services as needs
from tests import factories as f
from tests.translations.english import LANGUAGES, english_in_email

PASSWORD = "ikke-et-rigtigt-kodeord-42"


@dataclass(frozen=True)
class Email:
    name: str
    kind: str
    to: str  # the world's buyer, seller or coordinator, or an address
    send: Callable  # (world, client, language): what makes the product send it


def _matches(frequency):
    def send(world, client, language):
        MatchingConfig.objects.update_or_create(hub=None, defaults={"notify_threshold": 0.5})
        for user in (world.buyer, world.seller):
            NotificationPreference.objects.update_or_create(
                user=user, defaults={"frequency": frequency}
            )
        announce(frequency)

    return send


def _already_sent(world, client, language):
    """The world's making sent it (the bid is submitted in the fixture)."""


def _decline(world, client, language):
    bids.decline_bid(world.bid, actor=world.buyer, feedback="Vi har valgt en anden løsning.")


def _introduce(world, client, language):
    lifecycle.approve(world.match, by=world.coordinator)
    introductions.send_introduction(
        world.match,
        by=world.coordinator,
        subject="Mød hinanden om faldforebyggelse",
        body_buyer="Kære Sygehus Sønderjylland,\n\nmød Sensorik ApS.",
        body_company="Kære Sensorik ApS,\n\nmød Sygehus Sønderjylland.",
    )


def _mutual(world, client, language):
    lifecycle.state_interest(world.match, by=world.buyer, interest="interested")
    lifecycle.state_interest(world.match, by=world.seller, interest="interested")


def _draft(world):
    return f.NeedFactory(
        organisation=world.hospital,
        created_by=world.buyer,
        title="Medicinhåndtering på plejecentre",
        summary="Færre fejl, når medicinen doseres.",
        description="Personalet doserer medicin i hånden.",
        language="da",
    )


def _submit(world, client, language):
    needs.submit_need(_draft(world), actor=world.buyer)


def _publish(world, client, language):
    need = needs.submit_need(_draft(world), actor=world.buyer)
    needs.publish_need(need, actor=world.coordinator)


def _register(world, client, language):
    events.register(world.event, world.seller, world.company)


def _company_registration(world):
    registration = events.register(world.event, world.seller, world.company)
    registration.capabilities.set([world.capability])
    return registration


def _request_meeting(world, client, language):
    meeting_requests.request_meeting(
        _company_registration(world),
        world.registration,
        actor=world.seller,
        message="Kan vi tale om jeres forsøg med radar?",
    )


def _accept_meeting(world, client, language):
    asked = meeting_requests.request_meeting(
        _company_registration(world), world.registration, actor=world.seller
    )
    meeting_requests.accept(asked, actor=world.buyer)


def _schedule(world, client, language):
    """One session and one table; the buyer and the company agreed to meet about the match;
    the organiser schedules (each gets their agenda)."""
    start = world.event.starts_at + datetime.timedelta(hours=1)
    f.SessionFactory(
        event=world.event,
        title="Formiddag",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=45),
    )
    f.TableFactory(event=world.event, number=1)
    company = f.RegistrationFactory(
        event=world.event, user=world.seller, organisation=world.company
    )
    f.MeetingRequestFactory(
        from_registration=world.registration,
        to_registration=company,
        status=MeetingRequest.Status.ACCEPTED,
        match=world.match,
        need=world.need,
        capability=world.capability,
        message="Kan vi tale om jeres forsøg med radar?",
    )
    meetings.run_scheduler(world.event, actor=world.coordinator)


def _remind(world, client, language):
    _schedule(world, client, language)
    day_before = world.event.starts_at.astimezone(world.event.zone) - datetime.timedelta(days=1)
    reminders.send_meeting_reminders(day_before.replace(hour=9, minute=30))


def _sign_up(world, client, language):
    client.post(
        reverse("account_signup"),
        {
            "email": "ny@sygehus.example",
            "name": "Ny Person",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _reset_password(world, client, language):
    client.post(
        reverse("account_reset_password"),
        {"email": world.buyer.email},
        HTTP_ACCEPT_LANGUAGE=language,
    )


EMAILS = [
    Email("match, immediately, hospital side", "match_notice", "buyer", _matches("immediately")),
    Email("match, immediately, company side", "match_notice", "seller", _matches("immediately")),
    Email("match digest (daily), hospital side", "match_digest", "buyer", _matches("daily")),
    Email("match digest (weekly), company side", "match_digest", "seller", _matches("weekly")),
    Email("bid received", "bid_submitted", "buyer", _already_sent),
    Email("bid declined", "bid_decided", "seller", _decline),
    Email("introduction, hospital side", "introduction", "buyer", _introduce),
    Email("introduction, company side", "introduction", "seller", _introduce),
    Email("mutual interest", "match_mutual", "coordinator", _mutual),
    Email("need submitted", "need_submitted", "coordinator", _submit),
    Email("need published", "need_published", "buyer", _publish),
    Email("event registration", "event_registration_confirmed", "seller", _register),
    Email("meeting request", "meeting_request_received", "buyer", _request_meeting),
    Email("meeting accepted", "meeting_request_accepted", "seller", _accept_meeting),
    Email("agenda", "meeting_agenda_changed", "seller", _schedule),
    Email("meeting reminder", "meeting_reminder", "buyer", _remind),
    Email("sign-up confirmation", "email_confirmation_signup", "ny@sygehus.example", _sign_up),
    Email("password reset", "password_reset_key", "buyer", _reset_password),
]


@pytest.mark.parametrize("email", EMAILS, ids=lambda e: e.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_email_shows_no_english(client, world, language, email):
    email.send(world, client, language)

    person = getattr(world, email.to, None)
    address = person.email if person else email.to
    rows = list(OutboxMessage.objects.filter(kind=email.kind, to_email=address))
    assert rows, f"no {email.kind} email to {address}"
    for row in rows:
        assert row.language == language
        assert row.subject and row.text and row.html
        english = english_in_email(row.subject, row.text, row.html, language)
        assert not english, "English in the email:\n" + "\n".join(english)
