"""The two-beats drill: two beat processes started at the same moment, then the one that sends
killed, while the scoring run is scheduled every few seconds and match emails go out.

What it measures, from the beats' own logs ("Sending due task ...") and the database:
- scoring runs sent per period: while the first beat lives the other sends nothing
  (``standby_sends_while_sender_alive``), and no two sends of the entry by different beats fall
  within half a period of each other (``doubled_periods``): both must be 0;
- the standby's takeover: seconds from the killed beat's last send to the other's first;
- doubled emails: Message-IDs the sink received more than once (must be 0).
"""

from __future__ import annotations

import re
import time
from datetime import datetime

from healthmatch.bench.drills.stage import Stage

ENTRY = "matching-rescore-incremental"
SENT = re.compile(r"^(\S+) .*Scheduler: Sending due task " + re.escape(ENTRY), re.MULTILINE)
ENV = {
    "MATCHING_RESCORE_EVERY_SECONDS": 2,
    "MATCH_NOTICES_EVERY_SECONDS": 3,
    "OUTBOX_SWEEP_EVERY_SECONDS": 2,
    "BEAT_LOCK_SECONDS": 6,
}
PERIOD = ENV["MATCHING_RESCORE_EVERY_SECONDS"]


def sends(stage: Stage, name: str) -> list[float]:
    """When beat ``name`` sent the scoring entry, as Unix times from its log lines."""
    path = stage.logs / f"{name}.log"
    text = path.read_text(errors="replace") if path.exists() else ""
    return [datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
            for stamp in SENT.findall(text)]  # fmt: skip


def run(stage: Stage, *, seconds: float, say) -> dict:
    stage.agent("world", "--needs", "40", "--companies", "20", "--emails", "0")
    stage.worker()
    first, second = stage.beat("beat-a"), stage.beat("beat-b")
    time.sleep(seconds / 2)
    before = {"beat-a": sends(stage, "beat-a"), "beat-b": sends(stage, "beat-b")}
    leader = max(before, key=lambda name: len(before[name]))
    (first if leader == "beat-a" else second).kill()
    killed_at = time.time()
    standby = "beat-b" if leader == "beat-a" else "beat-a"
    time.sleep(seconds / 2)
    stage.processes[standby].stop()
    times = {name: sends(stage, name) for name in ("beat-a", "beat-b")}
    merged = sorted((t, name) for name, ts in times.items() for t in ts)
    # Two sends of the entry closer than half a period, from different beats: a doubled period.
    doubled = sum(
        1
        for (t1, n1), (t2, n2) in zip(merged, merged[1:], strict=False)
        if n1 != n2 and t2 - t1 < PERIOD / 2
    )
    taken_over = [t for t in times[standby] if t >= killed_at]
    last_of_leader = max(times[leader], default=killed_at)
    received = stage.sink.received()
    result = {
        "seconds": seconds,
        "period_seconds": PERIOD,
        "sends": {name: len(ts) for name, ts in times.items()},
        "sends_before_kill": {name: len(ts) for name, ts in before.items()},
        "doubled_periods": doubled,
        "standby_sends_while_sender_alive": len(before[standby]),
        "takeover_seconds": round(taken_over[0] - last_of_leader, 1) if taken_over else None,
        "emails": sum(received.values()),
        "doubled_emails": sum(count - 1 for count in received.values()),
    }
    say(
        f"beats: two beats for {seconds:.0f} s, scoring every {PERIOD} s: sends {result['sends']} "
        f"({result['sends_before_kill']} before the sender was killed), {doubled} doubled "
        f"period(s); the standby took over {result['takeover_seconds']} s after the last send; "
        f"{result['emails']} emails, {result['doubled_emails']} doubled"
    )
    return result
