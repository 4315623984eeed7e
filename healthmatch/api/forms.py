from django import forms
from django.utils.translation import gettext_lazy as _

from healthmatch.api.models import DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses it, e.g. “Procurement system” or “My export script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read only is enough to fetch needs, matches and events."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial=DEFAULT_EXPIRY_DAYS,
    )
