"""The failure drills, small: real processes (gunicorn, the Celery worker, beat) on a private
PostgreSQL cluster and Redis server, killed and restarted. `make drills` runs them full size
(docs/benchmarks.md)."""

import shutil

import pytest

from healthmatch.bench.drills import kills, runner

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="the drills start a Redis server of their own"
)

SIZES = {
    "kills": {"kills": 3, "needs": 150, "companies": 60, "emails": 200, "sink_delay": 0.03},
    "outages": {"redis_restarts": 1, "postgres_restarts": 1, "down_seconds": 2, "gap_seconds": 3},
    "beats": {"seconds": 20},
}


def test_kill_drill_loses_no_email_and_converges_to_the_uninterrupted_matches():
    lines = []
    result = runner.run(["kills"], SIZES, seed=3, say=lines.append)

    figures = result["kills"]
    assert figures["kills"] == 3 and figures["worker_starts"] == 4
    assert figures["kills_while_sending"] == 3
    assert figures["outbox_rows"] >= 200
    assert figures["lost"] == 0
    assert figures["most_duplicates_per_kill"] <= figures["worker_concurrency"] == 2
    assert figures["matches"] == figures["reference_matches"] > 0
    assert figures["matches_differing"] == 0
    assert result["failed"] == {}
    assert any("3 SIGKILLs" in line for line in lines)


def test_outage_drill_loses_no_row_and_shows_the_generic_error_page():
    lines = []
    result = runner.run(["outages"], SIZES, seed=3, say=lines.append)

    outages = result["outages"]
    assert [r["server"] for r in outages["restarts"]] == ["redis", "postgres"]
    assert outages["transactions_committed"] > 0
    assert outages["lost_rows"] == outages["half_written_transactions"] == 0
    assert outages["rows_never_delivered"] == 0, "\n".join(lines)
    assert outages["tracebacks"] == 0
    # With PostgreSQL down the needs list answers the site's own error page.
    assert outages["restarts"][1]["pages_while_down"].get("generic error page", 0) > 0
    assert all(
        r["answers_again_seconds"] <= runner.ANSWERS_AGAIN_WITHIN for r in outages["restarts"]
    )
    assert result["failed"] == {}


def test_two_beats_send_each_period_once_and_the_standby_takes_over():
    result = runner.run(["beats"], SIZES, seed=3, say=lambda line: None)

    beats = result["beats"]
    assert beats["standby_sends_while_sender_alive"] == 0
    assert beats["doubled_periods"] == 0
    assert sum(beats["sends_before_kill"].values()) >= 2
    assert beats["takeover_seconds"] is not None
    assert beats["takeover_seconds"] <= 6 + 2 * 2 + 1  # the lock's life, a tick, a period
    assert beats["doubled_emails"] == 0
    assert result["failed"] == {}


def test_a_failed_promise_is_named():
    assert runner.failures(
        "kills", {"lost": 1, "duplicates": 0, "kills": 2, "matches": 3, "matches_differing": 0}
    ) == ["emails were lost"]
    assert runner.failures(
        "outages",
        {
            "lost_rows": 0,
            "half_written_transactions": 0,
            "rows_never_delivered": 2,
            "tracebacks": 0,
            "restarts": [],
        },
    ) == ["emails were never delivered"]


def test_a_repeat_is_put_down_to_the_kill_nearest_its_first_arrival():
    # Kills at 10 s and 20 s. A message first seen just after the first kill (the sink noted it
    # a moment late) and again at 25 s is the first kill's doing; one seen at 19.9 s and again
    # at 30 s, the second's; one repeated before any kill is nobody's.
    arrivals = {"<a>": [10.05, 25.0], "<b>": [19.9, 30.0], "<c>": [1.0, 2.0], "<d>": [5.0]}

    assert kills.duplicates_per_kill(arrivals, [10.0, 20.0]) == [1, 1]
