"""The event pages: who sees which event (outsiders get 404 for drafts and members-only
events), registering and cancelling from the event's page, and the participant's own form."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services
from events.models import Registration
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


# --- Who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "sees"),
    [
        (None, {"Welfare Tech Matchmaking Day"}),
        ("outsider", {"Welfare Tech Matchmaking Day"}),
        ("owner", {"Welfare Tech Matchmaking Day", "Members' roundtable"}),
        ("member", {"Welfare Tech Matchmaking Day", "Members' roundtable"}),
        ("company_member", {"Welfare Tech Matchmaking Day", "Members' roundtable"}),
        (
            "coordinator",
            {"Welfare Tech Matchmaking Day", "Members' roundtable", "Autumn festival (draft)"},
        ),
    ],
)
def test_list_shows_the_events_each_person_may_see(
    request, client, event, members_event, draft_event, person, sees
):
    user = request.getfixturevalue(person) if person else None
    response = _page(client, user, reverse("events:list"))
    assert response.status_code == 200
    listed = {e.title for e, _status in response.context["rows"]}
    assert listed == sees
    for title in sees:
        assert title.replace("'", "&#x27;") in response.content.decode()


def test_list_leaves_out_past_events(client, hub, event):
    import datetime

    from django.utils import timezone

    past = timezone.now() - datetime.timedelta(days=10)
    f.EventFactory(
        hub=hub, title="Last year", starts_at=past, ends_at=past + datetime.timedelta(hours=3)
    )
    response = client.get(reverse("events:list"))
    assert [e.title for e, _s in response.context["rows"]] == ["Welfare Tech Matchmaking Day"]


def test_list_query_count_does_not_grow(client, owner, hub, buyer_org):
    client.force_login(owner)
    f.EventFactory(hub=hub)
    client.get(reverse("events:list"))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("events:list"))
    for _ in range(6):
        event = f.EventFactory(hub=hub, capacity=40)
        f.RegistrationFactory(event=event, user=owner, organisation=buyer_org)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("events:list"))
    assert len(response.context["rows"]) == 7
    assert len(many) == len(one)


@pytest.mark.parametrize(
    ("fixture", "person", "status"),
    [
        ("draft_event", "coordinator", 200),
        ("draft_event", "owner", 404),
        ("draft_event", "member", 404),
        ("draft_event", "outsider", 404),
        ("draft_event", None, 404),
        ("members_event", "owner", 200),
        ("members_event", "member", 200),
        ("members_event", "coordinator", 200),
        ("members_event", "outsider", 404),
        ("members_event", None, 404),
        ("event", "outsider", 200),
        ("event", None, 200),
    ],
)
def test_detail_is_404_for_those_who_may_not_know_it(request, client, fixture, person, status):
    event = request.getfixturevalue(fixture)
    user = request.getfixturevalue(person) if person else None
    response = _page(client, user, reverse("events:detail", args=[event.pk]))
    assert response.status_code == status
    if status == 200:
        assert event.title.replace("'", "&#x27;") in response.content.decode()


def test_other_hubs_coordinator_gets_404_for_a_draft(client, draft_event, other_coordinator):
    response = _page(client, other_coordinator, reverse("events:detail", args=[draft_event.pk]))
    assert response.status_code == 404


def test_detail_shows_times_in_the_events_zone(client, hub):
    import datetime

    starts = datetime.datetime(2031, 2, 11, 8, 30, tzinfo=datetime.UTC)  # 09:30 in Stockholm
    event = f.EventFactory(
        hub=hub,
        time_zone="Europe/Stockholm",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
    )
    f.SessionFactory(event=event, title="Morning meetings")  # 10:30-12:30: 5 slots of 20 min
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Tuesday 11 February 2031, 09:30" in html
    assert "Stockholm (Sweden)" in html
    assert "Morning meetings, Tue 11 Feb 10:30–12:30" in html
    assert "5 meetings of 20 minutes" in html


def test_anonymous_visitor_is_asked_to_log_in(client, event):
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Log in to register for your organisation." in html


def test_person_without_organisation_is_sent_to_onboarding(client, event):
    lonely = f.UserFactory()
    html = _page(client, lonely, reverse("events:detail", args=[event.pk])).content.decode()
    assert "Registration is for active members of verified organisations." in html
    assert reverse("onboarding") in html


# --- Register and cancel --------------------------------------------------------------------


def test_register_from_the_page(client, event, owner, buyer_org):
    client.force_login(owner)
    response = client.post(
        reverse("events:register", args=[event.pk]), once(client, {"organisation": buyer_org.pk})
    )
    assert response.status_code == 302
    assert response.url == reverse("events:registration", args=[event.pk])
    registration = Registration.objects.get(event=event, user=owner)
    assert registration.status == Registration.Status.CONFIRMED
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "You are registered for <bdi>Odense University Hospital</bdi>." in html
    assert "Cancel my registration" in html


def test_register_when_full_shows_the_waiting_list_position(client, hub, owner, member, buyer_org):
    event = f.EventFactory(hub=hub, capacity=1)
    services.register(event, owner, buyer_org)
    client.force_login(member)
    detail = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Join the waiting list" in detail
    response = client.post(
        reverse("events:register", args=[event.pk]), once(client, {"organisation": buyer_org.pk})
    )
    assert response.status_code == 302
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "You are number 1 on the waiting list" in html
    assert "Leave the waiting list" in html


def test_register_refusal_is_shown_on_the_form(client, event, outsider, buyer_org):
    client.force_login(outsider)
    response = client.post(
        reverse("events:register", args=[event.pk]), once(client, {"organisation": buyer_org.pk})
    )
    assert response.status_code == 400
    assert "Choose one of your organisations" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_for_members_only_event_by_outsider_is_404(client, members_event, outsider):
    client.force_login(outsider)
    org = outsider.memberships.get().organisation
    response = client.post(
        reverse("events:register", args=[members_event.pk]), once(client, {"organisation": org.pk})
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_closed_registration_says_so_and_offers_no_button(client, event, owner, coordinator):
    services.close_registration(event, actor=coordinator)
    html = _page(client, owner, reverse("events:detail", args=[event.pk])).content.decode()
    assert "Registration for this event is closed." in html
    assert reverse("events:register", args=[event.pk]) not in html


def test_register_requires_login(client, event, buyer_org):
    response = client.post(
        reverse("events:register", args=[event.pk]), once(client, {"organisation": buyer_org.pk})
    )
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_cancel_from_the_page_promotes_the_next(client, hub, owner, member, buyer_org):
    event = f.EventFactory(hub=hub, capacity=1)
    services.register(event, owner, buyer_org)
    waiting = services.register(event, member, buyer_org)
    client.force_login(owner)
    response = client.post(reverse("events:cancel", args=[event.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Your registration is cancelled." in html


def test_cancel_without_a_registration_is_404(client, event, member):
    client.force_login(member)
    assert client.post(reverse("events:cancel", args=[event.pk])).status_code == 404


# --- The participant's form -----------------------------------------------------------------


def test_registration_form_saves_availability_and_pitch(client, hub, owner, buyer_org):
    event = f.EventFactory(hub=hub, max_meetings_buyer=10)
    morning = f.SessionFactory(event=event, title="Morning")
    f.SessionFactory(event=event, title="Afternoon")
    need = f.NeedFactory(organisation=buyer_org, published=True, title="Fewer night falls")
    f.NeedFactory(organisation=buyer_org, title="A draft nobody sees")
    registration = services.register(event, owner, buyer_org)
    client.force_login(owner)
    url = reverse("events:registration", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Needs you pitch" in html and "Fewer night falls" in html
    assert "A draft nobody sees" not in html
    assert "Capabilities you bring" not in html
    response = client.post(
        url, {"sessions": [morning.pk], "max_meetings": "7", "pitched_needs": [need.pk]}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert list(registration.sessions.all()) == [morning]
    assert registration.max_meetings == 7
    assert list(registration.pitched_needs.all()) == [need]


def test_registration_form_offers_companies_their_capabilities(
    client, event, company_member, company_org
):
    profile = f.CompanyProfileFactory(organisation=company_org)
    capability = f.CapabilityFactory(company=profile, published=True, title="Radar falls")
    registration = services.register(event, company_member, company_org)
    client.force_login(company_member)
    url = reverse("events:registration", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Capabilities you bring" in html and "Radar falls" in html
    client.post(url, {"capabilities": [capability.pk]})
    assert list(registration.capabilities.all()) == [capability]


def test_registration_form_shows_the_cap_error(client, hub, owner, buyer_org):
    event = f.EventFactory(hub=hub, max_meetings_buyer=5)
    services.register(event, owner, buyer_org)
    client.force_login(owner)
    response = client.post(reverse("events:registration", args=[event.pk]), {"max_meetings": "9"})
    assert response.status_code == 200
    assert "The organiser allows at most 5 meetings per person." in response.content.decode()


@pytest.mark.parametrize("person", ["member", "outsider", "coordinator"])
def test_registration_form_is_404_without_an_own_registration(
    request, client, event, owner, buyer_org, person
):
    services.register(event, owner, buyer_org)
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("events:registration", args=[event.pk])).status_code == 404


def test_header_links_to_events(client):
    html = client.get(reverse("events:list")).content.decode()
    assert f'<a href="{reverse("events:list")}">Events</a>' in html


@pytest.mark.parametrize("person", ["owner", "member", "outsider"])
@pytest.mark.parametrize("name", ["events:register", "events:cancel", "events:registration"])
def test_every_participant_page_of_a_draft_is_404(
    request, client, draft_event, buyer_org, person, name
):
    client.force_login(request.getfixturevalue(person))
    url = reverse(name, args=[draft_event.pk])
    response = client.post(url, once(client, {"organisation": buyer_org.pk}))
    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize("name", ["events:register", "events:cancel", "events:registration"])
def test_every_participant_page_of_a_members_only_event_is_404_for_outsiders(
    client, members_event, outsider, name
):
    client.force_login(outsider)
    org = outsider.memberships.get().organisation
    assert (
        client.post(
            reverse(name, args=[members_event.pk]), once(client, {"organisation": org.pk})
        ).status_code
        == 404
    )
    assert client.get(reverse("events:registration", args=[members_event.pk])).status_code == 404


def test_detail_shows_a_long_meeting_length_in_hours_and_minutes(client, hub):
    import datetime

    starts = datetime.datetime(2031, 2, 11, 8, 0, tzinfo=datetime.UTC)
    event = f.EventFactory(hub=hub, starts_at=starts, ends_at=starts + datetime.timedelta(hours=8))
    f.SessionFactory(
        event=event,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        meeting_minutes=90,
        break_minutes=0,
    )
    html = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "2 meetings of 1 hour 30 minutes" in html
