"""Forms for the company profile, capabilities (with certification and reference rows),
contact people and attachments. Saving goes through companies.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from companies import services
from companies.models import (
    Capability,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from healthmatch.accounts import models as core
from healthmatch.accounts.forms import COUNTRIES
from healthmatch.attachments import forms as attachments


def terms_for(model, selected=()):
    """Active taxonomy terms, plus inactive ones already selected (so saving keeps them)."""
    ids = [getattr(term, "pk", term) for term in selected]
    return model.objects.filter(Q(is_active=True) | Q(pk__in=ids)).order_by("position", "name")


class CompanyProfileForm(forms.ModelForm):
    """The organisation's public facts (name, website, description, country) and the profile."""

    name = forms.CharField(label=_("Company name"), max_length=200)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About the company"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you do and for whom. Buyers read this first."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRIES[:-1])
    employees = forms.IntegerField(
        label=_("Employees"), required=False, min_value=0, max_value=services.EMPLOYEES_MAX
    )
    founded_year = forms.IntegerField(label=_("Founded (year)"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in"),
        choices=core.CONTENT_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CompanyProfile
        fields = ["tagline", "is_sme", "employees", "founded_year", "regions_served", "languages"]
        labels = {"is_sme": _("We are an SME")}
        help_texts = {
            "tagline": _("One sentence, for example: “Radar sensors that prevent falls”.")
        }
        widgets = {"regions_served": forms.CheckboxSelectMultiple}

    field_order = ["name", "tagline", "description", "website", "country"]

    def __init__(
        self, *args, organisation: core.Organisation, profile: CompanyProfile | None, **kw
    ):
        initial = {
            "name": organisation.name,
            "website": organisation.website,
            "description": organisation.description,
            "country": organisation.country,
        }
        if profile is not None:
            initial.update(model_to_dict(profile, fields=self._meta.fields))
        initial.update(kw.pop("initial", None) or {})
        super().__init__(*args, initial=initial, **kw)
        self.fields["regions_served"].queryset = terms_for(
            core.Region, initial.get("regions_served", ())
        )
        self.fields["founded_year"].widget.attrs.update(
            min=services.FOUNDED_YEAR_MIN, max=services.this_year()
        )

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year is not None and not (services.FOUNDED_YEAR_MIN <= year <= services.this_year()):
            raise ValidationError(
                _("Enter a year between %(min)d and %(max)d."),
                params={"min": services.FOUNDED_YEAR_MIN, "max": services.this_year()},
            )
        return year

    def split(self):
        """(data, m2m) for services.save_profile."""
        data = {
            name: self.cleaned_data[name]
            for name in services.ORGANISATION_FIELDS + services.PROFILE_FIELDS
        }
        return data, {"regions_served": self.cleaned_data["regions_served"]}


class CapabilityForm(forms.ModelForm):
    class Meta:
        model = Capability
        fields = ["kind", "title", "summary", "description", *services.CAPABILITY_M2M, "trl"]
        help_texts = {
            "summary": _("One or two sentences shown in lists and search results."),
            "description": _(
                "What it does, the problem it solves, how it is deployed. Never include patient "
                "data."
            ),
            "trl": _("Technology readiness level: 1 = idea, 9 = proven in routine use."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "technology_types": forms.CheckboxSelectMultiple,
            "clinical_areas": forms.CheckboxSelectMultiple,
            "care_settings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, capability: Capability | None = None, organisations=None, **kw):
        initial = {}
        if capability is not None:
            initial = model_to_dict(capability, fields=self._meta.fields)
        initial.update(kw.pop("initial", None) or {})
        super().__init__(*args, initial=initial, **kw)
        for field, model in (
            ("technology_types", core.TechnologyType),
            ("clinical_areas", core.ClinicalArea),
            ("care_settings", core.CareSetting),
        ):
            self.fields[field].queryset = terms_for(model, initial.get(field, ()))
        self.fields["trl"].choices = [("", _("Not stated")), *core.TRL_CHOICES]
        if organisations is not None and len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Company"),
                queryset=core.Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
                to_field_name="slug",
                help_text=_("You are a member of several companies: which one offers this?"),
            )
            self.order_fields(["organisation"])

    def split(self):
        """(data, m2m) for services.create_capability / update_capability."""
        data = {name: self.cleaned_data[name] for name in services.CAPABILITY_FIELDS}
        m2m = {name: self.cleaned_data[name] for name in services.CAPABILITY_M2M}
        return data, m2m


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["item", "reference", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "valid_until": _(
                "Leave empty if it does not expire. Your organisation's members are reminded 90 "
                "and 30 days before. A past date is accepted; the certification is then shown "
                "as expired."
            )
        }

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        selected = [self.instance.item_id] if self.instance.item_id else []
        self.fields["item"].queryset = terms_for(core.RegulatoryItem, selected)
        self.fields["item"].empty_label = _("Choose…")

    def clean_valid_until(self):
        date = self.cleaned_data.get("valid_until")
        if date is not None and not (1950 <= date.year <= 2100):
            raise ValidationError(_("Enter a date between 1950 and 2100."))
        return date


class BaseRowsFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class BaseCertificationFormSet(BaseRowsFormSet):
    def clean(self):
        """A regulatory item once per capability: the error goes next to the repeated row."""
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            item = form.cleaned_data.get("item")
            if item is None:
                continue
            if item.pk in seen:
                form.add_error(
                    "item",
                    _("%(item)s is already listed in another row.") % {"item": item.name},
                )
            seen.add(item.pk)
        super().clean()


class ReferenceForm(forms.ModelForm):
    class Meta:
        model = CapabilityReference
        fields = ["customer", "description", "year"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["year"].widget.attrs.update(
            min=services.REFERENCE_YEAR_MIN, max=services.this_year()
        )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not (services.REFERENCE_YEAR_MIN <= year <= services.this_year()):
            raise ValidationError(
                _("Enter a year between %(min)d and %(max)d."),
                params={"min": services.REFERENCE_YEAR_MIN, "max": services.this_year()},
            )
        return year


phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{3,40}$", _("Enter a phone number: digits, spaces and + ( ) - . / only.")
)


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.fields["phone"].validators.append(phone_validator)
        self.fields["phone"].widget.input_type = "tel"


CertificationFormSet = forms.inlineformset_factory(
    Capability,
    Certification,
    form=CertificationForm,
    formset=BaseCertificationFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)
ReferenceFormSet = forms.inlineformset_factory(
    Capability,
    CapabilityReference,
    form=ReferenceForm,
    formset=BaseRowsFormSet,
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)
ContactFormSet = forms.inlineformset_factory(
    CompanyProfile,
    ContactPerson,
    form=ContactForm,
    formset=BaseRowsFormSet,
    extra=1,
    max_num=10,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


def capability_formsets(data=None, *, capability=None):
    """The certification and reference rows of a capability (a new one when None)."""
    instance = capability if capability is not None else Capability()
    return (
        CertificationFormSet(data, instance=instance, prefix="certifications"),
        ReferenceFormSet(data, instance=instance, prefix="references"),
    )


def contact_formset(data=None, *, profile=None):
    return ContactFormSet(
        data, instance=profile if profile is not None else CompanyProfile(), prefix="contacts"
    )


class AttachmentForm(attachments.AttachmentForm):
    help_text = _("Brochures, data sheets, certificates. Allowed: %(types)s.")
