from django import forms
from django.utils.translation import gettext_lazy as _

from healthmatch.attachments.services import allowed_extensions_display, validate_attachment


class AttachmentForm(forms.Form):
    """One file; checked for type, size and content before any service sees it. A subclass
    may say something else under the field (``help_text``, with a %(types)s placeholder)."""

    help_text = _("Allowed: %(types)s. Never upload documents with patient data.")

    file = forms.FileField(label=_("Add a file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text % {"types": allowed_extensions_display()}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = validate_attachment(upload)
        return upload
