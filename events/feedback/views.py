"""The participant's feedback page: their meetings of the event, each with a small form once it
has ended. Their own only: a colleague of the same organisation, outsiders and organisers who
are not participants get 404 (organisers read the figures instead)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.feedback import services
from events.feedback.forms import FeedbackForm
from events.models import Event
from healthmatch.form_errors import apply_errors


def _row(meeting, registration, now, data=None):
    mine = next((f for f in meeting.feedback.all() if f.registration_id == registration.pk), None)
    problem = services.feedback_problem(meeting, registration, now)
    form = None
    if problem is None:
        form = FeedbackForm(data, prefix=f"m{meeting.pk}", initial=FeedbackForm.initial_from(mine))
    return {
        "meeting": meeting,
        "other": meeting.other(registration),
        "feedback": mine,
        "problem": problem,
        "form": form,
    }


@login_required
def feedback(request, pk):
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    registration = (
        event.registrations.confirmed()
        .filter(user=request.user)
        .select_related("organisation")
        .first()
    )
    if registration is None:
        raise Http404
    now = timezone.now()
    posted = request.POST.get("meeting") if request.method == "POST" else None
    rows, status = [], 200
    for meeting in services.meetings_of(registration):
        mine = posted == str(meeting.pk)
        row = _row(meeting, registration, now, request.POST if mine else None)
        rows.append(row)
        if not mine:
            continue
        posted, form = None, row["form"]
        status = 400
        if form is None or not form.is_valid():
            continue
        try:
            services.give_feedback(
                meeting,
                actor=request.user,
                useful=form.cleaned_data["useful"],
                follow_up=form.cleaned_data["follow_up"],
                comment=form.cleaned_data["comment"],
            )
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: your feedback is saved."))
            return redirect(reverse("events:feedback", args=[event.pk]) + f"#meeting-{meeting.pk}")
    if posted is not None:  # not one of their meetings
        raise Http404
    return render(
        request,
        "events/feedback.html",
        {
            "event": event,
            "registration": registration,
            "rows": rows,
            "closes": services.feedback_closes(event),
        },
        status=status,
    )
