from django import forms
from django.utils.translation import gettext_lazy as _

from matching.access import BUYER, COMPANY
from matching.lifecycle.services import COORDINATOR_TARGETS, PARTY_TARGETS
from matching.models import Match

REASON_MAX = 1000


class InterestForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Answering for"),
        choices=[(BUYER, _("The need side")), (COMPANY, _("The company side"))],
        required=False,
    )
    interest = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Match.Interest.INTERESTED, _("Interested")),
            (Match.Interest.NOT_RELEVANT, _("Not relevant")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown in the match's history to the other side and to the cluster's coordinators."
        ),
    )


class ReportForm(forms.Form):
    to = forms.ChoiceField(
        label=_("What happened"),
        choices=[(s, Match.Status(s).label) for s in PARTY_TARGETS],
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the match's history to both sides and to the coordinators."),
    )


class MoveForm(forms.Form):
    """The admin's single-match move (and the bulk action's confirm page)."""

    to = forms.ChoiceField(
        label=_("Move to"),
        choices=[(s, Match.Status(s).label) for s in COORDINATOR_TARGETS],
    )
    note = forms.CharField(
        label=_("Message to both sides"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the match page to the need's organisation and to the company. Required "
            "when closing: the reason."
        ),
    )
    internal_note = forms.CharField(
        label=_("Internal note (coordinators only)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the match's history in the admin; never shown to either side."),
    )

    def clean(self):
        data = super().clean()
        if data.get("to") == Match.Status.CLOSED and not (data.get("note") or "").strip():
            self.add_error("note", _("Give a reason for closing the match."))
        return data


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing, to both sides"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the match page to the need's organisation and to the company."),
    )
    internal_note = forms.CharField(
        label=_("Internal note (coordinators only)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the match's history in the admin; never shown to either side."),
    )


class IntroductionForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body_buyer = forms.CharField(
        label=_("Text to the need side"), widget=forms.Textarea(attrs={"rows": 14})
    )
    body_company = forms.CharField(
        label=_("Text to the company side"), widget=forms.Textarea(attrs={"rows": 14})
    )
