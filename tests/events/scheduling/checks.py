"""An independent referee for the scheduler's tests: its own reading of the rules (it shares
no code with events/scheduling beyond the dataclasses), a brute-force optimum for tiny events,
and a Hypothesis strategy that draws them."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

from hypothesis import strategies as st

from events.scheduling import (
    BUYER,
    COMPANY,
    LockedMeeting,
    Participant,
    Problem,
    Request,
    Schedule,
    Session,
    Slot,
    Table,
    greedy_schedule,
)


def host_booth(problem: Problem, request: Request) -> int | None:
    people = {p.id: p for p in problem.participants}
    a, b = people[request.a], people[request.b]
    if a.booth is not None and b.booth is not None:
        return b.booth if (a.kind, b.kind) == (COMPANY, BUYER) else a.booth
    return a.booth if a.booth is not None else b.booth


def violations(problem: Problem, result: Schedule) -> list[str]:
    """Every rule the schedule breaks (empty: it keeps them all)."""
    people = {p.id: p for p in problem.participants}
    slots = {s.id: s for s in problem.slots}
    sessions = {s.id: s for s in problem.sessions}
    tables = {t.id: t for t in problem.tables}
    requests = {r.id: r for r in problem.requests}
    booths = {p.booth for p in problem.participants if p.booth is not None}
    locks = {lock.request: lock for lock in problem.locked}
    found = []
    placed = [a.request for a in result.assignments]
    left = [u.request for u in result.unscheduled]
    if sorted(placed + left) != sorted(requests):
        found.append("not every request is either scheduled or explained, once")
    busy, at_table = Counter(), Counter()
    count, in_session = Counter(), Counter()
    for meeting in result.assignments:
        request, slot = requests[meeting.request], slots[meeting.slot]
        at_table[meeting.table, meeting.slot] += 1
        for person in (request.a, request.b):
            busy[person, meeting.slot] += 1
            count[person] += 1
            in_session[person, slot.session] += 1
        lock = locks.get(meeting.request)
        if lock is not None:
            if (lock.slot, lock.table, True) != (meeting.slot, meeting.table, meeting.locked):
                found.append(f"locked meeting {lock.request} moved")
            continue
        if meeting.locked:
            found.append(f"meeting {meeting.request} claims a lock it does not have")
        for person in (request.a, request.b):
            if meeting.slot not in people[person].available:
                found.append(f"participant {person} unavailable in slot {meeting.slot}")
        sessions_open = tables[meeting.table].sessions
        if sessions_open is not None and slot.session not in sessions_open:
            found.append(f"table {meeting.table} is not set up in slot {meeting.slot}")
        booth = host_booth(problem, request)
        if booth is not None and meeting.table != booth:
            found.append(f"booth meeting {meeting.request} away from booth {booth}")
        if booth is None and meeting.table in booths:
            found.append(f"meeting {meeting.request} at someone's booth")
    found += [f"{key} double-booked" for key, n in busy.items() if n > 1]
    found += [f"table {key} holds {n} meetings" for key, n in at_table.items() if n > 1]
    locked_count, locked_in_session = Counter(), Counter()
    for lock in problem.locked:
        for person in (requests[lock.request].a, requests[lock.request].b):
            locked_count[person] += 1
            locked_in_session[person, slots[lock.slot].session] += 1
    for person, n in count.items():
        cap = people[person].max_meetings
        if cap is not None and n > max(cap, locked_count[person]):
            found.append(f"participant {person} over their cap")
    for (person, session), n in in_session.items():
        cap = sessions[session].max_per_participant.get(people[person].kind)
        if cap is not None and n > max(cap, locked_in_session[person, session]):
            found.append(f"participant {person} over their cap in session {session}")
    if result.value != sum(requests[r].value for r in placed):
        found.append("value is not the sum of the scheduled requests' values")
    if result.bound is not None and result.bound < result.value:
        found.append("bound below value")
    if result.optimal and result.bound != result.value:
        found.append("optimal but bound differs from value")
    return found


def brute_force_value(problem: Problem) -> int:
    """The best value over every choice of slot (or none) per unlocked request."""
    people = {p.id: p for p in problem.participants}
    slots = {s.id: s for s in problem.slots}
    sessions = {s.id: s for s in problem.sessions}
    booths = {p.booth for p in problem.participants if p.booth is not None}
    locks = {lock.request: lock for lock in problem.locked}
    fixed = [r for r in problem.requests if r.id in locks]
    free = [r for r in problem.requests if r.id not in locks]
    best = 0
    for choice in itertools.product([None, *slots], repeat=len(free)):
        busy, count, in_session = set(), Counter(), Counter()
        pool, booth_taken = Counter(), set()
        ok = True
        meetings = [(r, locks[r.id].slot, locks[r.id].table) for r in fixed]
        meetings += [(r, s, None) for r, s in zip(free, choice, strict=True) if s is not None]
        for request, slot, table in meetings:
            session = slots[slot].session
            for person in (request.a, request.b):
                ok &= (person, slot) not in busy
                busy.add((person, slot))
                count[person] += 1
                in_session[person, session] += 1
            booth = host_booth(problem, request) if table is None else table
            if table is None:
                for person in (request.a, request.b):
                    ok &= slot in people[person].available
            if booth in booths:
                ok &= (booth, slot) not in booth_taken
                booth_taken.add((booth, slot))
            else:
                pool[slot] += 1
            if not ok:
                break
        if not ok:
            continue
        for person, n in count.items():
            cap = people[person].max_meetings
            locked_n = sum(1 for r in fixed if person in (r.a, r.b))
            ok &= cap is None or n <= max(cap, locked_n)
        for (person, session), n in in_session.items():
            cap = sessions[session].max_per_participant.get(people[person].kind)
            locked_n = sum(
                1
                for r in fixed
                if person in (r.a, r.b) and slots[locks[r.id].slot].session == session
            )
            ok &= cap is None or n <= max(cap, locked_n)
        for slot, n in pool.items():
            open_tables = [
                t
                for t in problem.tables
                if t.id not in booths and (t.sessions is None or slots[slot].session in t.sessions)
            ]
            ok &= n <= len(open_tables)
        for request, slot, table in meetings:
            if table is None:
                booth = host_booth(problem, request)
                if booth is not None:
                    sessions_open = next(t for t in problem.tables if t.id == booth).sessions
                    ok &= sessions_open is None or slots[slot].session in sessions_open
        if ok:
            best = max(best, sum(r.value for r, _, _ in meetings))
    return best


@st.composite
def events(draw, max_people=5, max_slots=3, max_requests=6, locks=True):
    """A tiny event: a few people, slots, tables (some booths) and requests, and maybe some
    locked meetings that do not collide."""
    n_slots = draw(st.integers(1, max_slots))
    two_sessions = n_slots > 1 and draw(st.booleans())
    slots = tuple(
        Slot(s, 2 if two_sessions and s >= n_slots // 2 else 1, s) for s in range(n_slots)
    )
    caps = st.dictionaries(st.sampled_from([BUYER, COMPANY]), st.integers(0, 2), max_size=1)
    sessions = tuple(Session(i, draw(caps)) for i in (1, 2))
    n_tables = draw(st.integers(0, 2))
    tables = [
        Table(100 + t, draw(st.sampled_from([None, frozenset({1}), frozenset({2})])))
        for t in range(n_tables)
    ]
    n_people = draw(st.integers(2, max_people))
    people = []
    for i in range(n_people):
        booth = None
        if draw(st.integers(0, 5)) == 0:
            booth = 200 + i
            tables.append(Table(booth, draw(st.sampled_from([None, frozenset({1})]))))
        present = draw(
            st.lists(st.sampled_from([True, True, True, False]), min_size=n_slots, max_size=n_slots)
        )
        available = frozenset(s.id for s, here in zip(slots, present, strict=True) if here)
        cap = draw(st.one_of(st.none(), st.integers(0, 3)))
        people.append(
            Participant(i, draw(st.sampled_from([BUYER, COMPANY])), available, cap, booth)
        )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_people - 1), st.integers(0, n_people - 1)).filter(
                lambda p: p[0] != p[1]
            ),
            min_size=1,
            max_size=max_requests,
        )
    )
    requests = tuple(
        Request(i + 1, a, b, draw(st.integers(1, 20))) for i, (a, b) in enumerate(pairs)
    )
    problem = Problem(tuple(people), sessions, slots, tuple(tables), requests)
    if locks and requests and draw(st.booleans()):
        problem = with_some_locks(problem, draw(st.randoms(use_true_random=False)))
    return problem


def with_some_locks(problem: Problem, rng) -> Problem:
    """Lock a random part of a valid schedule: locks that never collide."""
    placed = greedy_schedule(problem).assignments
    chosen = [a for a in placed if rng.random() < 0.6]
    locked = tuple(LockedMeeting(a.request, a.slot, a.table) for a in chosen)
    return replace(problem, locked=locked)
