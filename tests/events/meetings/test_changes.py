"""Meetings after they were placed: a cancelled registration or a cancelled meeting takes its
meeting with it and tells the other side (the lost meeting listed, both parts of the email);
an organiser changing a session's times re-times its meetings, and un-places those whose slot
is gone."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import services as event_services
from events.meetings import changes, services
from events.meetings.models import Meeting, Unplaced
from events.requests import services as request_services
from events.requests.models import MeetingRequest
from healthmatch.mail.sending import deliver_due
from tests import factories as f
from tests.admin_forms import change_form_data
from tests.events.conftest import outbox
from tests.events.meetings.conftest import pending
from tests.matching.lifecycle.conftest import parts, received

pytestmark = pytest.mark.django_db
KIND = "meeting_agenda_changed"
S = MeetingRequest.Status


@pytest.fixture
def scheduled(event, requests, coordinator):
    """The buyer meets CareSense at 09:00 and Walkwise at 09:25 (Copenhagen), table 1."""
    services.run_scheduler(event, actor=coordinator)
    return requests


def new_mail(before):
    return outbox(KIND)[before:]


def test_a_cancelled_registration_cancels_its_requests_and_meetings(
    event, scheduled, buyer_reg, company_reg, hub, owner, company_owner
):
    third = f.RegistrationFactory(
        event=event, organisation=f.OrganisationFactory(hub=hub, company=True)
    )
    fourth = f.RegistrationFactory(
        event=event, organisation=f.OrganisationFactory(hub=hub, company=True)
    )
    asked_by_buyer, asked_of_buyer = pending(buyer_reg, third), pending(fourth, buyer_reg)
    before = len(outbox(KIND))

    event_services.cancel_registration(buyer_reg, actor=owner)

    statuses = set(
        MeetingRequest.objects.filter(
            pk__in=[r.pk for r in [*scheduled, asked_by_buyer, asked_of_buyer]]
        ).values_list("status", flat=True)
    )
    assert statuses == {S.CANCELLED}
    assert not Meeting.objects.exists()
    sent = new_mail(before)
    assert sorted(m.to_email for m in sent) == sorted(
        [company_owner.email, "ceo@walkwise.example"]
    )  # the other side of each lost meeting; not the buyer, not those merely asked
    mine = outbox(KIND, to=company_owner.email)[-1]
    for part in (mine.text, mine.html):
        assert "are cancelled" in part
        assert "09:00" in part and "Table 1" in part
        assert "Olivia Owner" in part and "Odense University Hospital" in part
        assert "You have no meetings scheduled." in part


def test_an_organiser_cancels_a_registration_in_the_admin(
    coordinator_client, event, scheduled, buyer_reg, company_owner
):
    response = coordinator_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "cancel_selected", "_selected_action": [buyer_reg.pk], "index": "0"},
    )
    assert response.status_code == 302
    buyer_reg.refresh_from_db()
    assert buyer_reg.status == "cancelled"
    assert not Meeting.objects.exists()
    assert outbox(KIND, to=company_owner.email)[-1].text.count("are cancelled") == 1


def test_either_side_cancels_a_meeting_and_the_other_is_told(
    event, scheduled, owner, company_owner, smtp_settings
):
    first = scheduled[0]  # the buyer asked CareSense
    before = len(outbox(KIND))
    request_services.cancel_request(first, actor=company_owner)  # the person asked

    first.refresh_from_db()
    assert first.status == S.CANCELLED and first.answered_by == company_owner
    assert not Meeting.objects.filter(request=first).exists()
    assert Meeting.objects.filter(request=scheduled[1]).exists()
    (sent,) = new_mail(before)
    assert sent.to_email == owner.email
    deliver_due()
    message = received(smtp_settings)[owner.email]
    body = parts(message)
    assert sorted(body) == ["text/calendar", "text/html", "text/plain"]
    calendars = [p.get_content() for p in message.walk() if p.get_content_type() == "text/calendar"]
    # the agenda that is left, and the lost meeting as a cancellation
    assert sorted(str(Calendar.from_ical(c)["METHOD"]) for c in calendars) == ["CANCEL", "PUBLISH"]
    for text in (body["text/plain"], body["text/html"]):
        assert "are cancelled" in text and "09:00" in text and "Cecilie CEO" in text
        assert "09:25" in text and "Walkwise A/S" in text  # what is left


def test_cancelling_a_meeting_is_refused_when_not_allowed(
    event, scheduled, member, company_owner, buyer_reg, second_company_reg
):
    with pytest.raises(PermissionDenied):
        request_services.cancel_request(scheduled[0], actor=member)  # a colleague
    scheduled[1].status = S.DECLINED  # frees the pair for a pending request
    scheduled[1].save()
    asked = pending(second_company_reg, buyer_reg)
    with pytest.raises(PermissionDenied):
        request_services.cancel_request(asked, actor=buyer_reg.user)  # pending: decline it
    event.starts_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError):
        request_services.cancel_request(scheduled[0], actor=company_owner)
    assert Meeting.objects.filter(request=scheduled[0]).exists()


def test_new_session_times_retime_its_meetings(
    event, scheduled, session, coordinator, owner, company_owner
):
    services.lock_meetings(Meeting.objects.filter(request=scheduled[0]), actor=coordinator)
    session.starts_at += datetime.timedelta(minutes=10)
    session.ends_at += datetime.timedelta(minutes=10)
    session.save()
    before = len(outbox(KIND))

    emailed = changes.retime_session(session, actor=coordinator)

    first, second = Meeting.objects.order_by("slot")
    assert (first.starts_at, second.starts_at) == tuple(s.starts_at for s in session.slots())
    assert first.locked  # locked meetings follow their slot too
    assert emailed == 3
    mine = outbox(KIND, to=owner.email)[-1]
    for part in (mine.text, mine.html):
        assert "09:10" in part and "09:35" in part
        assert "are cancelled" not in part
    assert len(new_mail(before)) == 3
    with pytest.raises(PermissionDenied):
        changes.retime_session(session, actor=company_owner)


def test_a_meeting_whose_slot_is_gone_loses_its_place(event, scheduled, session, coordinator):
    session.ends_at = session.starts_at + datetime.timedelta(minutes=30)  # one slot left
    session.save()
    before = len(outbox(KIND))

    changes.retime_session(session, actor=coordinator)

    (kept,) = Meeting.objects.all()
    assert kept.request == scheduled[0]
    scheduled[1].refresh_from_db()
    assert scheduled[1].status == S.ACCEPTED  # still wanted: the next run may place it
    unplaced = Unplaced.objects.get(request=scheduled[1])
    assert unplaced.code == "slot_gone"
    assert unplaced.reason == "The times of session Morning changed: its slot 2 no longer exists."
    sent = new_mail(before)
    assert sorted(m.to_email for m in sent) == sorted(["owner@ouh.example", "ceo@walkwise.example"])
    walkwise = [m for m in sent if m.to_email == "ceo@walkwise.example"][0]
    for part in (walkwise.text, walkwise.html):
        assert "are cancelled" in part and "09:25" in part and "Olivia Owner" in part


def test_the_admin_retimes_a_session_it_saves(coordinator_client, event, scheduled, session, owner):
    url = reverse("admin:events_event_change", args=[event.pk])
    data = {}
    for name, value in change_form_data(coordinator_client.get(url)).items():
        if isinstance(value, datetime.datetime):  # split into the admin's date and time
            local = timezone.localtime(value, event.zone)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), f"{local:%H:%M}"
        else:
            data[name] = value
    data["sessions-0-starts_at_1"] = "09:30"
    data["sessions-0-ends_at_1"] = "10:15"

    response = coordinator_client.post(url, data)

    assert response.status_code == 302, [
        form.errors for form in response.context["inline_admin_formsets"][0].formset
    ] + [response.context["adminform"].form.errors]
    starts = [m.starts_at for m in Meeting.objects.order_by("slot")]
    assert starts == [s.starts_at for s in session.__class__.objects.get().slots()]
    assert "09:30" in outbox(KIND, to=owner.email)[-1].text
