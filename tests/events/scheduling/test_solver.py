"""The production scheduler on constructed events: the solver path, the fast path, locks,
tables, determinism, input errors, the time limit."""

import random
from dataclasses import replace

import pytest

from events.scheduling import (
    BUYER,
    COMPANY,
    LockedMeeting,
    Participant,
    Problem,
    Request,
    ScheduleInputError,
    Session,
    Slot,
    Table,
    greedy_schedule,
    highs,
    meeting_value,
    schedule,
)
from events.scheduling.board import Board, Prepared
from events.scheduling.greedy import VALUE, place_greedily
from events.scheduling.model import build_model
from tests.events.scheduling.checks import brute_force_value, violations

ONE_SESSION = (Session(1),)


def people(n, slots=(0,), kind=COMPANY, **fields):
    return tuple(Participant(i, kind, frozenset(slots), **fields) for i in range(n))


def slots(n, session=1):
    return tuple(Slot(s, session, s) for s in range(n))


def tables(n):
    return tuple(Table(100 + t) for t in range(n))


def star_problem():
    """Greedy by value takes the 10 between 0 and 1; the best is 0-2 and 1-3, worth 12."""
    return Problem(
        people(4),
        ONE_SESSION,
        slots(1),
        tables(2),
        (Request(1, 0, 1, 10), Request(2, 0, 2, 6), Request(3, 1, 3, 6)),
    )


def test_schedule_beats_the_value_greedy_through_the_solver():
    problem = star_problem()
    result = schedule(problem)
    assert greedy_schedule(problem, "value").value == 10
    assert (result.method, result.value, result.optimal) == ("solver", 12, True)
    assert {a.request for a in result.assignments} == {2, 3}
    assert violations(problem, result) == []


def test_schedule_takes_the_fast_path_when_everything_fits():
    problem = Problem(
        people(4, slots=(0, 1)),
        ONE_SESSION,
        slots(2),
        tables(2),
        (Request(1, 0, 1, 5), Request(2, 2, 3, 5), Request(3, 0, 2, 5)),
    )
    result = schedule(problem)
    assert (result.method, result.optimal, result.value, result.bound) == ("fast", True, 15, 15)
    assert result.unscheduled == ()


def random_conflicted_event(rng):
    """Few people, many requests, one or two slots: where greedy choices go wrong."""
    n_people, n_slots = rng.randint(4, 5), rng.randint(1, 2)
    return Problem(
        people(n_people, slots=range(n_slots)),
        ONE_SESSION,
        slots(n_slots),
        tables(rng.randint(1, 3)),
        tuple(
            Request(i + 1, *rng.sample(range(n_people), 2), rng.randint(1, 20)) for i in range(6)
        ),
    )


def test_schedule_matches_brute_force_where_the_solver_decides():
    rng = random.Random(11)
    solved = 0
    for _ in range(120):
        problem = random_conflicted_event(rng)
        result = schedule(problem)
        assert violations(problem, result) == []
        assert result.value == brute_force_value(problem)
        solved += result.method == "solver"
    assert solved >= 10


def test_schedule_is_deterministic():
    problem = random_conflicted_event(random.Random(5))
    assert schedule(problem, seed=3) == schedule(problem, seed=3)


def test_locked_meeting_stays_even_where_moving_it_would_pay():
    """Unlocked, 0-1 would leave the only slot to 0-2 and 1-3; locked, it stays."""
    problem = star_problem()
    locked = replace(problem, locked=(LockedMeeting(1, 0, 101),))
    result = schedule(locked)
    assert result.value == 10
    assert [(a.request, a.slot, a.table, a.locked) for a in result.assignments] == [
        (1, 0, 101, True)
    ]
    assert violations(locked, result) == []


def test_tables_are_numbered_around_locks_and_closed_tables():
    participants = people(6, slots=(0, 1)) + (
        Participant(6, BUYER, frozenset({0, 1}), booth=300),
        Participant(7, COMPANY, frozenset({0, 1})),
    )
    problem = Problem(
        participants,
        (Session(1), Session(2)),
        (Slot(0, 1, 0), Slot(1, 2, 1)),
        (Table(101), Table(102, frozenset({2})), Table(103), Table(300)),
        (Request(1, 0, 1, 9), Request(2, 2, 3, 8), Request(3, 4, 5, 7), Request(4, 7, 6, 6)),
        (LockedMeeting(1, 0, 103),),
    )
    result = schedule(problem)
    where = {a.request: (a.slot, a.table) for a in result.assignments}
    assert where[1] == (0, 103)
    assert where[4][1] == 300  # at the buyer's booth
    # slot 0 has tables 101 and 103 (102 is set up in the afternoon only), 103 is locked
    assert sorted(where[r] for r in (2, 3)) == [(0, 101), (1, 101)]
    assert violations(problem, result) == []


def test_two_hosts_sharing_a_booth_meet_one_at_a_time():
    problem = Problem(
        (
            Participant(0, BUYER, frozenset({0}), booth=300),
            Participant(1, BUYER, frozenset({0}), booth=300),
            Participant(2, COMPANY, frozenset({0})),
            Participant(3, COMPANY, frozenset({0})),
        ),
        ONE_SESSION,
        slots(1),
        (Table(300), *tables(2)),
        (Request(1, 2, 0, 5), Request(2, 3, 1, 4)),
    )
    result = schedule(problem)
    assert [a.request for a in result.assignments] == [1]
    assert [u.code for u in result.unscheduled] == ["no_table"]


@pytest.mark.parametrize(
    "problem, message",
    [
        (Problem(people(2), ONE_SESSION, slots(1), tables(1), (Request(1, 0, 0, 1),)), "itself"),
        (Problem(people(2), ONE_SESSION, slots(1), tables(1), (Request(1, 0, 9, 1),)), "unknown"),
        (Problem(people(2), ONE_SESSION, slots(1), tables(1), (Request(1, 0, 1, 0),)), "value"),
        (
            Problem(
                people(3),
                ONE_SESSION,
                slots(1),
                tables(2),
                (Request(1, 0, 1, 1), Request(2, 0, 2, 1)),
                (LockedMeeting(1, 0, 100), LockedMeeting(2, 0, 101)),
            ),
            "double-book",
        ),
        (
            Problem(
                people(4),
                ONE_SESSION,
                slots(1),
                tables(2),
                (Request(1, 0, 1, 1), Request(2, 2, 3, 1)),
                (LockedMeeting(1, 0, 100), LockedMeeting(2, 0, 100)),
            ),
            "two locked meetings at table",
        ),
        (Problem(people(2) + people(1), ONE_SESSION, slots(1), tables(1), ()), "duplicate"),
    ],
)
def test_schedule_refuses_contradictory_input(problem, message):
    with pytest.raises(ScheduleInputError, match=message):
        schedule(problem)


def test_schedule_with_a_tiny_time_limit_is_valid_and_no_worse_than_greedy():
    from healthmatch.bench.events_generator import generate_event

    problem = generate_event(80, 400, 8, 6, seed=2)
    result = schedule(problem, time_limit=0.01)
    assert violations(problem, result) == []
    assert result.value >= greedy_schedule(problem, "value").value
    assert result.bound is None or result.bound >= result.value


def test_meeting_value_puts_a_must_meet_above_ten_ordinary_meetings():
    assert meeting_value(0.0, must_meet=True) > 10 * meeting_value(1.0)
    assert meeting_value(0.9) > meeting_value(0.2) >= 1
    assert meeting_value(7.0) == meeting_value(1.0)


def test_locked_meeting_stays_after_its_people_change_availability_and_caps():
    """Confirmed meetings are the organiser's to unlock: the data changing under them does not
    move them, and they use up the caps they exceed."""
    participants = (
        Participant(0, BUYER, frozenset({1}), max_meetings=0),  # was free in slot 0
        Participant(1, COMPANY, frozenset({0, 1})),
        Participant(2, COMPANY, frozenset({0, 1})),
    )
    problem = Problem(
        participants,
        ONE_SESSION,
        slots(2),
        tables(2),
        (Request(1, 1, 0, 5), Request(2, 2, 0, 9)),
        (LockedMeeting(1, 0, 101),),
    )
    result = schedule(problem)
    assert [(a.request, a.slot, a.table, a.locked) for a in result.assignments] == [
        (1, 0, 101, True)
    ]
    assert [(u.request, u.code) for u in result.unscheduled] == [(2, "cap_reached")]
    assert violations(problem, result) == []


def test_solver_starts_from_the_greedy_schedule():
    """Cut off at once, HiGHS still returns the greedy start it was given."""
    from healthmatch.bench.events_generator import generate_event

    problem = generate_event(80, 400, 8, 6, seed=2)
    locked = tuple(
        LockedMeeting(a.request, a.slot, a.table) for a in greedy_schedule(problem).assignments[:5]
    )
    prepared = Prepared(replace(problem, locked=locked))
    board, greedy = Board(prepared), Board(prepared)
    place_greedily(greedy, VALUE)
    model = build_model(board)
    start = model.indexes(greedy.placed)
    assert len(start) == len(greedy.placed) - len(locked) > 0
    solution = highs.solve(model, hint=start, time_limit=0.001)
    assert solution is not None
    assert board.value + solution.value >= greedy.value
