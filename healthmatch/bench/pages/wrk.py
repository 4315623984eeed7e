"""wrk for page_bench: one run against one URL, its figures read from the line that
``wrk_report.lua`` prints at the end ("PAGE_BENCH {json}").

An error is a connection failure (connect, read, write), a timeout, or any response other than
200: wrk counts only statuses of 400 and more, the script counts every status, so a redirect (a
session that ran out, sending each request to the login page) is an error too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "PAGE_BENCH "
TIMEOUT_S = 30  # gunicorn's own worker timeout: a slower request is a timeout either way


def available() -> bool:
    return shutil.which("wrk") is not None


def parse(output: str) -> dict:
    """The figures of one wrk run from its standard output: requests, seconds, per_second,
    p50_ms, p90_ms, p99_ms, max_ms, bytes_read, statuses (status -> responses), errors (their
    sum) and errors_by_kind."""
    line = next((line for line in output.splitlines() if line.startswith(MARKER)), None)
    if line is None:
        raise ValueError(f"no {MARKER.strip()} line in wrk's output:\n{output[-2000:]}")
    raw = json.loads(line[len(MARKER) :])
    statuses = {int(status): n for status, n in raw["statuses"].items()}
    by_kind = {
        "connect": raw["connect_errors"],
        "read": raw["read_errors"],
        "write": raw["write_errors"],
        "timeout": raw["timeouts"],
        "not_200": sum(n for status, n in statuses.items() if status != 200),
    }
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "per_second": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "bytes_read": raw["bytes"],
        "statuses": dict(sorted(statuses.items())),
        "errors": sum(by_kind.values()),
        "errors_by_kind": by_kind,
    }


def run(url: str, *, headers: dict, seconds: int, connections: int, threads: int) -> dict:
    """Load ``url`` for ``seconds`` with ``connections`` open connections over ``threads``
    threads, each request with ``headers``; the figures (``parse``) and wrk's own text."""
    argv = [
        "wrk",
        "--threads", str(min(threads, connections)),
        "--connections", str(connections),
        "--duration", f"{seconds}s",
        "--timeout", f"{TIMEOUT_S}s",
        "--latency",
        "--script", str(SCRIPT),
    ]  # fmt: skip
    for name, value in headers.items():
        argv += ["--header", f"{name}: {value}"]
    done = subprocess.run(  # noqa: S603 (our own arguments)
        [*argv, url], capture_output=True, text=True, timeout=seconds + TIMEOUT_S + 30
    )
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return {**parse(done.stdout), "output": done.stdout}
