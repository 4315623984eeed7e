"""The data export: exactly one person's data, a link for that person alone, then gone."""

import io
import json
import os
import zipfile
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail as django_mail
from django.urls import reverse
from django.utils import timezone

from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import export as export_service
from healthmatch.privacy.models import DataExport
from tests import factories as f
from tests.healthmatch.privacy.conftest import BID_TEXT, MEMBER_TEXT, OWNER_TEXT

pytestmark = pytest.mark.django_db(transaction=True)


def _archive(export):
    with export.archive.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _request(client, user):
    client.force_login(user)
    response = client.post(reverse("privacy:export_request"))
    assert response.status_code == 302
    return DataExport.objects.get(user=user)


def test_export_contains_exactly_the_persons_data(
    client, world, owner, member, company_owner, coordinator
):
    export = _request(client, owner)
    export.refresh_from_db()
    assert export.state == DataExport.State.READY
    archive = _archive(export)
    names = archive.namelist()
    everything = b"".join(archive.read(name) for name in names).decode("utf-8", "replace")

    assert "the files you uploaded" in archive.read("README.txt").decode()
    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == "owner@ouh.example"
    assert profile["name"] == "Olivia Owner"
    needs = json.loads(archive.read("data/needs.need.json"))
    assert [row["description"] for row in needs] == [OWNER_TEXT]
    memberships = json.loads(archive.read("data/accounts.membership.json"))
    assert [row["organisation_id"] for row in memberships] == [world.need.organisation_id]
    events = json.loads(archive.read("data/matching.matchevent.json"))
    assert [row["note"] for row in events] == ["Yes please"]
    tokens = json.loads(archive.read("data/api.apitoken.json"))
    assert [row["name"] for row in tokens] == ["Olivia's script"]
    assert "secret_hash" not in tokens[0]
    assert world.token.secret_hash not in everything
    emails = json.loads(archive.read("emails_sent_to_you.json"))
    assert "Dear Olivia, your need is published." in [row["text"] for row in emails]
    attachment_name = f"attachments/needs.needattachment/{world.attachment.pk}-olivia-plan.pdf"
    assert archive.read(attachment_name).startswith(b"%PDF-1.4 Olivia's plan")

    for foreign in (
        "Mads Member",
        "member@ouh.example",
        MEMBER_TEXT,
        "Dear Mads",
        "Cecilie CEO",
        "ceo@caresense.example",
        "Carla Coordinator",
    ):
        assert foreign not in everything
    # The bid is the company's: it reaches the archive only inside the email Olivia was sent.
    bid_email = OutboxMessage.objects.get(kind="bid_submitted", user=owner)
    assert BID_TEXT in bid_email.text
    assert [
        name for name in names if BID_TEXT in archive.read(name).decode("utf-8", "replace")
    ] == ["emails_sent_to_you.json"]


def test_export_holds_the_meeting_requests_of_the_persons_registrations(
    client, owner, member, buyer_org
):
    event = f.EventFactory()
    mine = f.RegistrationFactory(event=event, user=owner, organisation=buyer_org)
    theirs = f.RegistrationFactory(event=event, user=member, organisation=buyer_org)
    stranger = f.RegistrationFactory(event=event)
    sent = f.MeetingRequestFactory(
        from_registration=mine, to_registration=theirs, message="Olivia asks for a talk"
    )
    f.MeetingRequestFactory(
        from_registration=theirs, to_registration=stranger, message="Not Olivia's business"
    )
    export = _request(client, owner)
    export.refresh_from_db()
    archive = _archive(export)
    requests = json.loads(archive.read("data/events.meetingrequest.json"))
    assert [(row["id"], row["relation"]) for row in requests] == [(sent.pk, "from_registration")]
    registrations = json.loads(archive.read("data/events.registration.json"))
    assert [row["id"] for row in registrations] == [mine.pk]


def test_export_holds_admin_log_entries_about_the_person(client, owner, coordinator):
    LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(type(owner)),
        object_id=str(owner.pk),
        object_repr="Olivia Owner",
        action_flag=CHANGE,
        change_message="Changed job title.",
    )
    export = _request(client, owner)
    export.refresh_from_db()
    entries = json.loads(_archive(export).read("data/admin.logentry.json"))
    assert [(row["relation"], row["change_message"]) for row in entries] == [
        ("about_you", "Changed job title.")
    ]
    assert entries[0]["user_id"] == coordinator.pk  # an id, never the coordinator's name


def test_export_emails_a_link_to_its_person(client, world, owner):
    export = _request(client, owner)
    export.refresh_from_db()
    message = OutboxMessage.objects.get(kind="privacy_export_ready")
    assert message.to_email == owner.email
    link = reverse("privacy:export_download", args=[export.token])
    assert link in message.text
    assert link in message.html
    assert "Your HealthMatch data archive is ready" in message.subject
    assert any(link in sent.body for sent in django_mail.outbox)


def test_export_link_permissions(client, world, owner, member, outsider):
    export = _request(client, owner)
    url = reverse("privacy:export_download", args=[export.token])

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("profile.json")

    for other in (member, outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_export_link_expires_and_the_archive_is_deleted(client, world, owner, settings):
    export = _request(client, owner)
    export.refresh_from_db()
    path = export.archive.path
    url = reverse("privacy:export_download", args=[export.token])

    later = export.expires_at + timedelta(minutes=1)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()

    assert export_service.expire_exports(later) == 1
    assert export_service.expire_exports(later) == 0
    export.refresh_from_db()
    assert export.state == DataExport.State.EXPIRED
    assert not export.archive
    assert not os.path.exists(path)
    assert client.get(url).status_code == 410


def test_export_request_needs_a_post_and_a_login(client, owner):
    assert client.post(reverse("privacy:export_request")).status_code == 302
    assert not DataExport.objects.exists()
    client.force_login(owner)
    assert client.get(reverse("privacy:export_request")).status_code == 405


def test_privacy_page_lists_only_own_exports(client, world, owner, member, outsider):
    export = _request(client, owner)
    page = client.get(reverse("privacy:account")).content.decode()
    assert reverse("privacy:export_download", args=[export.token]) in page
    for other in (member, outsider):
        client.force_login(other)
        page = client.get(reverse("privacy:account"))
        assert page.status_code == 200
        assert export.token not in page.content.decode()
    client.logout()
    assert client.get(reverse("privacy:account")).status_code == 302


def test_a_second_request_while_one_is_pending_writes_no_second_export(owner, db):
    first = DataExport.objects.create(user=owner)
    assert export_service.request_export(owner) == first
    assert DataExport.objects.count() == 1


def test_each_person_requests_only_their_own_export(client, owner, member, outsider):
    for person in (owner, member, outsider):
        client.force_login(person)
        assert client.post(reverse("privacy:export_request")).status_code == 302
    exports = DataExport.objects.order_by("pk")
    assert [export.user for export in exports] == [owner, member, outsider]
    assert {export.state for export in exports} == {DataExport.State.READY}
    for export in exports:
        archive = _archive(export)
        assert json.loads(archive.read("profile.json"))["email"] == export.user.email
