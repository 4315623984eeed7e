"""My registration over the API: only the participant's own (a colleague of the same
organisation, an outsider and the organiser get 404), availability and pitch saved through
``update_registration`` (refusals name the field and change nothing), and cancelling as the
page does (the waiting list moves up, the promoted person is emailed)."""

import pytest

from events.models import Registration
from tests import factories as f
from tests.events.api.conftest import url
from tests.events.conftest import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_need(buyer_org):
    return f.NeedFactory(organisation=buyer_org, published=True, title="Alarms that wake nobody")


def test_my_registration_reads_status_availability_and_pitch(
    as_user, event, session, buyer_reg, need, second_need, buyer_org
):
    buyer_reg.sessions.set([session])
    body = as_user("owner").get(url("event-registration", event.pk)).json()
    assert body["id"] == buyer_reg.pk and body["event"] == event.pk
    assert body["status"] == "confirmed" and body["kind"] == "buyer"
    assert body["organisation"] == {
        "id": buyer_org.pk,
        "name": "Odense University Hospital",
        "kind": "hospital",
    }
    assert body["sessions"] == [session.pk]
    assert body["pitched_needs"] == [{"id": need.pk, "title": "Fewer falls at night"}]
    assert body["capabilities"] == [] and body["bringable_capabilities"] == []
    assert [n["title"] for n in body["pitchable_needs"]] == [
        "Alarms that wake nobody",
        "Fewer falls at night",
    ]


@pytest.mark.parametrize("who", ["member", "outsider", "coordinator", "company_owner", None])
def test_someone_elses_registration_is_404(as_user, event, buyer_reg, who):
    assert as_user(who).get(url("event-registration", event.pk)).status_code == 404


def test_a_cancelled_registration_is_gone(as_user, event, buyer_reg):
    buyer_reg.status = "cancelled"
    buyer_reg.save()
    assert as_user("owner").get(url("event-registration", event.pk)).status_code == 404


def test_set_availability_and_pitch(as_user, event, session, buyer_reg, second_need):
    response = as_user("owner").patch(
        url("event-registration", event.pk),
        {"sessions": [session.pk], "max_meetings": 4, "pitched_needs": [second_need.pk]},
        format="json",
    )
    assert response.status_code == 200
    buyer_reg.refresh_from_db()
    assert list(buyer_reg.sessions.all()) == [session]
    assert buyer_reg.max_meetings == 4
    assert list(buyer_reg.pitched_needs.all()) == [second_need]
    assert response.json()["max_meetings"] == 4


def test_fields_left_out_keep_their_value(as_user, event, session, buyer_reg, need):
    buyer_reg.sessions.set([session])
    response = as_user("owner").patch(
        url("event-registration", event.pk), {"max_meetings": 2}, format="json"
    )
    assert response.status_code == 200
    buyer_reg.refresh_from_db()
    assert buyer_reg.max_meetings == 2
    assert list(buyer_reg.sessions.all()) == [session]
    assert list(buyer_reg.pitched_needs.all()) == [need]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"sessions": ["other"]}, "sessions"),
        ({"max_meetings": -1}, "max_meetings"),
        ({"max_meetings": 9}, "max_meetings"),  # over the organiser's cap of 5
        ({"pitched_needs": ["foreign"]}, "pitched_needs"),
        ({"pitched_needs": ["unpublished"]}, "pitched_needs"),
        ({"capabilities": ["capability"]}, "capabilities"),  # buyers pitch needs
    ],
)
def test_bad_availability_or_pitch_is_400_and_changes_nothing(
    as_user, event, session, buyer_reg, need, capability, foreign_need, buyer_org, data, field
):
    event.max_meetings_buyer = 5
    event.save()
    buyer_reg.max_meetings = 3
    buyer_reg.save()
    other_session = f.SessionFactory()  # of another event
    unpublished = f.NeedFactory(organisation=buyer_org, title="Not published")
    ids = {
        "other": other_session.pk,
        "foreign": foreign_need.pk,
        "unpublished": unpublished.pk,
        "capability": capability.pk,
    }
    payload = {
        key: [ids[v] for v in value] if isinstance(value, list) else value
        for key, value in data.items()
    }
    response = as_user("owner").patch(url("event-registration", event.pk), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    buyer_reg.refresh_from_db()
    assert buyer_reg.max_meetings == 3
    assert list(buyer_reg.pitched_needs.all()) == [need]
    assert not buyer_reg.sessions.exists() and not buyer_reg.capabilities.exists()


def test_company_brings_capabilities(as_user, event, company_reg, capability, need):
    api = as_user("company_owner")
    response = api.patch(
        url("event-registration", event.pk), {"pitched_needs": [need.pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"pitched_needs": ["Companies bring capabilities, not needs."]}
    response = api.patch(url("event-registration", event.pk), {"capabilities": []}, format="json")
    assert response.status_code == 200
    assert not company_reg.capabilities.exists()


def test_changes_on_a_cancelled_event_are_refused(as_user, event, buyer_reg):
    event.status = "cancelled"
    event.save()
    response = as_user("owner").patch(
        url("event-registration", event.pk), {"max_meetings": 1}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This event is cancelled."]}
    buyer_reg.refresh_from_db()
    assert buyer_reg.max_meetings is None


@pytest.mark.parametrize("who, status", [("member", 404), ("outsider", 404), ("coordinator", 404)])
def test_nobody_else_changes_or_cancels_my_registration(as_user, event, buyer_reg, who, status):
    api = as_user(who)
    assert api.patch(url("event-registration", event.pk), {"max_meetings": 1}).status_code == status
    assert api.delete(url("event-registration", event.pk)).status_code == status
    buyer_reg.refresh_from_db()
    assert buyer_reg.status == "confirmed" and buyer_reg.max_meetings is None


def test_anonymous_writes_are_refused(as_user, event, buyer_reg):
    api = as_user(None)
    assert api.patch(url("event-registration", event.pk), {"max_meetings": 1}).status_code == 401
    assert api.delete(url("event-registration", event.pk)).status_code == 401
    buyer_reg.refresh_from_db()
    assert buyer_reg.status == "confirmed"


def test_cancel_lets_the_first_in_line_in(as_user, event, buyer_reg, member, buyer_org):
    event.capacity = 1
    event.save()
    waiting = f.RegistrationFactory(
        event=event, user=member, organisation=buyer_org, status="waitlisted", confirmed_at=None
    )
    waiting.waitlisted_at = waiting.created_at
    waiting.save()
    response = as_user("owner").delete(url("event-registration", event.pk))
    assert response.status_code == 204
    buyer_reg.refresh_from_db()
    waiting.refresh_from_db()
    assert buyer_reg.status == "cancelled" and buyer_reg.cancelled_at is not None
    assert waiting.status == "confirmed"
    assert [m.to_email for m in outbox("event_registration_promoted")] == [member.email]
    assert as_user("owner").get(url("event-registration", event.pk)).status_code == 404
    # registering again writes a new row, as on the page
    assert as_user("owner").post(url("event-register", event.pk)).status_code == 201
    assert Registration.objects.filter(user=buyer_reg.user).count() == 2
