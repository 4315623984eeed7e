"""In the participant directory, the "why meet" line names the need and the capability, each
isolated (events/requests/ranking.py: ``why_meet(html=True)``), so a title that opens with a
right-to-left override cannot reorder the rest of the line; the names of the people and their
organisations are isolated too, and so is the name in the message after a request is sent.
The API and the emails keep the plain line."""

import pytest
from django.urls import reverse

from events.requests.ranking import why_meet
from tests.bidi import ORG, PERSON, TITLE, assert_isolated
from tests.once import once

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"events:{name}", args=[event.pk, *args])


@pytest.fixture
def rtl_names(need, company_owner, company_org):
    need.title = TITLE
    need.save()
    company_owner.name = PERSON
    company_owner.save()
    company_org.name = ORG
    company_org.save()


def test_why_meet_isolates_each_title_for_pages_and_stays_plain_elsewhere(match, rtl_names):
    match.refresh_from_db()
    plain = why_meet(match)
    assert plain.startswith(f"“{TITLE}” and “Radar fall sensor”")
    html = why_meet(match, html=True)
    assert html.startswith(f"“<bdi>{TITLE}</bdi>” and “<bdi>Radar fall sensor</bdi>”")


def test_directory_isolates_people_organisations_and_the_titles_in_why_meet(
    client, event, buyer_reg, company_reg, match, owner, rtl_names
):
    client.force_login(owner)
    html = client.get(url("participants", event)).content.decode()

    person, hidden_label = assert_isolated(html, PERSON, at_least=2)
    assert person.parent.tag == "h2"
    assert hidden_label.parent.tag == "span"  # "Request a meeting with <name>", for screen readers
    (organisation,) = assert_isolated(html, ORG)
    assert " ".join(organisation.parent.text.split()) == f"· {ORG}"
    (title,) = assert_isolated(html, TITLE)
    line = title.parent
    assert line.attrs["class"] == "why-meet"
    assert " ".join(line.text.split()).startswith(f"Why meet: “{TITLE}” and “Radar fall sensor”")


def test_the_message_after_a_request_isolates_the_person_asked(
    client, event, buyer_reg, company_reg, match, owner, rtl_names
):
    client.force_login(owner)
    html = client.post(
        url("request_new", event, company_reg.pk),
        once(client, {"message": "Night falls?"}),
        follow=True,
    ).content.decode()

    names = assert_isolated(html, PERSON)
    (message,) = [name for name in names if name.parent.attrs.get("class") == "message success"]
    assert message.parent.text == f"Your request to {PERSON} is sent."
