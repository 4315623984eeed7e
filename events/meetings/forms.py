"""The time a participant picks on a self-pick event: the free slots as radio choices, in the
event's zone. The view hands the chosen key to events.meetings.self_pick."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.requests.forms import MeetingRequestForm

NONE_FREE = _(
    "No time is free for both of you: your sessions, your other meetings, the limits on "
    "meetings or the tables leave no slot."
)


def _add_slot_field(form, free_slots, event):
    field = forms.ChoiceField(
        label=_("Time of the meeting"),
        widget=forms.RadioSelect,
        choices=[(free.key, free.label(event)) for free in free_slots],
        help_text=_("Times in %(zone)s. A table is given to you with the time.")
        % {"zone": event.get_time_zone_display()},
    )
    if not free_slots:
        field.help_text = NONE_FREE
        field.error_messages["required"] = NONE_FREE
    form.fields["slot"] = field


class SlotForm(forms.Form):
    def __init__(self, *args, free_slots, event, **kwargs):
        super().__init__(*args, **kwargs)
        _add_slot_field(self, free_slots, event)


class MeetingRequestAtSlotForm(MeetingRequestForm):
    """The request form of an opt-out self-pick event: the asker picks the time too."""

    def __init__(self, *args, free_slots, event, **kwargs):
        super().__init__(*args, **kwargs)
        _add_slot_field(self, free_slots, event)
