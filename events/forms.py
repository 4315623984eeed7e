"""The participants' forms: register for an organisation, and say when you are available and
what you bring. The views hand the cleaned data to events.services."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import Registration, Session
from healthmatch.accounts.models import Organisation


class RegisterForm(forms.Form):
    """Which organisation the person registers for; shown only when they have a choice."""

    organisation = forms.ModelChoiceField(
        label=_("Register for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation you represent at the event."),
        error_messages={
            "invalid_choice": _(
                "Choose one of your organisations: active membership of a verified "
                "organisation is needed to register."
            )
        },
    )

    def full_clean(self):
        """With one organisation the chooser is hidden: its error goes on top of the form."""
        super().full_clean()
        hidden = isinstance(self.fields["organisation"].widget, forms.HiddenInput)
        if hidden and "organisation" in self._errors:
            for error in self._errors.pop("organisation"):
                self.add_error(None, error)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()


class RegistrationForm(forms.Form):
    """Availability and pitch. Buyers get their published needs to pitch, companies their
    published capabilities to bring."""

    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions you can attend"),
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Meetings are only placed in the sessions you choose."),
    )
    max_meetings = forms.IntegerField(
        label=_("Meetings at most"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Leave empty for as many as the organiser allows."),
    )

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.registration = registration
        event = registration.event
        sessions = self.fields["sessions"]
        sessions.queryset = event.sessions.all()
        sessions.label_from_instance = lambda session: session_label(session, event)
        cap = event.meeting_cap_for(registration.kind)
        if cap is not None:
            self.fields["max_meetings"].widget.attrs["max"] = cap
            self.fields["max_meetings"].help_text = _(
                "Leave empty for as many as the organiser allows (%(cap)d)."
            ) % {"cap": cap}
        if registration.is_buyer:
            self.fields["pitched_needs"] = forms.ModelMultipleChoiceField(
                label=_("Needs you pitch"),
                queryset=services.pitchable_needs(registration),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Your organisation's published needs that companies can ask about."),
            )
        else:
            self.fields["capabilities"] = forms.ModelMultipleChoiceField(
                label=_("Capabilities you bring"),
                queryset=services.bringable_capabilities(registration),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Your company's published capabilities that buyers can ask about."),
            )
        if not self.is_bound:
            self.initial = {
                "sessions": list(registration.sessions.all()),
                "max_meetings": registration.max_meetings,
                "pitched_needs": list(registration.pitched_needs.all()),
                "capabilities": list(registration.capabilities.all()),
            }


def session_label(session, event) -> str:
    """“Morning meetings, Tue 3 Mar 09:00–12:00”, in the event's time zone."""
    start = timezone.localtime(session.starts_at, event.zone)
    end = timezone.localtime(session.ends_at, event.zone)
    return _("%(title)s, %(day)s %(start)s–%(end)s") % {
        "title": session.title,
        "day": formats.date_format(start, "D j M"),
        "start": formats.time_format(start, "H:i"),
        "end": formats.time_format(end, "H:i"),
    }


class MessageForm(forms.Form):
    """The organiser's message to the participants (the admin's "message participants")."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10, "cols": 80})
    )
    include_waitlisted = forms.BooleanField(
        label=_("Also send it to the waiting list"), required=False
    )
