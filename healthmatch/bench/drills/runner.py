"""Runs the failure drills, each on a stage of its own (healthmatch/bench/drills/stage.py), and
checks their figures against what they promise. Used by ``manage.py drills``.
"""

from __future__ import annotations

import time

from healthmatch.bench.drills import beats, kills, outages
from healthmatch.bench.drills.stage import Stage, wait_for

DRILLS = ("kills", "outages", "beats", "load")
FULL = {
    "kills": {"kills": 20, "needs": 600, "companies": 400, "emails": 1000, "sink_delay": 0.03},
    "outages": {"redis_restarts": 5, "postgres_restarts": 3, "down_seconds": 3, "gap_seconds": 6},
    "beats": {"seconds": 40},
    "load": {"users": 50, "seconds": 120},
}
# The site answers again within this many seconds of a server's start (the drills' promise).
ANSWERS_AGAIN_WITHIN = 10


def failures(name: str, figures: dict) -> list[str]:
    """What a drill's figures break of its promises (empty when it passed)."""
    checks = {
        "kills": [
            (figures.get("lost") == 0, "emails were lost"),
            (
                (figures.get("most_duplicates_per_kill") or 0)
                <= figures.get("worker_concurrency", 1),
                "a kill caused more duplicates than processes were sending",
            ),
            (figures.get("matches_differing") == 0, "matches differ from an uninterrupted run"),
            ((figures.get("matches") or 0) > 0, "no matches were scored"),
        ],
        "outages": [
            (figures.get("lost_rows") == 0, "committed rows were lost"),
            (figures.get("half_written_transactions") == 0, "half-written transactions"),
            (figures.get("rows_never_delivered") == 0, "emails were never delivered"),
            (figures.get("tracebacks") == 0, "a page showed a traceback"),
            (
                all(
                    r["answers_again_seconds"] is not None
                    and r["answers_again_seconds"] <= ANSWERS_AGAIN_WITHIN
                    for r in figures.get("restarts", [])
                ),
                f"the site did not answer again within {ANSWERS_AGAIN_WITHIN} s",
            ),
        ],
        "beats": [
            (figures.get("doubled_periods") == 0, "a period's scoring run was sent twice"),
            (
                figures.get("standby_sends_while_sender_alive") == 0,
                "the standby beat sent while the first one was alive",
            ),
            (figures.get("takeover_seconds") is not None, "the standby beat never took over"),
            (figures.get("doubled_emails") == 0, "emails were doubled"),
        ],
        "load": [
            (figures.get("errors") == 0, "requests failed"),
            ((figures.get("requests") or 0) > 0, "no requests were made"),
        ],
    }[name]
    return [message for ok, message in checks if not ok]


def run_kills(sizes, seed, keep, say):
    with Stage(keep=keep, sink_delay=sizes["sink_delay"], settings_env=kills.ENV) as stage:
        stage.open()
        return kills.run(
            stage, kills=sizes["kills"], needs=sizes["needs"], companies=sizes["companies"],
            emails=sizes["emails"], seed=seed, say=say,
        )  # fmt: skip


def run_outages(sizes, seed, keep, say):
    with Stage(keep=keep, settings_env=outages.ENV) as stage:
        stage.open(web=True)
        return outages.run(stage, say=say, **sizes)


def run_beats(sizes, seed, keep, say):
    with Stage(keep=keep, settings_env=beats.ENV) as stage:
        stage.open()
        return beats.run(stage, seconds=sizes["seconds"], say=say)


def run_load(sizes, seed, keep, say):
    from healthmatch.bench.drills import load

    with Stage(keep=keep) as stage:
        stage.open(web=True)
        stage.manage("seed_demo", timeout=600)
        people = stage.agent("people")["people"]
        stage.agent("rescore")
        stage.worker()
        if not wait_for(lambda: stage.agent("status")["runs_done"], 300, 2):
            raise RuntimeError("load: the demo's matches were not scored within 300 s")
        workers = sizes.get("web_workers", 4)
        stage.web(workers=workers)
        say(f"load: {sizes['users']} simulated people on {len(people)} demo logins for "
            f"{sizes['seconds']} s, gunicorn with {workers} workers")  # fmt: skip
        return load.run(
            stage.base_url, people, users=sizes["users"], seconds=sizes["seconds"], seed=seed,
            say=say,
        )  # fmt: skip


RUNNERS = {"kills": run_kills, "outages": run_outages, "beats": run_beats, "load": run_load}


def run(names, sizes=None, *, seed: int = 0, keep: bool = False, say=print) -> dict:
    """Run the drills ``names`` with ``sizes`` (FULL's by default); their figures and, under
    "failed", what each broke."""
    sizes = sizes or FULL
    results, failed = {}, {}
    for name in names:
        began = time.monotonic()
        say(f"== {name}")
        results[name] = RUNNERS[name](sizes[name], seed, keep, say)
        results[name]["drill_seconds"] = round(time.monotonic() - began, 1)
        broken = failures(name, results[name])
        if broken:
            failed[name] = broken
        say(f"== {name}: {'FAIL: ' + '; '.join(broken) if broken else 'pass'}")
    results["failed"] = failed
    return results
