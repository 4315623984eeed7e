"""One upload, one download and one delete view for every kind of attachment. Each app hands
them an ``AttachmentSpec``: how to fetch the owner (a need, a capability, a bid) for the user,
404 for everybody who may not know it exists, and how to change its files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from healthmatch.attachments.forms import AttachmentForm
from healthmatch.attachments.uploads import upload_too_large
from healthmatch.form_errors import error_text
from healthmatch.once.views import Refused, submit_once


class AttachmentSpec:
    """What an app tells the attachment views about the owners of its files. Subclass it and
    fill in the model, the template and the methods that raise NotImplementedError."""

    model = None  # the concrete Attachment model
    form_class = AttachmentForm
    template_name = ""  # the owner's page, shown again with the upload form's errors
    # A refusal from the app's service (the owner's state, the limit): a message above the
    # owner's page (False), or an error under the file field of the form shown again (True).
    refusals_on_form = False

    def owner_to_read(self, request, pk):
        """The owner whose files the user may download, or Http404."""
        raise NotImplementedError

    def owner_to_change(self, request, pk):
        """The owner whose files the user may add and delete, or Http404."""
        raise NotImplementedError

    def add(self, owner, *, upload, actor):
        """The app's service adding a file; raises ValidationError or PermissionDenied."""
        raise NotImplementedError

    def delete(self, attachment, *, actor):
        """The app's service deleting a file; raises ValidationError or PermissionDenied."""
        raise NotImplementedError

    def page_context(self, request, owner, form) -> dict:
        """The context of ``template_name`` with ``form`` as the upload form."""
        raise NotImplementedError

    def downloaded(self, request, owner) -> None:
        """Called after a download is granted (an app that audits reads records it here)."""

    def attached_message(self, attachment) -> str:
        return _("The file is attached.")

    def deleted_message(self, attachment) -> str:
        return _("The file is removed.")


def file_response(attachment) -> FileResponse:
    """The download of an attachment whose access the view has checked: always saved, never
    rendered (attachment, nosniff, a sandbox policy), never cached by a shared cache, 404 when
    the file is gone from storage."""
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
    # A polyglot (a valid PDF head with HTML after it) passes the type check. Should a browser
    # ever render a download instead of saving it, this policy leaves it no script, no plugin,
    # no request and no origin (docs/decisions.md); nosniff comes from SecurityMiddleware.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _attachment_or_404(spec, owner, attachment_pk):
    field = spec.model.owner_field
    attachment = get_object_or_404(spec.model, pk=attachment_pk, **{field: owner})
    setattr(attachment, field, owner)  # the owner as fetched for this user, not read again
    return attachment


@require_POST
def upload(request, pk, *, spec):
    owner = spec.owner_to_change(request, pk)
    form = spec.form_class(request.POST, request.FILES, too_large=upload_too_large(request))

    def add():
        try:
            attachment = spec.add(owner, upload=form.cleaned_data["file"], actor=request.user)
        except ValidationError as error:  # the owner's state or the limit, not the file
            if not spec.refusals_on_form:
                messages.error(request, error_text(error))
                raise Refused(redirect(owner)) from None
            form.add_error("file", error)
            return None
        messages.success(request, spec.attached_message(attachment))
        return redirect(owner)

    return submit_once(request, form, add) or render(
        request, spec.template_name, spec.page_context(request, owner, form)
    )


def download(request, pk, attachment_pk, *, spec):
    owner = spec.owner_to_read(request, pk)
    response = file_response(_attachment_or_404(spec, owner, attachment_pk))
    spec.downloaded(request, owner)
    return response


@require_POST
def delete(request, pk, attachment_pk, *, spec):
    owner = spec.owner_to_change(request, pk)
    attachment = _attachment_or_404(spec, owner, attachment_pk)
    try:
        spec.delete(attachment, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, spec.deleted_message(attachment))
    return redirect(owner)
