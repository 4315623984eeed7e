"""Validation shared by every attachment upload: allowed types, size and content sniffing."""

import os
import unicodedata

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
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
    """Save an already validated upload on an unsaved attachment row (a need's or a
    capability's): cleaned display name, a storage-safe file name, and no orphaned file when
    the row cannot be written."""
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


def discard_attachment(attachment) -> None:
    """Delete the row now and the stored file once the deletion is committed."""
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def file_response(attachment) -> FileResponse:
    """The download of an attachment whose access the view has checked: never cached by a
    shared cache, 404 when the file is gone from storage."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
