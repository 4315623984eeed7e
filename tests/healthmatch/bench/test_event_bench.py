"""The meeting scheduler's benchmark runs small and ends with its JSON line. It times nothing
here: the figures are in docs/benchmarks.md."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.scheduling import greedy_schedule, schedule
from healthmatch.bench.events_generator import generate_event, late_requests


def test_event_bench_prints_figures_and_json_last(capsys):
    call_command(
        "event_bench",
        participants=40,
        requests=150,
        tables=5,
        slots=6,
        seed=3,
        late=10,
        time_limit=5,
        reference_time_limit=30,
    )
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert any(line.startswith("first-come-first-served:") for line in lines)
    assert {"scheduled", "value", "seconds", "greedy_value", "ratio_to_optimum"} <= set(result)
    assert "optimal_value" in result or "bound" in result
    assert result["requests"] == 150
    assert result["value"] >= result["greedy_value"]
    assert 0 < result["ratio_to_optimum"] <= 1
    assert result["late_requests"] == 10
    assert result["moved_locked"] == 0
    assert result["rerun_value"] >= result["value"]


def test_event_bench_refuses_an_event_without_slots():
    with pytest.raises(CommandError, match="--slots"):
        call_command("event_bench", participants=10, requests=5, tables=1, slots=0)


def test_generated_event_has_what_the_benchmark_promises():
    problem = generate_event(200, 600, 20, 8, seed=1)
    assert len(problem.requests) == 600
    assert len({(r.a, r.b) for r in problem.requests}) == 600
    booths = [p for p in problem.participants if p.booth is not None]
    assert booths and all(p.kind == "buyer" for p in booths)
    asked = sorted(
        (sum(1 for r in problem.requests if p.id in (r.a, r.b)) for p in problem.participants),
        reverse=True,
    )
    assert asked[0] > 5 * (2 * 600 / 200)  # a few big hospitals are asked by many companies
    assert any(len(p.available) < 8 for p in problem.participants)  # availability gaps
    assert any(r.value > 1000 for r in problem.requests)  # must-meets
    assert generate_event(200, 600, 20, 8, seed=1) == problem  # a seed gives the same event
    late = late_requests(problem, 20, seed=1)
    assert len(late) == 20
    assert not {(r.a, r.b) for r in late} & {(r.a, r.b) for r in problem.requests}
    assert schedule(problem, time_limit=5).value > greedy_schedule(problem).value
