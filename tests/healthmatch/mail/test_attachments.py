"""Attachments travel with the outbox row to the SMTP server: a calendar file arrives as
``text/calendar; method=...`` beside both parts and parses back; a callable is asked once per
new row, in the recipient's language."""

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import deliver_due
from tests import factories as f
from tests.healthmatch.mail.conftest import parts

pytestmark = pytest.mark.django_db

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:PUBLISH\r\n"
    "BEGIN:VEVENT\r\nUID:meeting-request-7@test\r\nDTSTAMP:20260101T080000Z\r\n"
    "DTSTART:20260102T080000Z\r\nSUMMARY:Møde med Åse\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
CALENDAR = {"filename": "agenda.ics", "content": ICS, "mimetype": "text/calendar; method=PUBLISH"}


def _attachments(message):
    return [part for part in message.walk() if part.get_content_disposition() == "attachment"]


def test_a_calendar_attachment_arrives_beside_both_parts_and_parses(smtp, buyer_org):
    row = services.enqueue(
        key="test:ics",
        kind="organisation_verified",
        to="person@ouh.example",
        context={"organisation": buyer_org},
        attachments=[CALENDAR],
    )
    assert row.attachments == [CALENDAR]

    assert deliver_due()["sent"] == 1

    message = smtp.messages[0]["message"]
    assert message.get_content_type() == "multipart/mixed"
    body = parts(message)
    assert "has verified Odense University Hospital" in body["text/plain"]
    assert "<p>" in body["text/html"]
    (ics,) = _attachments(message)
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "PUBLISH"
    assert ics.get_content_charset() == "utf-8"
    assert ics.get_filename() == "agenda.ics"
    calendar = Calendar.from_ical(ics.get_content())
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == "meeting-request-7@test"
    assert str(event["summary"]) == "Møde med Åse"


def test_a_message_without_attachments_stays_multipart_alternative(smtp, buyer_org):
    services.enqueue(
        key="test:plain",
        kind="organisation_verified",
        to="person@ouh.example",
        context={"organisation": buyer_org},
    )
    deliver_due()
    message = smtp.messages[0]["message"]
    assert message.get_content_type() == "multipart/alternative"
    assert _attachments(message) == []


def test_notify_asks_the_callable_per_new_row_in_the_recipients_language(buyer_org, settings):
    settings.LANGUAGE_CODE = "da"
    people = [f.UserFactory(email="a@ouh.example"), f.UserFactory(email="b@ouh.example")]
    asked = []

    def files(user):
        asked.append((user.email, translation.get_language()))
        return [{**CALENDAR, "content": ICS.replace("Åse", user.email)}]

    context = {"organisation": buyer_org}
    sent = services.notify(
        "organisation_verified", people, context, event="x", category="t", attachments=files
    )
    again = services.notify(
        "organisation_verified", people, context, event="x", category="t", attachments=files
    )

    assert sent == again == 2
    assert asked == [("a@ouh.example", "da"), ("b@ouh.example", "da")]  # not again
    rows = OutboxMessage.objects.order_by("to_email")
    assert [row.attachments[0]["content"].count(row.to_email) for row in rows] == [1, 1]


def test_binary_or_malformed_attachments_are_refused(buyer_org):
    for bad in (
        {**CALENDAR, "content": b"\x00\x01"},
        {**CALENDAR, "filename": "a\r\nBcc: x@example.com"},
        {**CALENDAR, "mimetype": "calendar"},
    ):
        with pytest.raises(ValueError):
            services.enqueue(
                key="test:bad",
                kind="organisation_verified",
                to="person@ouh.example",
                context={"organisation": buyer_org},
                attachments=[bad],
            )
    assert not OutboxMessage.objects.exists()


def test_the_admin_names_a_rows_attachments(client, superuser, buyer_org):
    row = services.enqueue(
        key="test:admin",
        kind="organisation_verified",
        to="person@ouh.example",
        context={"organisation": buyer_org},
        attachments=[CALENDAR],
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:mail_outboxmessage_change", args=[row.pk])).content.decode()
    assert f"agenda.ics (text/calendar; method=PUBLISH, {len(ICS)} characters)" in page
