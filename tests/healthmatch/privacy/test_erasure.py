"""Erasure: no trace of the person's name or address anywhere in the database, the outbox or
the attachments' names; the organisation's needs, bids and history stay under a pseudonym."""

from importlib import import_module

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from psycopg2 import sql

from healthmatch.accounts.models import Membership
from healthmatch.api.models import ApiToken
from healthmatch.attachments import services as attachments
from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import erasure
from healthmatch.privacy.models import ErasureLog
from matching.bids.models import Bid
from matching.lifecycle.models import MatchEvent
from needs.models import Need, NeedAttachment
from tests import factories as f
from tests.healthmatch.privacy.conftest import OWNER_TEXT

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Olivia Owner"
EMAIL = "owner@ouh.example"


def hits_in_database(needle: str) -> list[str]:
    """Every (table.column) whose text holds ``needle``, any case, in the whole database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'character')"
        )
        columns = cursor.fetchall()
        hits = []
        for table, column in columns:
            query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text ILIKE %s").format(
                sql.Identifier(table), sql.Identifier(column)
            )
            cursor.execute(query, [f"%{needle}%"])
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


def _admin_member_so_owner_may_leave(buyer_org):
    other = f.UserFactory(email="second-admin@ouh.example", name="Second Admin")
    f.MembershipFactory(user=other, organisation=buyer_org, role=Membership.Role.ADMIN)


def test_erasure_leaves_no_name_or_address_in_the_database(
    client, world, owner, member, buyer_org, company_owner
):
    _admin_member_so_owner_may_leave(buyer_org)
    # Text elsewhere that names her: a contact person and a need of a colleague.
    profile = f.CompanyProfileFactory(organisation=f.OrganisationFactory(company=True))
    f.ContactPersonFactory(company=profile, name=NAME, email=EMAIL.upper())
    world.member_need.summary = f"Ask {NAME} ({EMAIL}) about the ward."
    world.member_need.save()
    cv = attachments.add_attachment(
        world.need,
        model=NeedAttachment,
        upload=SimpleUploadedFile("Olivia Owner CV.pdf", b"%PDF-1.4\n%%EOF\n"),
        actor=owner,
        too_many=str,
    )
    old_file = cv.file.name
    assert "Olivia_Owner" in old_file
    client.force_login(owner)
    assert EmailAddress.objects.filter(user=owner).exists()
    assert hits_in_database(EMAIL) and hits_in_database(NAME)
    assert Session.objects.count() == 1

    response = client.post(reverse("privacy:delete_account"), {"password": "correct-horse-42"})
    assert response.status_code == 302

    assert hits_in_database(EMAIL) == []
    assert hits_in_database(NAME) == []
    assert not OutboxMessage.objects.filter(to_email__iexact=EMAIL).exists()
    assert not OutboxMessage.objects.filter(user=owner).exists()
    owner.refresh_from_db()
    assert owner.name == f"Former user #{owner.pk}"
    assert owner.email == f"erased-{owner.pk}@erased.invalid"
    assert not owner.is_active and not owner.has_usable_password()
    assert not EmailAddress.objects.filter(user=owner).exists()
    assert not ApiToken.objects.filter(user=owner).exists()
    assert not Membership.objects.filter(user=owner).exists()
    assert Session.objects.count() == 0
    # The organisation's work stays, signed by the pseudonym.
    need = Need.objects.get(pk=world.need.pk)
    assert need.created_by == owner and need.description == OWNER_TEXT
    assert Bid.objects.filter(pk=world.bid.pk, need=need).exists()
    assert MatchEvent.objects.get(match=world.match).actor == owner
    attachment = NeedAttachment.objects.get(pk=world.attachment.pk)
    assert attachment.uploaded_by == owner and attachment.file.storage.exists(attachment.file.name)
    assert "Former user" in Need.objects.get(pk=world.member_need.pk).summary
    # The stored file named after her has a neutral name now, and the old one is gone.
    cv.refresh_from_db()
    assert cv.file.storage.exists(cv.file.name) and not cv.file.storage.exists(old_file)
    assert "olivia" not in cv.file.name.lower()
    assert cv.original_name == f"Former user #{owner.pk} CV.pdf"
    assert hits_in_database("Olivia_Owner") == []
    # Others are untouched.
    member.refresh_from_db()
    assert member.name == "Mads Member" and member.is_active
    assert OutboxMessage.objects.filter(to_email="member@ouh.example").exists()
    log = ErasureLog.objects.get()
    assert log.user_id == owner.pk and not log.by_coordinator
    # The erased person is signed out and cannot sign in again.
    assert client.get(reverse("privacy:account")).status_code == 302
    assert not client.login(email=EMAIL, password="correct-horse-42")


def test_erasure_needs_the_right_password(client, owner, buyer_org):
    _admin_member_so_owner_may_leave(buyer_org)
    client.force_login(owner)
    response = client.post(reverse("privacy:delete_account"), {"password": "wrong"})
    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    owner.refresh_from_db()
    assert owner.name == NAME and owner.is_active


def test_erasure_of_the_last_admin_is_refused_while_others_remain(client, owner, member):
    client.force_login(owner)
    response = client.post(reverse("privacy:delete_account"), {"password": "correct-horse-42"})
    assert response.status_code == 200
    assert "You are the last administrator of Odense University Hospital" in (
        response.content.decode()
    )
    owner.refresh_from_db()
    assert owner.name == NAME and owner.is_active
    assert not ErasureLog.objects.exists()


def test_the_sole_member_who_is_admin_may_leave(owner):
    erasure.erase_person(owner, by=owner)
    owner.refresh_from_db()
    assert erasure.is_erased(owner)


def test_delete_account_page_permissions(client, owner, member, outsider):
    assert client.get(reverse("privacy:delete_account")).status_code == 302
    for person in (owner, member, outsider):
        client.force_login(person)
        page = client.get(reverse("privacy:delete_account"))
        assert page.status_code == 200
        assert "Your password" in page.content.decode()


def test_coordinator_erases_a_member_on_request_with_a_logged_reason(
    client, coordinator, member, outsider
):
    client.force_login(coordinator)
    url = reverse("admin:privacy_erase")
    page = client.get(url)
    assert page.status_code == 200
    assert "Erase a person on request" in page.content.decode()
    # The log's own "Add" button leads to the same form.
    assert "Reason (logged)" in client.get(reverse("admin:privacy_erasurelog_add")).content.decode()
    assert client.get(reverse("admin:privacy_erasurelog_changelist")).status_code == 200
    # Outside the coordinator's hub: not a choice.
    response = client.post(url, {"person": outsider.pk, "reason": "x", "confirm": "on"})
    assert response.status_code == 200
    outsider.refresh_from_db()
    assert outsider.is_active
    # Without the confirmation: nothing happens.
    response = client.post(url, {"person": member.pk, "reason": "Asked by email"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.is_active

    response = client.post(
        url,
        {"person": member.pk, "reason": "Mads Member asked by email on 1 Dec", "confirm": "on"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert erasure.is_erased(member)
    log = ErasureLog.objects.get()
    assert log.by_coordinator and log.by_user_id == coordinator.pk
    assert log.reason == f"Former user #{member.pk} asked by email on 1 Dec"
    assert hits_in_database("member@ouh.example") == []


def test_erase_page_is_for_coordinators_only(client, owner):
    client.force_login(owner)
    response = client.get(reverse("admin:privacy_erase"))
    assert response.status_code == 302  # the admin's login page
    owner.refresh_from_db()
    assert owner.is_active


def test_ended_sessions_leave_the_cache_too(owner):
    """Sessions are read from the cache (settings.SESSION_ENGINE): a row deleted alone would
    leave a cached copy that still signs the person in."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(owner)
    keys = [client.cookies[settings.SESSION_COOKIE_NAME].value for client in clients]
    assert all(store().exists(key) for key in keys)

    assert erasure.end_sessions(owner) == 2

    assert not any(store().exists(key) for key in keys)
    assert all(client.get(reverse("dashboard")).status_code == 302 for client in clients)
