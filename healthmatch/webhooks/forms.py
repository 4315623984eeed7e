from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from healthmatch.webhooks import event_types, services
from healthmatch.webhooks.models import Endpoint


class EndpointForm(forms.ModelForm):
    """URL, description and event types. The URL is checked against the SSRF rules here, so the
    person sees why at once; the service checks it again."""

    events = forms.MultipleChoiceField(
        label=_("Events to send"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the events you tick are sent to this endpoint."),
    )

    class Meta:
        model = Endpoint
        fields = ("url", "description", "events")
        labels = {"url": _("Endpoint URL"), "description": _("Description")}
        help_texts = {
            "url": _(
                "The HTTPS address of your system that receives the events. It must be "
                "reachable from the internet: private and local addresses are refused."
            ),
            "description": _("For your colleagues: what receives these events."),
        }
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = event_types.choices()

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            return services.check_url(url)
        except ValidationError as error:
            raise ValidationError(error.message_dict["url"]) from error
