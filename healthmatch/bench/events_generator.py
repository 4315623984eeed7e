"""A realistic matchmaking day for the scheduler's benchmark (``event_bench``).

Two sessions (morning and afternoon) of equal length; one participant in five is a buyer
(a hospital or municipality), the others companies. Companies ask buyers with a skewed
popularity (Zipf-like: a few big hospitals are asked by many companies); the biggest hospitals
host at their own booth. Availability has gaps (some come for one session only, others arrive
late or leave early), everybody has a cap, each session a cap per kind, and one request in ten
is a must-meet. Requests are listed in the order they arrived.
"""

from __future__ import annotations

import random

from events.scheduling.types import (
    BUYER,
    COMPANY,
    Participant,
    Problem,
    Request,
    Session,
    Slot,
    Table,
)
from events.scheduling.values import meeting_value

BUYER_SHARE = 0.2
BOOTHS = 5  # the most popular hospitals host at their booth
MUST_MEET_SHARE = 0.1
SESSION_CAPS = {BUYER: 7, COMPANY: 5}


def generate_event(
    participants: int, requests: int, tables: int, slots: int, seed: int = 0
) -> Problem:
    if participants < 2 or slots < 1 or tables < 0 or requests < 0:
        raise ValueError("an event needs 2 participants, a slot, and no negative counts")
    rng = random.Random(seed)
    sessions = (
        (Session(1, SESSION_CAPS), Session(2, SESSION_CAPS))
        if slots > 1
        else (Session(1, SESSION_CAPS),)
    )
    half = (slots + 1) // 2
    slot_list = tuple(Slot(s, 1 if s < half or slots == 1 else 2, s) for s in range(slots))
    buyers = max(1, round(participants * BUYER_SHARE))
    companies = participants - buyers
    table_list = [Table(t) for t in range(1, tables + 1)]
    people = []
    for index in range(participants):
        kind = BUYER if index < buyers else COMPANY
        booth = None
        if kind == BUYER and index < min(BOOTHS, buyers):
            booth = 1000 + index
            table_list.append(Table(booth))
        if kind == BUYER:
            cap = slots if booth is not None else rng.randint(max(1, slots // 3), slots)
        else:
            cap = rng.randint(2, max(2, slots // 2))
        people.append(
            Participant(index, kind, _availability(rng, slots, half), max_meetings=cap, booth=booth)
        )
    weights = [1 / (rank + 1) ** 0.9 for rank in range(buyers)]
    pairs: set[tuple[int, int]] = set()
    request_list = []
    most = buyers * max(companies, 1)
    while len(request_list) < min(requests, most):
        if companies:
            a = buyers + rng.randrange(companies)
        else:
            a = rng.randrange(buyers)
        b = rng.choices(range(buyers), weights)[0]
        if a == b or (a, b) in pairs:
            continue
        pairs.add((a, b))
        score = rng.betavariate(2, 3)
        value = meeting_value(score, must_meet=rng.random() < MUST_MEET_SHARE)
        request_list.append(Request(len(request_list) + 1, a, b, value))
    return Problem(
        participants=tuple(people),
        sessions=sessions,
        slots=slot_list,
        tables=tuple(table_list),
        requests=tuple(request_list),
    )


def _availability(rng: random.Random, slots: int, half: int) -> frozenset[int]:
    draw = rng.random()
    if draw < 0.15 and slots > 1:
        return frozenset(range(half))  # morning only
    if draw < 0.3 and slots > 1:
        return frozenset(range(half, slots))  # afternoon only
    available = set(range(slots))
    gap = rng.randint(0, min(3, slots - 1))
    if gap:
        start = rng.choice((0, slots - gap)) if rng.random() < 0.7 else rng.randrange(slots - gap)
        available -= set(range(start, start + gap))
    return frozenset(available)


def late_requests(problem: Problem, count: int, seed: int = 0) -> tuple[Request, ...]:
    """``count`` new requests between pairs that have none yet, arriving after the others."""
    rng = random.Random(seed + 1)
    buyers = [p.id for p in problem.participants if p.kind == BUYER]
    companies = [p.id for p in problem.participants if p.kind == COMPANY] or buyers
    pairs = {(r.a, r.b) for r in problem.requests} | {(r.b, r.a) for r in problem.requests}
    next_id = max((r.id for r in problem.requests), default=0) + 1
    found: list[Request] = []
    for _ in range(count * 100):
        if len(found) == count:
            break
        a, b = rng.choice(companies), rng.choice(buyers)
        if a == b or (a, b) in pairs:
            continue
        pairs |= {(a, b), (b, a)}
        value = meeting_value(rng.betavariate(2, 3), must_meet=rng.random() < MUST_MEET_SHARE)
        found.append(Request(next_id + len(found), a, b, value))
    return tuple(found)
