"""The outage drill: Redis and PostgreSQL stopped and started again while people browse and a
writer commits needs with their emails, with the web (gunicorn), the worker and beat running.

PostgreSQL is stopped with ``pg_ctl -m immediate``: a crash, recovered from its log on start.
Redis keeps nothing on disk (as on these machines), so each restart also empties the broker:
queued task messages are gone and only the outbox rows in PostgreSQL say what is still owed.

What it measures:
- lost_rows: transactions whose commit returned to the writer but whose need or email row is
  missing afterwards (must be 0); half_written: a need without its email or the other way
  round, among every transaction tried (must be 0);
- rows_never_delivered: outbox rows not sent and received by the sink once the servers are back
  and the worker and beat had time to catch up (must be 0);
- answers_again_seconds: from the server's start until the needs list answers 200 again;
- during each outage, what pages answered: the site's generic error page ("Something went
  wrong"), never a traceback or a server's bare error.

A process that exits during an outage is started again, as the container's restart policy
would, and counted (``restarted``).
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from healthmatch.bench.drills.stage import PYTHON, Stage, wait_for

ENV = {
    "OUTBOX_SWEEP_EVERY_SECONDS": 2,
    "OUTBOX_STUCK_SECONDS": 8,
    "OUTBOX_TASK_SOFT_TIME_LIMIT": 5,
    "OUTBOX_TASK_TIME_LIMIT": 6,
    "OUTBOX_BACKOFF_BASE": 1,
    "OUTBOX_BACKOFF_CAP": 4,
    "BEAT_LOCK_SECONDS": 6,
}
PAGE = "/needs/"
GENERIC = "Something went wrong"
TRACEBACK_SIGNS = ("Traceback (most recent call last)", "Exception Value", "Internal Server Error")


class Prober(threading.Thread):
    """GETs the needs list every ``every`` seconds, noting when and what answered."""

    def __init__(self, stage: Stage, every: float = 0.2):
        super().__init__(daemon=True)
        self.stage, self.every = stage, every
        self.answers: list[tuple[float, int, str]] = []
        self.running = True

    def run(self):
        while self.running:
            status, body = self.stage.get(PAGE, timeout=5)
            if status == 200:
                kind = "ok"
            elif any(sign in body for sign in TRACEBACK_SIGNS):
                kind = "traceback"
            elif status >= 500 and GENERIC in body:
                kind = "generic error page"
            else:
                kind = f"other ({status})"
            self.answers.append((time.monotonic(), status, kind))
            time.sleep(self.every)

    def first_ok_after(self, moment: float) -> float | None:
        return next((t for t, status, _kind in self.answers if t >= moment and status == 200), None)

    def kinds_between(self, start: float, end: float) -> Counter:
        return Counter(kind for t, _status, kind in self.answers if start <= t <= end)


def supervise(stage: Stage, restarted: Counter) -> None:
    for name, process in stage.processes.items():
        if not process.alive() and name != "writer":
            restarted[name] += 1
            process.start()


def delivered(stage: Stage):
    status = stage.agent("status", "--ids")
    received = stage.sink.received()
    owed = [mid for mid, state in status["message_ids"].items() if not received.get(mid)]
    return status if not owed and set(status["outbox"]) <= {"sent"} else None


def run(stage: Stage, *, redis_restarts: int, postgres_restarts: int, down_seconds: float,
        gap_seconds: float, say, settle_seconds: float = 180) -> dict:  # fmt: skip
    stage.agent("world", "--needs", "30", "--companies", "10", "--emails", "0")
    stage.web()
    stage.worker()
    stage.beat()
    out = stage.folder / "writer"
    stage.add(
        "writer",
        [PYTHON, "-m", "healthmatch.bench.drills.agent", "write", "--seconds", "3600",
         "--out", str(out)],
    )  # fmt: skip
    # The whole path works before anything is stopped: a first email written, sent, received.
    if not wait_for(lambda: sum(stage.sink.received().values()), 90, 0.2):
        for name in ("writer", "worker", "beat"):
            say(f"outages: {name} log tail:\n" + stage.tail(name, 25))
        raise RuntimeError("outages: no email reached the sink before the first outage")
    prober = Prober(stage)
    prober.start()
    restarted = Counter()
    order = _interleave(redis_restarts, postgres_restarts)
    restarts = []
    started = time.monotonic()
    for server in order:
        pause_until = time.monotonic() + gap_seconds
        while time.monotonic() < pause_until:
            supervise(stage, restarted)
            time.sleep(0.2)
        down_at = time.monotonic()
        (stage.redis.stop if server == "redis" else stage.postgres.stop)()
        while time.monotonic() < down_at + down_seconds:
            supervise(stage, restarted)
            time.sleep(0.2)
        (stage.redis.start if server == "redis" else stage.postgres.start)()
        up_at = time.monotonic()
        wait_for(lambda moment=up_at: prober.first_ok_after(moment), 60, 0.1)
        answered = prober.first_ok_after(up_at)
        entry = {
            "server": server,
            "down_seconds": round(up_at - down_at, 1),
            "answers_again_seconds": round(answered - up_at, 2) if answered else None,
            "pages_while_down": dict(prober.kinds_between(down_at, up_at)),
        }
        restarts.append(entry)
        say(f"outages: {server} down {entry['down_seconds']} s; pages meanwhile "
            f"{entry['pages_while_down']}; answering again {entry['answers_again_seconds']} s "
            "after its start")  # fmt: skip
    time.sleep(gap_seconds)
    stage.processes["writer"].stop()
    writes = stage.agent("writes", "--out", str(out))
    deadline = time.monotonic() + settle_seconds

    def caught_up():
        supervise(stage, restarted)
        return delivered(stage)

    status = wait_for(caught_up, max(0.0, deadline - time.monotonic()), 2)
    prober.running = False
    prober.join(10)
    if status is None:
        status = stage.agent("status", "--ids")
        say(f"outages: NOT delivered after {settle_seconds:.0f} s: outbox {status['outbox']}")
        for name in ("worker", "beat"):
            say(f"outages: {name} log tail:\n" + stage.tail(name, 25))
    received = stage.sink.received()
    ids = status["message_ids"]
    never = sum(1 for mid, state in ids.items() if state != "sent" or not received.get(mid))
    kinds = Counter(kind for _t, _status, kind in prober.answers)
    result = {
        "restarts": restarts,
        "transactions_tried": writes["tried"],
        "transactions_committed": writes["committed"],
        "lost_rows": writes["lost"],
        "half_written_transactions": writes["half_written"],
        "outbox_rows": status["outbox_rows"],
        "rows_never_delivered": never,
        "duplicates": sum(count - 1 for mid, count in received.items() if mid in ids),
        "pages": dict(kinds),
        "tracebacks": kinds.get("traceback", 0),
        "answers_again_max_seconds": max(
            (r["answers_again_seconds"] or 0 for r in restarts), default=0
        ),
        "restarted_processes": dict(restarted),
        "seconds": round(time.monotonic() - started, 1),
    }
    say(
        f"outages: {len(restarts)} restarts in {result['seconds']} s; "
        f"{writes['committed']} transactions committed, {writes['lost']} lost, "
        f"{writes['half_written']} half-written; {result['outbox_rows']} emails, {never} never "
        f"delivered, {result['duplicates']} duplicate(s); pages {result['pages']}; "
        f"answering again within {result['answers_again_max_seconds']} s; "
        f"processes restarted {result['restarted_processes'] or 'none'}"
    )
    return result


def _interleave(redis: int, postgres: int) -> list[str]:
    """Spread the PostgreSQL restarts evenly among the Redis ones: r p r r p r p r for 5 and 3."""
    total = redis + postgres
    spots = {int((k + 0.5) * total / postgres) for k in range(postgres)}
    return ["postgres" if index in spots else "redis" for index in range(total)]
