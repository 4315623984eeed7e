"""The day of tests/events/feedback (held yesterday; one session of two slots, two tables) with
more people and requests, so every figure has a number of its own:

- registered: buyers ``owner`` (checked in) and ``member`` (checked in) confirmed, a third
  buyer cancelled; companies ``company_owner`` (checked in), Walkwise (a no-show) and Thirdway
  confirmed, a fourth company on the waiting list;
- requests: 5 accepted (owner–CareSense at 09:00 on table 1, Walkwise–owner at 09:25 on table 1,
  member–CareSense at 09:25 on table 2; member–Walkwise left out for "no common slot";
  Thirdway–member accepted after the last run), 1 pending, 1 declined, 1 expired, 1 cancelled;
- feedback: owner and CareSense both useful and follow up on their meeting (the match moves);
  owner not useful, no follow-up with Walkwise; member useful and follow up, CareSense neither,
  on theirs.
"""

from types import SimpleNamespace

import pytest

from events import services as event_services
from events.feedback import services as feedback
from events.meetings.models import Unplaced
from events.models import Registration
from events.requests.models import MeetingRequest
from tests import factories as f
from tests.events.feedback import conftest as held
from tests.events.feedback.conftest import accepted, place

# The held day's fixtures, shared with tests/events/feedback.
event, session, tables = held.event, held.session, held.tables
need, capability, second_company_reg = held.need, held.capability, held.second_company_reg
met, met_second = held.met, held.met_second

RS = MeetingRequest.Status


def _company(event, hub, name, email, **fields):
    org = f.OrganisationFactory(name=name, company=True, hub=hub)
    user = f.UserFactory(email=email, name=f"{name.split()[0]} Person")
    return f.RegistrationFactory(event=event, user=user, organisation=org, **fields)


@pytest.fixture
def day(
    event,
    hub,
    session,
    tables,
    met,
    met_second,
    buyer_reg,
    member_reg,
    company_reg,
    second_company_reg,
    buyer_org,
    owner,
    member,
    company_owner,
    coordinator,
):
    f.RegistrationFactory(
        event=event,
        user=f.UserFactory(email="gone@ouh.example"),
        organisation=buyer_org,
        status=Registration.Status.CANCELLED,
    )
    third = _company(event, hub, "Thirdway ApS", "ceo@thirdway.example")
    _company(
        event,
        hub,
        "Waiting Oy",
        "ceo@waiting.example",
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
    )
    for registration in (buyer_reg, member_reg, company_reg):
        event_services.check_in(registration, actor=coordinator)
    event_services.mark_no_show(second_company_reg, actor=coordinator)

    third_meeting = place(accepted(member_reg, company_reg), session, 1, tables[1])
    left_out = accepted(member_reg, second_company_reg)
    Unplaced.objects.create(
        request=left_out,
        code="no_common_slot",
        message="%(a)s and %(b)s are never available at the same time.",
        params={"a": "Mads Member", "b": "Wilma Walkwise"},
    )
    accepted(third, member_reg)
    f.MeetingRequestFactory(from_registration=buyer_reg, to_registration=third)
    for status, (asker, asked) in (
        (RS.DECLINED, (buyer_reg, third)),
        (RS.EXPIRED, (second_company_reg, member_reg)),
        (RS.CANCELLED, (buyer_reg, second_company_reg)),
    ):
        f.MeetingRequestFactory(from_registration=asker, to_registration=asked, status=status)

    def give(meeting, user, useful, follow_up):
        feedback.give_feedback(meeting, actor=user, useful=useful, follow_up=follow_up)

    give(met, owner, True, True)
    give(met, company_owner, True, True)
    give(met_second, owner, False, False)
    give(third_meeting, member, True, True)
    give(third_meeting, company_owner, False, False)

    # Another event of the hub: counted nowhere here.
    f.RegistrationFactory(event=f.EventFactory(hub=hub), user=owner, organisation=buyer_org)
    return SimpleNamespace(event=event, third=third, third_meeting=third_meeting)
