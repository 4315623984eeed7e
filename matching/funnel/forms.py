"""The filters of the funnel and audit pages. Bad input becomes errors next to the field."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.funnel.audit import KIND_CHOICES

MAX_SPAN_DAYS = 366 * 10


class _HubPeriodForm(forms.Form):
    hub = forms.ModelChoiceField(
        label=_("Hub"), queryset=None, required=False, empty_label=_("All your hubs")
    )
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, hubs, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["hub"].queryset = hubs
        self.hubs = hubs

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period comes before its start."))
            elif (end - start).days > MAX_SPAN_DAYS:
                self.add_error("end", _("Pick a period of at most ten years."))
        return cleaned

    def selected_hubs(self) -> list:
        hub = self.cleaned_data.get("hub")
        return [hub] if hub else list(self.hubs)


class FunnelForm(_HubPeriodForm):
    @staticmethod
    def defaults() -> dict:
        """The last twelve months, today included."""
        today = timezone.localdate()
        return {"start": today - datetime.timedelta(days=364), "end": today}


class AuditForm(_HubPeriodForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *KIND_CHOICES], required=False
    )

    field_order = ["hub", "kind", "start", "end"]

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["start"].required = False
        self.fields["end"].required = False

    @staticmethod
    def defaults() -> dict:
        return {}
