"""The nightly retention pass: what is past its period goes, the rest stays, twice is once."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from healthmatch.attachments import services as attachments
from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import erasure, retention
from healthmatch.privacy.models import InactivityWarning
from healthmatch.privacy.tasks import apply_retention
from needs.models import Need, NeedAttachment, NeedStatusChange
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _old(queryset, **fields):
    queryset.update(**fields)


def _attach(need, owner, name):
    return attachments.add_attachment(
        need,
        model=NeedAttachment,
        upload=SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n"),
        actor=owner,
        too_many=str,
    )


def test_retention_deletes_what_is_past_its_period(world, owner, member, settings):
    now = timezone.now()
    settings.PRIVACY_RETENTION_BATCH = 2  # several batches
    OutboxMessage.objects.update(created_at=now - timedelta(days=91))
    recent = OutboxMessage.objects.filter(user=member).first()
    OutboxMessage.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=89))
    queued = OutboxMessage.objects.filter(user=owner).first()
    OutboxMessage.objects.filter(pk=queued.pk).update(state=OutboxMessage.State.QUEUED)

    old_step = NeedStatusChange.objects.create(
        need=world.need, actor=owner, from_status="draft", to_status="submitted"
    )
    NeedStatusChange.objects.filter(pk=old_step.pk).update(
        created_at=now - timedelta(days=365 * 5 + 2)
    )
    new_step = NeedStatusChange.objects.create(
        need=world.need, actor=owner, from_status="submitted", to_status="published"
    )
    LogEntry.objects.create(
        user=owner,
        content_type=ContentType.objects.get_for_model(Need),
        object_id=str(world.need.pk),
        object_repr="x",
        action_flag=ADDITION,
        action_time=now - timedelta(days=365 * 6),
    )

    closed = f.NeedFactory(organisation=world.need.organisation, created_by=owner)
    closed_file = _attach(closed, owner, "old.pdf")
    Need.objects.filter(pk=closed.pk).update(
        status=Need.Status.CLOSED, closed_at=now - timedelta(days=366)
    )
    recently_closed = f.NeedFactory(organisation=world.need.organisation, created_by=owner)
    kept_file = _attach(recently_closed, owner, "recent.pdf")
    Need.objects.filter(pk=recently_closed.pk).update(
        status=Need.Status.CLOSED, closed_at=now - timedelta(days=10)
    )
    stored = closed_file.file.name
    storage = closed_file.file.storage

    counts = apply_retention.delay().get()

    kept = OutboxMessage.objects.exclude(to_email="")
    assert set(kept.values_list("pk", flat=True)) == {recent.pk, queued.pk}
    emptied = OutboxMessage.objects.filter(to_email="")
    assert emptied.exists()
    assert not emptied.exclude(subject="", text="", html="", user=None).exists()
    assert all(message.key for message in emptied)  # the trace that keeps sends idempotent
    assert list(NeedStatusChange.objects.values_list("pk", flat=True)) == [new_step.pk]
    assert not LogEntry.objects.filter(action_time__lt=now - timedelta(days=365 * 5)).exists()
    assert not NeedAttachment.objects.filter(pk=closed_file.pk).exists()
    assert not storage.exists(stored)
    assert NeedAttachment.objects.filter(pk=kept_file.pk).exists()
    assert NeedAttachment.objects.filter(pk=world.attachment.pk).exists()  # need still open
    assert counts["outbox_emptied"] >= 2 and counts["attachments_deleted"] == 1

    again = retention.apply_retention()
    assert again["outbox_emptied"] == again["audit_deleted"] == again["attachments_deleted"] == 0


def test_inactive_account_is_warned_then_erased(owner, member, settings):
    now = timezone.now()
    three_years_ago = now - timedelta(days=365 * 3 + 1)
    type(member).objects.filter(pk=member.pk).update(last_login=three_years_ago)

    counts = retention.apply_retention(now)
    assert counts["warned"] == 1 and counts["erased"] == 0
    warning = OutboxMessage.objects.get(kind="privacy_inactive_warning")
    assert warning.to_email == "member@ouh.example"
    assert "we will delete it on" in warning.text and "Sign in" in warning.html
    assert retention.apply_retention(now)["warned"] == 0  # warned once
    assert OutboxMessage.objects.filter(kind="privacy_inactive_warning").count() == 1

    counts = retention.apply_retention(now + timedelta(days=29))
    assert counts["erased"] == 0
    counts = retention.apply_retention(now + timedelta(days=31))
    assert counts["erased"] == 1
    member.refresh_from_db()
    assert erasure.is_erased(member)
    owner.refresh_from_db()
    assert owner.is_active and not erasure.is_erased(owner)


def test_signing_in_after_the_warning_keeps_the_account(member):
    now = timezone.now()
    type(member).objects.filter(pk=member.pk).update(last_login=now - timedelta(days=365 * 4))
    retention.apply_retention(now)
    assert InactivityWarning.objects.filter(user=member).exists()
    type(member).objects.filter(pk=member.pk).update(last_login=now + timedelta(days=1))
    counts = retention.apply_retention(now + timedelta(days=31))
    assert counts["erased"] == 0
    assert not InactivityWarning.objects.filter(user=member).exists()
    member.refresh_from_db()
    assert member.is_active


def test_privacy_page_is_generated_from_the_settings(client, settings, owner):
    settings.PRIVACY_OUTBOX_DAYS = 45
    settings.PRIVACY_AUDIT_YEARS = 7
    page = client.get(reverse("privacy:notice"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "45 days after they were written; then only a trace" in text
    assert "7 years" in text
    assert reverse("privacy:account") not in text.split("<footer")[0]
    client.force_login(owner)
    assert reverse("privacy:account") in client.get(reverse("privacy:notice")).content.decode()


def test_footer_links_to_the_privacy_page(client):
    footer = client.get(reverse("needs:list")).content.decode().split("<footer")[1]
    assert reverse("privacy:notice") in footer


def test_privacy_page_states_purpose_basis_audience_and_storage(client):
    text = client.get(reverse("privacy:notice")).content.decode()
    for heading in ("Purpose", "Legal basis", "Who sees it", "Where it is stored:"):
        assert heading in text
    assert "art. 6(1)(b)" in text and "PostgreSQL" in text
    assert "There are no tracking or analytics cookies." in text
