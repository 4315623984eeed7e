"""The participant directory's search and the meeting request form; the views hand the cleaned
data to events.requests.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import Capability
from events.models import Registration
from events.requests.services import topic_capabilities, topic_needs
from healthmatch.accounts.models import ClinicalArea
from needs.models import Need


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisation"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Side"),
        required=False,
        choices=[("", _("Everybody")), *Registration.Kind.choices],
    )
    area = forms.ModelChoiceField(
        label=_("Clinical area"),
        required=False,
        queryset=ClinicalArea.objects.all(),
        empty_label=_("Any clinical area"),
    )

    def __init__(self, *args, show_kind=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_kind:
            del self.fields["kind"]


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what you would like to talk about."),
    )
    need = forms.ModelChoiceField(
        label=_("About the need"),
        required=False,
        queryset=Need.objects.none(),
        empty_label=_("No particular need"),
    )
    capability = forms.ModelChoiceField(
        label=_("About the capability"),
        required=False,
        queryset=Capability.objects.none(),
        empty_label=_("No particular capability"),
    )

    def __init__(self, *args, buyer: Registration, company: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = topic_needs(buyer).order_by("title")
        self.fields["capability"].queryset = topic_capabilities(company).order_by("title")
        if not self.fields["need"].queryset.exists():
            del self.fields["need"]
        if not self.fields["capability"].queryset.exists():
            del self.fields["capability"]
