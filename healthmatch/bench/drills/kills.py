"""The kill drill: the Celery worker SIGKILLed again and again while it scores matches and sends a
batch of emails, restarted each time as a supervisor would.

What it measures, once everything has settled:
- lost: outbox rows not sent, or sent but never received by the SMTP sink (must be 0);
- duplicates: arrivals of a Message-ID beyond its first. A kill can cost at most the message
  whose 250 came back before its "sent" mark was written, one per process sending at that
  moment: at most WORKER_CONCURRENCY (2, as in docker-compose.yml) per kill. Each repeated
  arrival is put down to the kill nearest the message's first arrival (among the kills before
  the repeat), and the most any kill caused is reported;
- matches_differing: pairs and scores a full run with nothing interrupting it, from the same
  data, changes afterwards (must be 0: the interrupted runs converged to the same matches).

Recovery is the product's own: beat's outbox sweep re-queues rows left "sending" by a dead
worker, and the next scoring run takes over a run without a sign of life; the drill only sets
those periods short (``ENV``) so that it ends in minutes.
"""

from __future__ import annotations

import random
import time

from healthmatch.bench.drills.stage import Stage, wait_for

ENV = {
    "OUTBOX_SWEEP_EVERY_SECONDS": 2,
    "OUTBOX_BATCH_SIZE": 50,
    "OUTBOX_TASK_SOFT_TIME_LIMIT": 5,
    "OUTBOX_TASK_TIME_LIMIT": 6,
    "OUTBOX_STUCK_SECONDS": 8,
    "MATCHING_RUN_STALE_SECONDS": 8,
    "MATCHING_RESCORE_EVERY_SECONDS": 4,
    "MATCHING_CHUNK_NEEDS": 100,
    "MATCH_NOTICES_EVERY_SECONDS": 5,
    "BEAT_LOCK_SECONDS": 6,
}


WORKER_CONCURRENCY = 2


def duplicates_per_kill(arrivals: dict[str, list[float]], kill_times: list[float]) -> list[int]:
    """How many repeated arrivals each kill caused: a repeat is the doing of the kill nearest
    the message's first arrival among the kills before the repeat (the sink may note the first
    arrival a moment after the kill that cut the "sent" mark off)."""
    caused = [0] * len(kill_times)
    for times in arrivals.values():
        first = times[0]
        for again in times[1:]:
            before = [i for i, killed in enumerate(kill_times) if killed <= again]
            if before:
                caused[min(before, key=lambda i: abs(kill_times[i] - first))] += 1
    return caused


def settled(stage: Stage, expected: int):
    """The stage's status once nothing is left to do: every row sent, every message received,
    no run in progress and at least one finished; None while work remains."""
    status = stage.agent("status", "--ids")
    ids = status["message_ids"]
    received = stage.sink.received()
    done = (
        status["outbox_rows"] >= expected
        and set(status["outbox"]) <= {"sent", "failed", "suppressed"}
        and all(received.get(message_id) for message_id in ids)
        and status["runs_running"] == 0
        and status["runs_done"] > 0
    )
    return status if done else None


def run(stage: Stage, *, kills: int, needs: int, companies: int, emails: int, seed: int,
        say, settle_seconds: float = 240) -> dict:  # fmt: skip
    rng = random.Random(seed)  # noqa: S311 (kill times)
    world = stage.agent(
        "world", "--needs", str(needs), "--companies", str(companies), "--emails", str(emails),
        "--seed", str(seed),
    )  # fmt: skip
    say(f"kills: {world['needs']} needs, {world['companies']} companies, {emails} emails queued")
    stage.agent("rescore")
    worker = stage.worker(concurrency=WORKER_CONCURRENCY)
    stage.beat()
    started = time.monotonic()
    killed_while, kill_times = [], []
    for number in range(kills):
        # Each kill hits a worker at work: wait until the (re)started worker has sent another
        # message (unless all are out), then let it go on for a moment.
        sent = sum(stage.sink.received().values())
        if sent < emails:
            wait_for(lambda sent=sent: sum(stage.sink.received().values()) > sent, 60, 0.05)
        time.sleep(rng.uniform(0.2, 1.5))
        before = sum(stage.sink.received().values())
        kill_times.append(time.monotonic())
        worker.kill()
        killed_while.append(before)
        worker.start()
        say(f"kills: kill {number + 1}/{kills} at {time.monotonic() - started:.1f} s "
            f"({before} messages received so far)")  # fmt: skip
    status = wait_for(lambda: settled(stage, emails), settle_seconds, 2)
    seconds = round(time.monotonic() - started, 1)
    received = stage.sink.received()
    if status is None:
        status = stage.agent("status", "--ids")
        say(f"kills: NOT settled after {settle_seconds:.0f} s: outbox {status['outbox']}, "
            f"{status['runs_running']} run(s) running")  # fmt: skip
        say("kills: worker log tail:\n" + stage.tail("worker"))
        say("kills: beat log tail:\n" + stage.tail("beat"))
    ids = status["message_ids"]
    states = status["outbox"]
    lost = sum(
        1 for message_id, state in ids.items() if state != "sent" or not received.get(message_id)
    )
    duplicates = sum(count - 1 for message_id, count in received.items() if message_id in ids)
    with stage.sink.lock:
        arrivals = {mid: list(times) for mid, times in stage.sink.arrivals.items() if mid in ids}
    per_kill = duplicates_per_kill(arrivals, kill_times)
    converged = stage.agent("converge") if status.get("runs_running") == 0 else {}
    result = {
        "kills": kills,
        "kills_while_sending": sum(1 for before in killed_while if before < len(ids)),
        "worker_starts": worker.starts,
        "outbox_rows": status["outbox_rows"],
        "outbox_states": states,
        "lost": lost,
        "duplicates": duplicates,
        "most_duplicates_per_kill": max(per_kill, default=0),
        "worker_concurrency": WORKER_CONCURRENCY,
        "matches": converged.get("matches"),
        "reference_matches": converged.get("reference_matches"),
        "matches_differing": converged.get("differing"),
        "largest_score_change": converged.get("largest_score_change"),
        "tied_pairs_swapped": converged.get("tied_pairs_swapped"),
        "settled": bool(converged),
        "seconds": seconds,
    }
    say(
        f"kills: {kills} SIGKILLs ({result['kills_while_sending']} while mail was still going "
        f"out), settled in {seconds} s: {result['outbox_rows']} emails, {lost} lost, "
        f"{duplicates} duplicate(s) (at most {result['most_duplicates_per_kill']} per kill); "
        f"{result['matches']} matches, "
        f"{result['matches_differing']} differing from an uninterrupted run"
    )
    return result
