"""BEIR-format data: corpus.jsonl, queries.jsonl, qrels/<split>.tsv, read as needs and
capabilities (each query a need: title = the query text, language en; each document a
capability: title and text; structured fields empty, so the structured factors stay neutral)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from matching.engine.types import CapabilityDoc, NeedDoc


@dataclass
class BeirSet:
    needs: list[NeedDoc]
    capabilities: list[CapabilityDoc]
    need_keys: dict[int, str]  # engine id -> query id
    cap_keys: dict[int, str]  # engine id -> document id
    qrels: dict[str, dict[str, int]]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            parts = line.split()
            if len(parts) < 3 or (number == 0 and not parts[-1].lstrip("-").isdigit()):
                continue  # header or blank
            query, doc, grade = parts[0], parts[-2], int(parts[-1])
            qrels.setdefault(query, {})[doc] = grade
    return qrels


def load_beir(
    directory: Path | str, *, split: str = "test", queries: Path | str | None = None
) -> BeirSet:
    """Only the queries judged in the split are kept; ``queries`` replaces queries.jsonl (e.g.
    queries-viddesc.jsonl, judged by the same qrels)."""
    directory = Path(directory)
    qrels = read_qrels(directory / "qrels" / f"{split}.tsv")
    query_path = Path(queries) if queries else directory / "queries.jsonl"
    if not query_path.is_absolute() and not query_path.exists():
        query_path = directory / query_path
    rows = [q for q in read_jsonl(query_path) if str(q["_id"]) in qrels]
    needs, need_keys = [], {}
    for number, row in enumerate(rows, start=1):
        needs.append(NeedDoc(id=number, title=row.get("text", ""), body="", language="en"))
        need_keys[number] = str(row["_id"])
    capabilities, cap_keys = [], {}
    for number, row in enumerate(read_jsonl(directory / "corpus.jsonl"), start=1):
        capabilities.append(
            CapabilityDoc(
                id=number, title=row.get("title", "") or "", body=row.get("text", ""), language="en"
            )
        )
        cap_keys[number] = str(row["_id"])
    qrels = {q: judged for q, judged in qrels.items() if q in set(need_keys.values())}
    return BeirSet(needs, capabilities, need_keys, cap_keys, qrels)
