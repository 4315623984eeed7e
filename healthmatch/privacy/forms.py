from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="password")
        return password


class CoordinatorErasureForm(forms.Form):
    """The coordinator's erasure on request: who, why (logged), and a confirmation."""

    person = forms.ModelChoiceField(
        label=_("Person to erase"), queryset=get_user_model().objects.none()
    )
    reason = forms.CharField(
        label=_("Reason (logged)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the date and channel of the person's request."),
        max_length=2000,
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."), required=True)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
