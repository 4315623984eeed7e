"""The bid form, the need owner's decision form and the withdraw form. The views hand the
cleaned data to matching.bids.services, which holds the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from healthmatch.accounts.models import Organisation
from matching.bids.models import Bid
from matching.bids.services import CONTENT_FIELDS, EDITABLE_FIELDS, offerable_capabilities

CURRENCIES = [("DKK", "DKK"), ("EUR", "EUR"), ("SEK", "SEK"), ("NOK", "NOK"), ("USD", "USD")]


class BidForm(forms.ModelForm):
    """A bid's content. The company chooser appears only for people who may bid for more than
    one company; capabilities are limited to the chosen company's own."""

    company = forms.ModelChoiceField(
        label=_("Bid as"),
        queryset=Organisation.objects.none(),
        help_text=_("The company this bid is made for."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES, initial="DKK")

    class Meta:
        model = Bid
        fields = CONTENT_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "solution": forms.Textarea(attrs={"rows": 10}),
            "evidence": forms.Textarea(attrs={"rows": 6}),
            "capabilities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "summary": _("Two or three sentences the need owner reads first."),
            "solution": _("How your solution meets the need: what, how, and for whom."),
            "evidence": _("Results, studies, certifications and references from other sites."),
            "price_min": _("Indicative only; leave blank if you cannot say yet."),
            "timeline": _("For example: pilot in 3 months, full roll-out in 12."),
        }

    def __init__(self, *args, companies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["company"]
            company_ids = [self.instance.company_id]
        else:
            companies = list(companies or [])
            company_ids = [c.pk for c in companies]
            self.fields["company"].queryset = Organisation.objects.filter(pk__in=company_ids)
            if len(companies) == 1:
                self.fields["company"].initial = companies[0].pk
                self.fields["company"].widget = forms.HiddenInput()
        self.fields["capabilities"].queryset = offerable_capabilities(
            company_ids, self.instance
        ).order_by("title")
        self.fields["capabilities"].help_text = _("Which of your published capabilities you offer.")
        for name in ("price_min", "price_max"):
            self.fields[name].widget.attrs["min"] = 0
            self.fields[name].min_value = 0
            self.fields[name].validators.append(_non_negative)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price must not be below the lower price."))
        company = cleaned.get("company")
        if company is not None:
            foreign = [
                c
                for c in cleaned.get("capabilities") or []
                if c.company.organisation_id != company.pk
            ]
            if foreign:
                self.add_error(
                    "capabilities", _("You can only offer your own company's capabilities.")
                )
        return cleaned

    def service_data(self):
        data = {name: self.cleaned_data.get(name) for name in EDITABLE_FIELDS}
        for name in ("evidence", "timeline"):
            data[name] = data[name] or ""
        return data, list(self.cleaned_data.get("capabilities") or [])


def _non_negative(value):
    if value is not None and value < 0:
        raise forms.ValidationError(_("A price cannot be negative."))


class DecisionForm(forms.Form):
    ACTIONS = [
        (Bid.State.SHORTLISTED, _("Shortlist")),
        (Bid.State.ACCEPTED, _("Accept")),
        (Bid.State.DECLINED, _("Decline")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label=_("Feedback to the company"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The company's members receive it by email. Required when you decline."),
    )

    def __init__(self, *args, bid=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bid is not None and bid.state == Bid.State.SHORTLISTED:
            self.fields["decision"].choices = self.ACTIONS[1:]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == Bid.State.DECLINED
            and not cleaned.get("feedback", "").strip()
        ):
            self.add_error("feedback", _("Tell the company why you decline its bid."))
        return cleaned


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
