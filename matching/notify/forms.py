"""The match-email preferences form: how often, how many per email, which language."""

from django import forms

from matching.notify.models import NotificationPreference


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["frequency", "max_matches", "language"]
        widgets = {
            "frequency": forms.RadioSelect,
            "max_matches": forms.NumberInput(attrs={"min": 1, "max": 50}),
        }
