from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import TRL_CHOICES, Organisation
from needs.models import Need
from needs.services import (
    EDITABLE_FIELDS,
    FRAME_FIELDS,
    M2M_FIELDS,
    PROBLEM_FIELDS,
    check_response_deadline,
)

TAXONOMY_FIELDS = {
    "clinical_areas": _("Pick all that apply."),
    "care_settings": _("Where the solution will be used."),
    "technology_types": _("Kinds of solution you would consider."),
    "regulatory_requirements": _("What a solution must already have, for example CE marking."),
}


class NeedForm(forms.ModelForm):
    """A need's content. The organisation chooser appears only for people who belong to more
    than one buyer organisation; the views hand the cleaned data to needs.services."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation this need belongs to."),
    )

    class Meta:
        model = Need
        fields = [
            "title",
            *PROBLEM_FIELDS,
            "clinical_areas",
            "care_settings",
            "technology_types",
            "min_trl",
            "regulatory_requirements",
            *FRAME_FIELDS,
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "care_pathway": forms.Textarea(attrs={"rows": 5}),
            "affected_groups": forms.Textarea(attrs={"rows": 3}),
            "success_criteria": forms.Textarea(attrs={"rows": 5}),
            "response_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "clinical_areas": forms.CheckboxSelectMultiple,
            "care_settings": forms.CheckboxSelectMultiple,
            "technology_types": forms.CheckboxSelectMultiple,
            "regulatory_requirements": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "title": _("One line that names the problem, not a solution."),
            "description": _(
                "The problem in your own words: what goes wrong today, for whom, and why it "
                "matters. Never include information about individual patients."
            ),
            "min_trl": _(
                "How mature a solution must be. TRL 9 = proven in routine use; leave empty if "
                "early-stage ideas are welcome."
            ),
            "response_deadline": _("Leave empty when companies may respond at any time."),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations or [])
        if len(organisations) > 1 and not self.instance.pk:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            ).order_by("name")
        else:
            del self.fields["organisation"]
            self.fixed_organisation = organisations[0] if organisations else None
        for name, help_text in TAXONOMY_FIELDS.items():
            self._limit_to_active(name)
            self.fields[name].help_text = help_text
        self._limit_to_active("region")
        self.fields["min_trl"].choices = [("", _("Any maturity")), *TRL_CHOICES]
        self.fields["region"].empty_label = _("No particular region")

    def _limit_to_active(self, name):
        """Active terms, plus any retired term the need already carries (so editing a need
        does not silently drop it)."""
        field = self.fields[name]
        keep = Q(is_active=True)
        if self.instance.pk:
            if name == "region":
                if self.instance.region_id:
                    keep |= Q(pk=self.instance.region_id)
            else:
                keep |= Q(pk__in=getattr(self.instance, name).values("pk"))
        field.queryset = field.queryset.model.objects.filter(keep).order_by("position", "name")

    def clean_response_deadline(self):
        deadline = self.cleaned_data.get("response_deadline")
        check_response_deadline(deadline)
        return deadline

    def get_organisation(self):
        if "organisation" in self.fields:
            return self.cleaned_data["organisation"]
        return self.fixed_organisation

    def service_data(self) -> tuple[dict, dict]:
        """(data, m2m) for needs.services.create_need / update_need."""
        data = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
        m2m = {name: list(self.cleaned_data[name]) for name in M2M_FIELDS}
        return data, m2m


class InvitationForm(forms.Form):
    ACTIONS = [("invite", _("Invite")), ("revoke", _("Withdraw invitation"))]

    action = forms.ChoiceField(choices=ACTIONS)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.providers(), widget=forms.HiddenInput
    )


class CloseForm(forms.Form):
    comment = forms.CharField(
        label=_("Why are you closing it? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
