from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from healthmatch.attachments.services import allowed_extensions_display, validate_attachment


class AttachmentForm(forms.Form):
    """One file; checked for type, size and content before any service sees it. A subclass
    may say something else under the field (``help_text``, with a %(types)s placeholder)."""

    help_text = _("Allowed: %(types)s. Never upload documents with patient data.")

    file = forms.FileField(label=_("Add a file"))

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = self.help_text % {"types": allowed_extensions_display()}
        limit = settings.ATTACHMENT_MAX_BYTES
        # The browser checks the size before sending (static/js/uploads.js).
        field.widget.attrs["data-max-bytes"] = limit
        field.widget.attrs["data-too-large"] = _(
            "The file is larger than the limit of %(limit)s."
        ) % {"limit": filesizeformat(limit)}
        if too_large:  # the upload handler stopped reading it: no file reached the form
            field.error_messages["required"] = field.widget.attrs["data-too-large"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = validate_attachment(upload)
        return upload
