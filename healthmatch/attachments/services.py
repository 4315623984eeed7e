"""The verbs of every attachment: check an upload (allowed types, size, content sniffing),
store it, add it to its owner (a need, a capability, a bid) under the per-item limit, delete
it. Each app's services check who may change its files, lock the owner and call these."""

import os
import unicodedata

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# extension -> (content type, magic prefixes; None means "plain text, no NUL bytes")
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".txt": ("text/plain", None),
    ".csv": ("text/csv", None),
}


def allowed_extensions_display() -> str:
    return ", ".join(sorted(ext.lstrip(".").upper() for ext in ALLOWED_TYPES))


def validate_attachment(upload) -> str:
    """Check an uploaded file; return its content type or raise ValidationError."""
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s."),
            code="file_type",
            params={"ext": ext or name, "allowed": allowed_extensions_display()},
        )
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_size",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            },
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, magics = ALLOWED_TYPES[ext]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magics is None:
        if b"\x00" in head:
            raise ValidationError(_("The file does not look like plain text."), code="file_content")
    elif not any(head.startswith(m) for m in magics):
        raise ValidationError(
            _("The file's content does not match its “%(ext)s” extension."),
            code="file_content",
            params={"ext": ext},
        )
    return content_type


def safe_filename(name: str) -> str:
    """The base name without control characters, at most 100 characters, extension kept."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip() or "file"
    stem, ext = os.path.splitext(name)
    return stem[: 100 - len(ext[:20])] + ext[:20]


def store_attachment(attachment, upload):
    """Save an already validated upload on an unsaved attachment row: cleaned display name, a
    storage-safe file name, and no orphaned file when the row cannot be written."""
    attachment.original_name = safe_filename(upload.name)
    attachment.size = upload.size
    try:
        stored_name = get_valid_filename(attachment.original_name)
    except SuspiciousFileOperation:
        stored_name = "file"
    attachment.file.save(stored_name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def add_attachment(owner, *, model, upload, actor, too_many):
    """Check ``upload`` and store it as a new ``model`` row on ``owner``. The caller has
    checked the actor's rights and holds the owner's row lock, so the count is stable.

    ``model``: the concrete attachment model (``model.owner_field`` names its owner);
    ``too_many``: the limit -> the owner kind's sentence refusing one more file.
    """
    content_type = validate_attachment(upload)
    limit = settings.ATTACHMENTS_PER_ITEM
    if model.objects.filter(**{model.owner_field: owner}).count() >= limit:
        raise ValidationError(too_many(limit), code="too_many")
    attachment = model(content_type=content_type, uploaded_by=actor)
    setattr(attachment, model.owner_field, owner)
    return store_attachment(attachment, upload)


def delete_attachment(attachment) -> None:
    """Delete the row now and the stored file once the deletion is committed. The caller has
    checked the actor's rights."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
