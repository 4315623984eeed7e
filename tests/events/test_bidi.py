"""An event whose title opens with a right-to-left override, held by a hub named in Arabic at
a venue named in Hebrew, is shown isolated on the events list and the event page
(healthmatch/bidi.py), each name in an element that holds it alone, where the page put it."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.bidi import HUB, ORG, TITLE, assert_isolated

pytestmark = pytest.mark.django_db
VENUE = "מרכז הכנסים, תל אביב"
DESCRIPTION = "يعرض المشترون احتياجاتهم؛ وتلتقي بهم الشركات."


@pytest.fixture
def rtl_event(hub):
    hub.name = HUB
    hub.save()
    return f.EventFactory(hub=hub, title=TITLE, venue=VENUE, description=DESCRIPTION)


def test_events_list_isolates_title_hub_and_venue(client, rtl_event):
    html = client.get(reverse("events:list")).content.decode()

    (title,) = assert_isolated(html, TITLE)
    assert title.parent.attrs["href"] == rtl_event.get_absolute_url()
    assert title.parent.parent.tag == "h3"
    (hub,) = assert_isolated(html, HUB)
    (venue,) = assert_isolated(html, VENUE)
    assert hub.parent.attrs["class"] == venue.parent.attrs["class"] == "meta"
    assert " ".join(hub.parent.text.split()).endswith(f"· {HUB} · {VENUE}")


def test_event_page_isolates_title_hub_venue_and_description(client, owner, rtl_event):
    organisation = owner.memberships.get().organisation
    organisation.name = ORG
    organisation.save()
    f.RegistrationFactory(event=rtl_event, user=owner, organisation=organisation)
    client.force_login(owner)
    html = client.get(rtl_event.get_absolute_url()).content.decode()

    (title,) = assert_isolated(html, TITLE)
    assert title.parent.tag == "h1" and title.parent.text == TITLE
    (hub,) = assert_isolated(html, HUB)
    assert " ".join(hub.parent.text.split()) == f"{HUB} · English"
    (venue,) = assert_isolated(html, VENUE)
    assert venue.parent.tag == "dd"
    (description,) = assert_isolated(html, DESCRIPTION)
    assert description.tag == "div" and "event-description" in description.attrs["class"]
    (registered,) = assert_isolated(html, ORG)
    assert registered.parent.text == f"You are registered for {ORG}."
