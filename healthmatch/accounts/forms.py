from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts import services
from healthmatch.accounts.models import Hub, Membership, Organisation, TimeZone

COUNTRIES = [
    ("DK", _("Denmark")),
    ("SE", _("Sweden")),
    ("NO", _("Norway")),
    ("FI", _("Finland")),
    ("IS", _("Iceland")),
    ("DE", _("Germany")),
    ("NL", _("Netherlands")),
    ("GB", _("United Kingdom")),
    ("OTHER", _("Other")),
]


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form gets on top of email and password."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        required=False,
        help_text=_("For example: Head nurse, cardiology; CEO; innovation consultant."),
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"].strip()
        user.job_title = self.cleaned_data["job_title"].strip()
        # The language the person signed up in (the browser's, or the one they picked).
        user.language = services.known_language(getattr(request, "LANGUAGE_CODE", ""))
        user.save(update_fields=["name", "job_title", "language"])


class ProfileForm(forms.Form):
    """What a person says about themselves: name, job title, language and time zone. A plain
    form, so that a refused submission changes nothing on the signed-in user."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails are shown in this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[("", _("The zone of your organisation's cluster")), *TimeZone.choices],
        required=False,
        help_text=_("Times on pages and in emails are shown in this time zone."),
    )

    @classmethod
    def for_user(cls, user, data=None):
        fields = ("name", "job_title", "language", "time_zone")
        return cls(data, initial={name: getattr(user, name) for name in fields})

    def save(self, user):
        services.update_profile(user, **self.cleaned_data)


class OrganisationCreateForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES, initial="DK")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "hub", "country", "website", "description"]
        labels = {"hub": _("Cluster / hub")}
        help_texts = {
            "kind": _(
                "Hospitals, regions and municipalities post needs; companies, universities and "
                "research institutes offer capabilities (products, services, research groups, "
                "test beds, clinical trial units)."
            ),
            "hub": _("The cluster whose coordinators will verify your organisation."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Hub.objects.order_by("name")
        self.fields["country"].choices = [(c, n) for c, n in COUNTRIES if c != "OTHER"]

    def clean(self):
        """Put a duplicate name+kind next to the name field. Without this the model's
        functional unique constraint fails first, as an untranslated form-wide error."""
        cleaned = super().clean()
        name, kind = (cleaned.get("name") or "").strip(), cleaned.get("kind")
        if name and kind and Organisation.objects.filter(name__iexact=name, kind=kind).exists():
            self.add_error(
                "name",
                _("An organisation of this kind with this name already exists: ask to join it."),
            )
        return cleaned


class JoinRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), widget=forms.HiddenInput
    )
    message = forms.CharField(
        label=_("Message to the administrators"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
