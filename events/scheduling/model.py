"""The optimisation model, independent of any solver.

Tables are interchangeable within a slot, so the model does not choose tables: a variable
``x[r, s]`` says request r meets in slot s, and one row per slot keeps the numbered meetings
within the tables set up then (tables are numbered afterwards). Booth meetings need no table
row: the host meets one person per slot anyway, and a booth shared by several hosts gets its
own row. Every coefficient is 1, every row an upper bound:

- a request meets at most once;
- a participant meets at most one person per slot;
- a participant's meetings stay within their event cap and each session's cap for their kind;
- the numbered meetings of a slot fit the free numbered tables; a shared booth holds one.

Locked meetings are already on the board: they take their people's slots, caps and tables
before the model is built, so the model only sees what remains. Maximise the total value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from events.scheduling.board import Board


@dataclass(frozen=True)
class Model:
    variables: list[tuple[int, int]]  # (request, slot)
    values: list[int]
    rows: list[tuple[list[int], int]]  # (variable indexes, upper bound): sum <= bound

    def indexes(self, placed: dict[int, int]) -> set[int]:
        """The variables set to 1 by a placement (request -> slot); locked meetings have none."""
        index = {variable: i for i, variable in enumerate(self.variables)}
        return {index[meeting] for meeting in placed.items() if meeting in index}

    def upper_bound(self) -> int:
        """The value if every request that has a variable met: no schedule does better."""
        best: dict[int, int] = {}
        for (request, _slot), value in zip(self.variables, self.values, strict=True):
            best[request] = value
        return sum(best.values())


def build_model(board: Board) -> Model:
    prepared = board.prepared
    variables, values = [], []
    for request in board.open_requests():
        for slot in prepared.candidates[request]:
            if board.fits(request, slot):
                variables.append((request, slot))
                values.append(prepared.requests[request].value)

    by_request = defaultdict(list)
    by_person_slot = defaultdict(list)
    by_person = defaultdict(list)
    by_person_session = defaultdict(list)
    by_pool_slot = defaultdict(list)
    by_booth_slot = defaultdict(list)
    for index, (request_id, slot) in enumerate(variables):
        meeting = prepared.meetings[request_id]
        request = meeting.request
        by_request[request_id].append(index)
        session = prepared.session_of[slot]
        for person in (request.a, request.b):
            by_person_slot[person, slot].append(index)
            by_person[person].append(index)
            by_person_session[person, session].append(index)
        if meeting.booth is None:
            by_pool_slot[slot].append(index)
        else:
            by_booth_slot[meeting.booth, slot].append(index)

    rows: list[tuple[list[int], int]] = []
    rows += [(indexes, 1) for indexes in by_request.values() if len(indexes) > 1]
    rows += [(indexes, 1) for indexes in by_person_slot.values() if len(indexes) > 1]
    for person_id, indexes in by_person.items():
        person = prepared.participants[person_id]
        if person.max_meetings is None:
            continue
        left = max(0, person.max_meetings - board.count[person_id])
        if len({variables[i][0] for i in indexes}) > left:
            rows.append((indexes, left))
    for (person_id, session), indexes in by_person_session.items():
        person = prepared.participants[person_id]
        cap = prepared.sessions[session].max_per_participant.get(person.kind)
        if cap is None:
            continue
        left = max(0, cap - board.session_count[person_id, session])
        slots = {variables[i][1] for i in indexes}
        requests = {variables[i][0] for i in indexes}
        if min(len(slots), len(requests)) > left:
            rows.append((indexes, left))
    for slot, indexes in by_pool_slot.items():
        left = max(0, len(prepared.pool[slot]) - board.pool_used[slot])
        if len(indexes) > left:
            rows.append((indexes, left))
    for (booth, _slot), indexes in by_booth_slot.items():
        hosts = {_host(prepared, variables[i][0], booth) for i in indexes}
        if len(indexes) > 1 and len(hosts) > 1:
            rows.append((indexes, 1))
    return Model(variables, values, rows)


def _host(prepared, request_id: int, booth: int) -> int:
    request = prepared.requests[request_id]
    return request.a if prepared.participants[request.a].booth == booth else request.b
