"""The directory, the request form and "My requests": who sees what (outsiders and a colleague
of the same organisation get 404 for what is not theirs), rendered text, rows written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.requests import services
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.once import once

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


def test_directory_for_a_confirmed_participant(client, event, buyer_reg, company_reg, match, owner):
    client.force_login(owner)
    response = client.get(url("participants", event))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cecilie CEO" in page and "CareSense ApS" in page
    assert "Why meet:" in page and "80 % match" in page
    assert url("request_new", event, company_reg.pk) in page
    assert "Olivia Owner" not in page.split("<ol")[1]  # not oneself


def test_directory_marks_must_meet(client, event, buyer_reg, company_reg, match, owner):
    match.status = "approved"
    match.save()
    client.force_login(owner)
    assert "Must meet" in client.get(url("participants", event)).content.decode()


@pytest.mark.parametrize("who", ["outsider", "member", "anonymous"])
def test_directory_hidden_from_non_participants(
    client, event, buyer_reg, company_reg, who, request
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))  # member: not registered
    response = client.get(url("participants", event))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_directory_hidden_from_the_waiting_list(client, event, member_reg, member):
    member_reg.status = "waitlisted"
    member_reg.save()
    client.force_login(member)
    assert client.get(url("participants", event)).status_code == 404


def test_directory_for_the_organiser_lists_everybody(
    coordinator_client, event, buyer_reg, company_reg
):
    page = coordinator_client.get(url("participants", event)).content.decode()
    assert "Olivia Owner" in page and "Cecilie CEO" in page
    assert "Request a meeting" not in page


def test_directory_queries_do_not_grow(client, event, hub, buyer_reg, need, owner):
    client.force_login(owner)

    def add_company(n):
        org = f.OrganisationFactory(name=f"Company {n}", company=True, hub=hub)
        capability = f.CapabilityFactory(
            company=f.CompanyProfileFactory(organisation=org), published=True
        )
        registration = f.RegistrationFactory(event=event, organisation=org)
        registration.capabilities.set([capability])
        f.MatchFactory(need=need, capability=capability, score=0.5 + n / 100)
        f.MeetingRequestFactory(from_registration=buyer_reg, to_registration=registration)

    add_company(0)
    with CaptureQueriesContext(connection) as one:
        client.get(url("participants", event))
    for n in range(1, 6):
        add_company(n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("participants", event))
    assert response.content.decode().count('class="result participant"') == 6
    assert len(many) == len(one)


def test_request_form_sends_a_request(client, event, buyer_reg, company_reg, match, owner):
    client.force_login(owner)
    page = client.get(url("request_new", event, company_reg.pk)).content.decode()
    assert "Request a meeting with Cecilie CEO" in page and "Why meet:" in page
    response = client.post(
        url("request_new", event, company_reg.pk),
        once(
            client,
            {"message": "Night falls?", "need": match.need.pk, "capability": match.capability.pk},
        ),
    )
    assert response.status_code == 302 and response.url == url("requests", event)
    request = MeetingRequest.objects.get()
    assert request.from_registration == buyer_reg and request.message == "Night falls?"


def test_request_form_shows_the_services_refusal(client, event, buyer_reg, company_reg, owner):
    services.request_meeting(buyer_reg, company_reg, actor=owner)
    client.force_login(owner)
    response = client.post(
        url("request_new", event, company_reg.pk), once(client, {"message": "Again"})
    )
    assert response.status_code == 400
    assert "You two already have an open meeting request." in response.content.decode()


def test_request_form_404_for_own_side_and_outsiders(
    client, event, buyer_reg, member_reg, company_reg, owner, outsider
):
    client.force_login(owner)
    assert client.get(url("request_new", event, member_reg.pk)).status_code == 404
    client.force_login(outsider)
    assert client.get(url("request_new", event, company_reg.pk)).status_code == 404


def test_my_requests_lists_both_ways_and_answers(
    client, event, buyer_reg, company_reg, owner, company_owner
):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    client.force_login(owner)
    page = client.get(url("requests", event)).content.decode()
    assert "Asked of you" in page and "Cecilie CEO" in page
    assert url("request_accept", event, request.pk) in page
    response = client.post(url("request_accept", event, request.pk))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted"
    client.force_login(company_owner)
    page = client.get(url("requests", event)).content.decode()
    assert "Asked by you" in page and "Accepted" in page
    client.post(url("request_cancel", event, request.pk))
    request.refresh_from_db()
    assert request.status == "cancelled"


def test_decline_by_post(client, event, buyer_reg, company_reg, owner, company_owner):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    client.force_login(owner)
    assert client.get(url("request_decline", event, request.pk)).status_code == 405
    client.post(url("request_decline", event, request.pk))
    request.refresh_from_db()
    assert request.status == "declined"


def test_a_request_is_private_to_its_two_participants(
    client, event, buyer_reg, member_reg, company_reg, owner, member, outsider, company_owner
):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    for person in (member, outsider):  # a colleague of the person asked, and an outsider
        client.force_login(person)
        for verb in ("request_accept", "request_decline", "request_cancel"):
            assert client.post(url(verb, event, request.pk)).status_code == 404
    client.force_login(member)
    assert "Cecilie CEO" not in client.get(url("requests", event)).content.decode()
    client.force_login(outsider)
    assert client.get(url("requests", event)).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_the_asker_cannot_accept_their_own_request(
    client, event, buyer_reg, company_reg, owner, company_owner
):
    request = services.request_meeting(company_reg, buyer_reg, actor=company_owner)
    client.force_login(company_owner)
    response = client.post(url("request_accept", event, request.pk), follow=True)
    assert "Only the person asked can answer this request." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_event_page_links_confirmed_participants(client, event, buyer_reg, owner, outsider):
    client.force_login(owner)
    page = client.get(event.get_absolute_url()).content.decode()
    assert url("participants", event) in page and url("requests", event) in page
    client.force_login(outsider)
    page = client.get(event.get_absolute_url()).content.decode()
    assert url("participants", event) not in page


def test_directory_marks_a_research_institute_among_the_companies(
    client, event, hub, buyer_reg, company_reg, need, owner
):
    org = f.OrganisationFactory(name="SDU Robotics", research=True, hub=hub)
    researcher = f.UserFactory(name="Rasmus Researcher")
    f.MembershipFactory(user=researcher, organisation=org)
    capability = f.CapabilityFactory(
        company=f.CompanyProfileFactory(organisation=org, is_sme=False),
        kind="trial_unit",
        published=True,
    )
    registration = f.RegistrationFactory(event=event, user=researcher, organisation=org)
    registration.capabilities.set([capability])
    f.MatchFactory(need=need, capability=capability, score=0.7)
    client.force_login(owner)
    page = client.get(url("participants", event)).content.decode()
    row = page[page.index("Rasmus Researcher") :]
    assert "SDU Robotics" in row[: row.index("</h2>")]
    assert "Research institute" in row[: row.index("</h2>")]
    company_row = page[page.index("Cecilie CEO") :]
    assert "Research institute" not in company_row[: company_row.index("</h2>")]
    assert url("request_new", event, registration.pk) in page
