"""The scheduler's invariants on random tiny events (Hypothesis), and its value against a
brute-force optimum. Bounded examples: the module runs in a few seconds."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.scheduling import CODES, LockedMeeting, Request, greedy_schedule, schedule
from tests.events.scheduling.checks import brute_force_value, events, violations

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(events())
def test_schedule_keeps_every_rule(problem):
    result = schedule(problem)
    assert violations(problem, result) == []
    assert result.optimal
    for left in result.unscheduled:
        assert left.code in CODES
        assert "%(" not in left.reason  # every placeholder filled


@FAST
@given(events())
def test_greedy_keeps_every_rule_and_is_never_better(problem):
    best = schedule(problem)
    for order in ("arrival", "value"):
        greedy = greedy_schedule(problem, order)
        assert violations(problem, greedy) == []
        assert greedy.value <= best.value


@FAST
@given(events())
def test_schedule_value_is_the_brute_force_optimum(problem):
    assert schedule(problem).value == brute_force_value(problem)


@FAST
@given(events(locks=False), st.lists(st.integers(1, 20), min_size=1, max_size=3), st.data())
def test_rerun_with_late_requests_keeps_locked_meetings(problem, values, data):
    first = schedule(problem)
    locked = tuple(LockedMeeting(a.request, a.slot, a.table) for a in first.assignments)
    people = [p.id for p in problem.participants]
    late = []
    for i, value in enumerate(values):
        a = data.draw(st.sampled_from(people))
        b = data.draw(st.sampled_from([p for p in people if p != a]))
        late.append(Request(1000 + i, a, b, value))
    again = replace(problem, requests=problem.requests + tuple(late), locked=locked)
    second = schedule(again)
    assert violations(again, second) == []
    kept = {(a.request, a.slot, a.table) for a in second.assignments if a.locked}
    assert kept == {(a.request, a.slot, a.table) for a in first.assignments}
    assert second.value >= first.value
