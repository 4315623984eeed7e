from django import forms
from django.utils.translation import gettext_lazy as _

from events.feedback.services import COMMENT_MAX

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes(value) -> bool:
    return value == "yes"


class FeedbackForm(forms.Form):
    """One meeting's feedback: two taps (useful? follow up?) and an optional comment."""

    useful = forms.TypedChoiceField(
        label=_("Was the meeting useful?"),
        choices=YES_NO,
        coerce=_yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    follow_up = forms.TypedChoiceField(
        label=_("Do you want to follow up with them?"),
        choices=YES_NO,
        coerce=_yes,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers read it."),
    )

    @classmethod
    def initial_from(cls, feedback) -> dict:
        if feedback is None:
            return {}
        return {
            "useful": "yes" if feedback.useful else "no",
            "follow_up": "yes" if feedback.follow_up else "no",
            "comment": feedback.comment,
        }
