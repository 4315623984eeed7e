"""Build a person's archive: a ZIP of JSON files (profile, one file per kind of row that points
at them, the emails sent to them) plus the attachments they uploaded. Foreign keys are ids, so
no other person's name, address or text comes along with a row."""

import io
import json
import logging
import zipfile
from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from celery import current_app
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from healthmatch.mail import services as mail
from healthmatch.mail.models import OutboxMessage
from healthmatch.privacy import collect
from healthmatch.privacy.models import DataExport

log = logging.getLogger(__name__)

BUILD_TASK = "healthmatch.privacy.tasks.build_export"
PROFILE_FIELDS = ("id", "email", "name", "job_title", "date_joined", "last_login", "is_active")
OUTBOX_FIELDS = ("id", "kind", "to_email", "subject", "text", "state", "created_at", "sent_at")


def _dump(data) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode("utf-8")


def request_export(user) -> DataExport:
    """A new export for ``user``, built by the worker after commit; while one is being
    prepared, that one is returned instead of a second."""
    with transaction.atomic():
        pending = DataExport.objects.filter(user=user, state=DataExport.State.PENDING).first()
        if pending is not None:
            return pending
        export = DataExport.objects.create(user=user)
        transaction.on_commit(partial(_queue_build, export.pk), robust=True)
    return export


def _queue_build(export_id: int) -> None:
    """Queue the builder by name (tasks.py imports this module). A broker outage is logged:
    the nightly retention pass queues pending exports again."""
    try:
        current_app.signature(BUILD_TASK, args=[export_id]).apply_async()
    except Exception:
        log.warning("could not queue privacy export %s", export_id, exc_info=True)


def person_data(user) -> dict[str, list | dict]:
    """Every file of the archive but the attachments: name -> JSON-able content."""
    files: dict[str, list | dict] = {
        "profile.json": {field: getattr(user, field) for field in PROFILE_FIELDS},
        "email_addresses.json": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
    }
    for model, field_name in collect.user_links():
        rows = [
            {"relation": field_name, **collect.row_dict(obj)}
            for obj in model._default_manager.filter(**{field_name: user}).order_by("pk")
        ]
        if rows:
            name = f"data/{model._meta.label_lower}.json"
            files.setdefault(name, []).extend(rows)  # type: ignore[union-attr]
    # The coordination admin's log entries about the person's account (not only by them).
    about = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
    ).exclude(user=user)
    rows = [{"relation": "about_you", **collect.row_dict(entry)} for entry in about]
    if rows:
        files.setdefault("data/admin.logentry.json", []).extend(rows)  # type: ignore[union-attr]
    for model, field_name, proxy in collect.proxy_links():
        user_fields = [name for m, name in collect.user_links() if m is proxy]
        mine = Q()
        for name in user_fields:
            mine |= Q(**{name: user})
        proxy_ids = proxy._default_manager.filter(mine).values("pk")
        name = f"data/{model._meta.label_lower}.json"
        seen = {row["id"] for row in files.get(name, [])}  # type: ignore[union-attr]
        for obj in model._default_manager.filter(**{f"{field_name}__in": proxy_ids}):
            if obj.pk not in seen:
                seen.add(obj.pk)
                row = {"relation": field_name, **collect.row_dict(obj)}
                files.setdefault(name, []).append(row)  # type: ignore[union-attr]
    outbox = OutboxMessage.objects.filter(Q(user=user) | Q(to_email__iexact=user.email))
    files["emails_sent_to_you.json"] = list(outbox.order_by("pk").values(*OUTBOX_FIELDS))
    return files


def readme(user) -> str:
    """A short guide to the archive, in the person's language."""
    with translation.override(mail.language_for(user)):
        return "\n\n".join(
            [
                _("Everything HealthMatch held about you on %(date)s.")
                % {"date": timezone.now().date().isoformat()},
                _(
                    "profile.json: your account. email_addresses.json: your addresses. "
                    "emails_sent_to_you.json: the emails we sent you that we still keep."
                ),
                _(
                    "data/<app>.<kind>.json: each row that points at you, with its own columns; "
                    "'relation' says how it points at you (created_by: you wrote it; actor: you "
                    "did it; user: it is yours). Other rows appear as numbers (ids) only."
                ),
                _("attachments/: the files you uploaded."),
            ]
        )


def build_archive(user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(user))
        for name, content in person_data(user).items():
            archive.writestr(name, _dump(content))
        for model in collect.attachment_models():
            for attachment in model._default_manager.filter(uploaded_by=user).order_by("pk"):
                try:
                    with attachment.file.open("rb") as handle:
                        data = handle.read()
                except FileNotFoundError:
                    continue
                name = f"attachments/{model._meta.label_lower}/{attachment.pk}-"
                archive.writestr(name + attachment.original_name, data)
    return buffer.getvalue()


def build_export(export_id: int) -> str:
    """Build the archive, store it, email its link. Safe to run twice: a built export is left
    alone."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.state != DataExport.State.PENDING:
        return "skipped"
    data = build_archive(export.user)
    with transaction.atomic():
        export = DataExport.objects.select_for_update().get(pk=export_id)
        if export.state != DataExport.State.PENDING:
            return "skipped"
        export.archive.save(f"{export.token}.zip", ContentFile(data), save=False)
        export.size = len(data)
        export.state = DataExport.State.READY
        export.ready_at = timezone.now()
        export.expires_at = export.ready_at + timedelta(hours=settings.PRIVACY_EXPORT_LINK_HOURS)
        export.save()
        user = export.user
        mail.enqueue(
            key=f"privacy_export_ready:{export.pk}",
            kind="privacy_export_ready",
            to=user.email,
            user=user,
            language=mail.language_for(user),
            context={"export": export, "recipient": user},
        )
    log.info("privacy export %s built: %s bytes", export.pk, export.size)
    return "built"


def expire_exports(now=None) -> int:
    """Delete the archives whose link expired; idempotent."""
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now):
        export.archive.delete(save=False)
        export.state = DataExport.State.EXPIRED
        export.save(update_fields=["archive", "state"])
        count += 1
    return count
