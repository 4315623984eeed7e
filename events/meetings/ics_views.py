"""A participant's agenda as calendar files: the whole agenda, or one meeting. Access as the
agenda page: their own only (a colleague of the same organisation gets 404); organisers open
anyone's with ``?registration=<id>``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from events.meetings import ics, services
from events.meetings.models import Meeting
from events.models import Event
from events.services import is_organiser


def _calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _viewer_registration(request, event):
    """As the agenda page: the viewer's own confirmed registration, or for organisers the
    participant of ``?registration=``; None: 404."""
    raw = request.GET.get("registration")
    if raw and not raw.isdigit():
        return None
    return services.registration_for_agenda(event, request.user, int(raw) if raw else None)


@login_required
def agenda_ics(request, pk):
    """The agenda as a calendar file (the viewer's, or an organiser's view of anyone's)."""
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    registration = _viewer_registration(request, event)
    if registration is None:
        raise Http404
    calendar = ics.agenda_calendar(event, registration, services.agenda(registration))
    return _calendar_response(calendar, ics.agenda_filename(event))


@login_required
def meeting_ics(request, pk, meeting_pk):
    """One meeting as a calendar file: a meeting of the viewer's; organisers any meeting of
    their event (seen from ``?registration=``, else from the participant who asked)."""
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    meeting = get_object_or_404(
        Meeting.objects.select_related(*services.MEETING_RELATED),
        pk=meeting_pk,
        session__event=event,
    )
    parties = (meeting.request.from_registration_id, meeting.request.to_registration_id)
    registration = _viewer_registration(request, event)
    if registration is None or registration.pk not in parties:
        if request.GET.get("registration") or not is_organiser(request.user, event):
            raise Http404
        registration = meeting.request.from_registration
    calendar = ics.meeting_calendar(event, registration, meeting)
    return _calendar_response(calendar, ics.meeting_filename(meeting))
