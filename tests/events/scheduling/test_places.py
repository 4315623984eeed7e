"""free_places: where one more meeting fits beside the placed (locked) ones, by the board's
rules: availability, nobody double-booked, the caps, a free table or the host's booth."""

import pytest

from events.scheduling import (
    BUYER,
    COMPANY,
    LockedMeeting,
    Participant,
    Place,
    Problem,
    Request,
    ScheduleInputError,
    Session,
    Slot,
    Table,
    free_places,
)

SLOTS = (Slot(1, 10, 1), Slot(2, 10, 2), Slot(3, 20, 3))
SESSIONS = (Session(10), Session(20))
ALL = frozenset({1, 2, 3})


TABLES = (Table(7), Table(5))


def problem(people, requests, locked=(), tables=TABLES, sessions=SESSIONS):
    return Problem(tuple(people), sessions, SLOTS, tuple(tables), tuple(requests), tuple(locked))


def buyer(i, available=ALL, **fields):
    return Participant(i, BUYER, available, **fields)


def company(i, available=ALL, **fields):
    return Participant(i, COMPANY, available, **fields)


def test_every_common_slot_with_the_first_table_in_order():
    p = problem([buyer(1), company(2, frozenset({2, 3}))], [Request(99, 1, 2, 1)])
    assert free_places(p, 99) == [Place(2, 7), Place(3, 7)]


def test_a_busy_person_and_a_full_slot_are_left_out():
    people = [buyer(1), company(2), company(3), buyer(4), company(5), buyer(6)]
    requests = [Request(10, 1, 3, 1), Request(11, 4, 5, 1), Request(12, 6, 3, 1)]
    requests.append(Request(99, 1, 2, 1))
    locked = [
        LockedMeeting(10, 1, 7),  # the buyer meets someone else in slot 1
        LockedMeeting(11, 2, 7),  # slot 2: both tables taken
        LockedMeeting(12, 2, 5),
    ]
    assert free_places(problem(people, requests, locked), 99) == [Place(3, 7)]


def test_the_next_free_table_when_the_first_is_taken():
    people = [buyer(1), company(2), buyer(3), company(4)]
    requests = [Request(10, 3, 4, 1), Request(99, 1, 2, 1)]
    assert free_places(problem(people, requests, [LockedMeeting(10, 1, 7)]), 99)[0] == Place(1, 5)


def test_caps_of_the_event_and_the_session():
    people = [buyer(1, max_meetings=1), company(2), company(3)]
    requests = [Request(10, 1, 3, 1), Request(99, 1, 2, 1)]
    assert free_places(problem(people, requests, [LockedMeeting(10, 1, 7)]), 99) == []

    people = [buyer(1), company(2), company(3)]
    capped = (Session(10, {BUYER: 1}), Session(20))
    found = free_places(problem(people, requests, [LockedMeeting(10, 1, 7)], sessions=capped), 99)
    assert found == [Place(3, 7)]  # session 10 is full for the buyer


def test_a_booth_meeting_takes_the_hosts_booth_while_it_is_free():
    people = [buyer(1, booth=5), company(2), company(3)]
    requests = [Request(10, 1, 3, 1), Request(99, 1, 2, 1)]
    assert free_places(problem(people, requests), 99) == [Place(1, 5), Place(2, 5), Place(3, 5)]
    booth_session = (Table(7), Table(5, frozenset({20})))
    found = free_places(problem(people, requests, tables=booth_session), 99)
    assert found == [Place(3, 5)]  # the booth is set up in the afternoon only


def test_a_placed_request_has_no_other_place_and_bad_input_raises():
    people = [buyer(1), company(2)]
    assert free_places(problem(people, [Request(99, 1, 2, 1)], [LockedMeeting(99, 1, 7)]), 99) == []
    with pytest.raises(ValueError):
        free_places(problem(people, [Request(99, 1, 2, 1)]), 42)
    with pytest.raises(ScheduleInputError):
        free_places(problem(people, [Request(99, 1, 1, 1)]), 99)
