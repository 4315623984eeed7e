"""The coordination admin for events: entering times in the event's zone, hub scoping, the
actions (publish, close registration, export CSV, message participants, check-in, no-show),
and a coordinator of another hub refused."""

import csv
import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventMessage, Registration
from tests import factories as f
from tests.admin_forms import add_inline_row, change_form_data
from tests.events.conftest import event_add_data, outbox
from tests.once import once

pytestmark = pytest.mark.django_db

EVENTS = "admin:events_event_changelist"
REGISTRATIONS = "admin:events_registration_changelist"


def run_action(client, changelist, action, objects, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objects], "index": "0", **extra}
    return client.post(reverse(changelist), once(client, data))


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_add_event_with_times_in_the_events_zone(coordinator_client, coordinator, hub):
    data = {
        **event_add_data(hub),
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-title": "Morning meetings",
        "sessions-0-starts_at_0": "2031-06-10",
        "sessions-0-starts_at_1": "10:00",
        "sessions-0-ends_at_0": "2031-06-10",
        "sessions-0-ends_at_1": "12:00",
        "sessions-0-meeting_minutes": "20",
        "sessions-0-break_minutes": "5",
    }
    response = coordinator_client.post(
        reverse("admin:events_event_add"), once(coordinator_client, data)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    # Oslo is UTC+2 in June.
    assert event.starts_at == datetime.datetime(2031, 6, 10, 7, 0, tzinfo=datetime.UTC)
    assert event.status == Event.Status.DRAFT
    assert event.created_by == coordinator
    (session,) = event.sessions.all()
    assert session.starts_at == datetime.datetime(2031, 6, 10, 8, 0, tzinfo=datetime.UTC)
    assert len(session.slots()) == 5

    page = coordinator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    html = page.content.decode()
    assert 'name="starts_at_1" value="09:00:00"' in html
    assert 'name="sessions-0-starts_at_1" value="10:00:00"' in html


def test_a_session_outside_the_event_is_refused_in_the_form(coordinator_client, event):
    page = coordinator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    data = change_form_data(page)
    day = timezone.localtime(event.starts_at, event.zone).date().isoformat()
    add_inline_row(
        data,
        "sessions",
        {
            "title": "Too early",
            "starts_at_0": day,
            "starts_at_1": "05:00",
            "ends_at_0": day,
            "ends_at_1": "06:00",
            "meeting_minutes": "20",
            "break_minutes": "5",
        },
    )
    response = coordinator_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 200
    assert "A session must lie within the event&#x27;s start and end." in response.content.decode()
    assert not event.sessions.exists()


def test_a_cancelled_event_is_view_only(coordinator_client, coordinator, event):
    services.cancel_event(event, actor=coordinator)
    page = coordinator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]


def test_add_event_for_another_hub_is_not_offered(coordinator_client, other_hub):
    response = coordinator_client.get(reverse("admin:events_event_add"))
    hubs = list(response.context["adminform"].form.fields["hub"].queryset)
    assert other_hub not in hubs


def test_changelist_shows_only_the_coordinators_hub(coordinator_client, event, other_hub):
    foreign = f.EventFactory(hub=other_hub, title="Nordic festival")
    response = coordinator_client.get(reverse(EVENTS))
    assert list(response.context["cl"].queryset) == [event]
    page = coordinator_client.get(reverse("admin:events_event_change", args=[foreign.pk]))
    assert page.status_code == 302  # "doesn't exist", back to the index


def test_publish_and_close_registration_actions(coordinator_client, draft_event, event):
    response = run_action(coordinator_client, EVENTS, "publish_selected", [draft_event, event])
    messages = texts(response)
    assert "1 event published." in messages
    assert (
        "“Welfare Tech Matchmaking Day” was not published: An event that is "
        "“Open for registration” cannot be published." in messages
    )
    draft_event.refresh_from_db()
    assert draft_event.status == Event.Status.PUBLISHED

    response = run_action(coordinator_client, EVENTS, "close_registration_selected", [event])
    assert "Registration closed for 1 event." in texts(response)
    event.refresh_from_db()
    assert event.status == Event.Status.REGISTRATION_CLOSED


def test_actions_by_a_coordinator_of_another_hub_change_nothing(
    client, other_coordinator, event, draft_event, owner, buyer_org
):
    registration = services.register(event, owner, buyer_org)
    client.force_login(other_coordinator)
    run_action(client, EVENTS, "publish_selected", [draft_event])
    run_action(client, EVENTS, "close_registration_selected", [event])
    run_action(client, EVENTS, "cancel_selected", [event])
    run_action(client, REGISTRATIONS, "mark_checked_in", [registration])
    response = run_action(client, EVENTS, "export_participants", [event])
    assert owner.email not in response.content.decode(errors="replace")
    draft_event.refresh_from_db()
    event.refresh_from_db()
    registration.refresh_from_db()
    assert draft_event.status == Event.Status.DRAFT
    assert event.status == Event.Status.PUBLISHED
    assert registration.checked_in_at is None
    assert client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 302


def test_export_participants_csv(coordinator_client, hub, owner, member, buyer_org, company_org):
    event = f.EventFactory(hub=hub, capacity=2, title="Matchmaking, Aarhus")
    session = f.SessionFactory(event=event, title="Morning")
    need = f.NeedFactory(organisation=buyer_org, published=True, title="Fewer falls")
    first = services.register(event, owner, buyer_org)
    services.update_registration(
        first, actor=owner, sessions=[session], max_meetings=4, needs=[need]
    )
    company_person = f.MembershipFactory(organisation=company_org).user
    services.register(event, company_person, company_org)
    services.register(event, member, buyer_org)  # waiting
    gone = f.MembershipFactory(organisation=buyer_org).user
    services.cancel_registration(services.register(event, gone, buyer_org), actor=gone)

    response = run_action(coordinator_client, EVENTS, "export_participants", [event])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"participants-event-{event.pk}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "event",
        "name",
        "email",
        "organisation",
        "kind",
        "status",
        "waiting list position",
        "registered at",
        "sessions",
        "meetings at most",
        "pitched needs",
        "capabilities brought",
        "checked in at",
        "no-show",
    ]
    body = rows[1:]
    assert [(r[2], r[5], r[6]) for r in body] == [
        (owner.email, "Confirmed", ""),
        (company_person.email, "Confirmed", ""),
        (member.email, "On the waiting list", "1"),
        (gone.email, "Cancelled", ""),
    ]
    assert body[0][0] == "Matchmaking, Aarhus"
    assert body[0][3:5] == ["Odense University Hospital", "Buyer"]
    assert body[0][8:11] == ["Morning", "4", "Fewer falls"]
    assert body[1][4] == "Company"


def test_message_participants_action(coordinator_client, event, owner, buyer_org):
    services.register(event, owner, buyer_org)
    page = run_action(coordinator_client, EVENTS, "message_participants", [event])
    assert page.status_code == 200
    assert "Each confirmed participant of these events gets your message" in page.content.decode()
    assert "&rsaquo; Message participants" in page.content.decode()
    assert '<input type="submit" value="Send">' in page.content.decode()
    response = run_action(
        coordinator_client,
        EVENTS,
        "message_participants",
        [event],
        apply="1",
        subject="Parking",
        body="North entrance.",
    )
    assert "Your message is in the outbox for 1 participant of 1 event." in texts(response)
    assert EventMessage.objects.get().recipients == 1
    assert [row.to_email for row in outbox("event_message")] == [owner.email]


def test_registrations_changelist_is_scoped_and_searchable(
    coordinator_client, event, owner, buyer_org, outsider, other_hub
):
    mine = services.register(event, owner, buyer_org)
    foreign_event = f.EventFactory(hub=other_hub)
    services.register(foreign_event, outsider, outsider.memberships.get().organisation)
    response = coordinator_client.get(reverse(REGISTRATIONS))
    assert list(response.context["cl"].queryset) == [mine]
    response = coordinator_client.get(reverse(REGISTRATIONS), {"q": "olivia"})
    assert list(response.context["cl"].queryset) == [mine]
    response = coordinator_client.get(reverse(REGISTRATIONS), {"q": "nobody-like-this"})
    assert list(response.context["cl"].queryset) == []


def test_check_in_and_no_show_actions(coordinator_client, event, owner, member, buyer_org):
    arrived = services.register(event, owner, buyer_org)
    absent = services.register(event, member, buyer_org)
    response = run_action(coordinator_client, REGISTRATIONS, "mark_checked_in", [arrived])
    assert "1 participant checked in." in texts(response)
    response = run_action(coordinator_client, REGISTRATIONS, "mark_no_show", [absent])
    assert any("before the event has started" in m for m in texts(response))
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    response = run_action(coordinator_client, REGISTRATIONS, "mark_no_show", [absent])
    assert "1 participant marked as no-show." in texts(response)
    arrived.refresh_from_db()
    absent.refresh_from_db()
    assert arrived.checked_in_at is not None and not arrived.no_show
    assert absent.no_show and absent.checked_in_at is None


def test_registrations_cannot_be_added_or_deleted_in_the_admin(coordinator_client, superuser):
    assert coordinator_client.get(reverse("admin:events_registration_add")).status_code == 403
    registration = f.RegistrationFactory()
    coordinator_client.force_login(superuser)
    url = reverse("admin:events_registration_delete", args=[registration.pk])
    assert coordinator_client.get(url).status_code == 403
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_messages_are_listed_read_only_per_hub(
    coordinator_client, coordinator, event, owner, buyer_org, other_hub, outsider, superuser
):
    services.register(event, owner, buyer_org)
    mine = services.message_participants(event, actor=coordinator, subject="Parking", body="North.")
    foreign_event = f.EventFactory(hub=other_hub)
    services.register(foreign_event, outsider, outsider.memberships.get().organisation)
    services.message_participants(foreign_event, actor=superuser, subject="Secret", body="x")
    response = coordinator_client.get(reverse("admin:events_eventmessage_changelist"))
    assert list(response.context["cl"].queryset) == [mine]
    page = coordinator_client.get(reverse("admin:events_eventmessage_change", args=[mine.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
