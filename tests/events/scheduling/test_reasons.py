"""Every request left out gets the right reason, in constructed cases."""

import pytest

from events.scheduling import (
    BUYER,
    CODES,
    COMPANY,
    Participant,
    Problem,
    Request,
    Session,
    Slot,
    Table,
    greedy_schedule,
    schedule,
)


def person(id, slots=(0, 1), kind=COMPANY, **fields):
    return Participant(id, kind, frozenset(slots), **fields)


ONE_SESSION = (Session(1),)


def event(participants, requests, *, n_slots=2, n_tables=5, sessions=ONE_SESSION, extra=()):
    return Problem(
        tuple(participants),
        sessions,
        tuple(Slot(s, 1, s) for s in range(n_slots)),
        tuple(Table(100 + t) for t in range(n_tables)) + tuple(extra),
        tuple(requests),
    )


def only_reason(problem):
    result = schedule(problem)
    assert len(result.unscheduled) == 1
    return result.unscheduled[0]


def test_reason_no_common_slot():
    left = only_reason(event([person(1, slots=(0,)), person(2, slots=(1,))], [Request(7, 1, 2, 5)]))
    assert (left.request, left.code) == (7, "no_common_slot")
    assert left.reason == "Participants 1 and 2 are never available at the same time."


def test_reason_booth_closed():
    host = person(1, kind=BUYER, booth=300)
    problem = event([host, person(2)], [Request(7, 2, 1, 5)], extra=(Table(300, frozenset({9})),))
    problem = Problem(
        problem.participants,
        (Session(1), Session(9)),
        problem.slots,
        problem.tables,
        problem.requests,
    )
    left = only_reason(problem)
    assert left.code == "booth_closed"
    assert left.params == {"host": 1}


def test_reason_cap_reached():
    participants = [person(1, max_meetings=1), person(2), person(3)]
    left = only_reason(event(participants, [Request(7, 1, 2, 9), Request(8, 1, 3, 5)]))
    assert (left.request, left.code) == (8, "cap_reached")
    assert left.reason == "Participant 1 already has 1 meetings, their limit for the event."


def test_reason_session_cap():
    sessions = (Session(1, {BUYER: 1}),)
    participants = [person(1, kind=BUYER), person(2), person(3)]
    problem = event(participants, [Request(7, 2, 1, 9), Request(8, 3, 1, 5)], sessions=sessions)
    left = only_reason(problem)
    assert (left.request, left.code) == (8, "session_cap")


def test_reason_no_table():
    participants = [person(i, slots=(0,)) for i in range(4)]
    problem = event(participants, [Request(7, 0, 1, 9), Request(8, 2, 3, 5)], n_tables=1)
    left = only_reason(problem)
    assert (left.request, left.code, left.params) == (8, "no_table", {"slots": 1})
    assert left.reason == (
        "In 1 of the slots where both participants are free, every table is taken."
    )


def test_reason_no_common_free_slot():
    participants = [person(i, slots=(0,)) for i in range(3)]
    left = only_reason(event(participants, [Request(7, 0, 1, 9), Request(8, 0, 2, 5)]))
    assert (left.request, left.code) == (8, "no_common_free_slot")


def test_reason_prefers_the_table_when_one_slot_lacked_only_a_table():
    """Slot 0: 0 is busy; slot 1: both free but no table. The table is what to add."""
    participants = [person(i) for i in range(5)]
    requests = [Request(1, 0, 3, 9), Request(2, 1, 4, 8), Request(3, 0, 2, 1)]
    problem = Problem(
        tuple(participants),
        (Session(1),),
        (Slot(0, 1, 0), Slot(1, 1, 1)),
        (Table(100),),
        tuple(requests),
    )
    result = schedule(problem)
    assert [(u.request, u.code) for u in result.unscheduled] == [(3, "no_table")]


@pytest.mark.parametrize("order", ["arrival", "value"])
def test_greedy_explains_in_the_same_codes(order):
    participants = [person(i, slots=(0,)) for i in range(3)]
    result = greedy_schedule(event(participants, [Request(7, 0, 1, 1), Request(8, 0, 2, 5)]), order)
    assert [u.code for u in result.unscheduled] == ["no_common_free_slot"]
    assert {u.code for u in result.unscheduled} <= set(CODES)
    assert [a.request for a in result.assignments] == [7 if order == "arrival" else 8]
