"""page_bench (issue 16): each main page loaded with wrk as the person who uses it, beside the
barest Django view, on a world of 10,000 published needs and 2,000 companies. Used by
``manage.py page_bench`` (``make bench-pages``).

The stage is the drills' (``healthmatch/bench/drills/stage.py``): a private PostgreSQL cluster
and Redis server on free loopback ports, migrated and with collected static files, and gunicorn
started as production starts it (``deploy/gunicorn.conf.py``, ``DEBUG=0``, the cache and
sessions on its Redis and PostgreSQL) with 2 sync workers; all of it stopped and removed at the
end, also after an error or Ctrl-C. The world is built inside the stage (``world.py``).

Each person signs in once through the login form; wrk then sends their session cookie (the API:
a read token) with every request. Before a page is loaded, a few requests check that it answers
200 and shows what that person must see (a redirect to the login page fails the run: it is never
measured) and warm both workers. The bare view is loaded first and last; the mean of the two
rates is the reference each page's rate is divided by.

Targets (a benchmark, not a test): every page at least a tenth of the bare view's rate, p99 at
most 100 ms at 20 connections, no errors.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

from healthmatch.bench.drills.load_html import parse
from healthmatch.bench.drills.load_http import Browser
from healthmatch.bench.drills.stage import PYTHON, ROOT, Stage
from healthmatch.bench.pages import wrk
from healthmatch.bench.pages.urls import HOLD_SECONDS

PAGES = (
    "needs_list",
    "needs_filtered",
    "needs_search",
    "need_detail",
    "need_detail_owner",
    "company_dashboard",
    "hospital_dashboard",
    "companies_directory",
    "curation_queue",
    "api_needs",
)
BARE = "/bench/bare/"
HOLD = "/bench/hold/"
DRAIN_WITHIN_S = 300
LOGIN = "/accounts/login/"
WORKERS = 2
WARM_UP_REQUESTS = 2 * WORKERS  # each checked; enough for both workers to have served the page
TARGET_RATIO = 0.10
TARGET_P99_MS = 100.0
# The stage's settings beyond production's. The API's per-token limit (600 a minute) would
# answer most of wrk's requests 429: the throttle still counts every request in Redis, it is
# only never reached. gunicorn's recycling after 1,000 requests is off: under a saturating load
# a worker would restart (and import Django again) every few seconds, charging each target in
# proportion to its own speed, the bare view most. And no control socket: gunicorn's default is
# one path in the home folder, shared with any other stage running at the same time.
ENV = {
    "API_RATE_TOKEN": "1000000/min",
    "GUNICORN_MAX_REQUESTS": "0",
    "GUNICORN_CMD_ARGS": "--no-control-socket",
}
NO_PAGE_CACHE = {"PAGE_CACHE_SECONDS": "0"}


def run(
    *,
    needs: int = 10_000,
    companies: int = 2_000,
    seconds: int = 10,
    connections: int = 20,
    threads: int = 2,
    pages: tuple[str, ...] = PAGES,
    seed: int = 0,
    keep: bool = False,
    page_cache: bool = True,
    say=print,
) -> dict:
    if not wrk.available():
        raise RuntimeError("page_bench loads the pages with wrk: apt-get install wrk")
    began = time.monotonic()
    # Without the page cache every request renders its page (what a miss costs: the first
    # reader after a write); the needs list's bodies and the fragments are still kept.
    stage = Stage(keep=keep, settings_env=ENV if page_cache else {**ENV, **NO_PAGE_CACHE})
    with stage:
        say(f"stage in {stage.folder}: PostgreSQL, Redis, migrate, collectstatic")
        stage.open(web=True)
        say(f"stage ready in {time.monotonic() - began:.0f} s; building the world")
        started = time.monotonic()
        world = build_world(stage, needs=needs, companies=companies, seed=seed)
        say(
            f"built {world['needs']:,} published needs of {world['hospitals']} hospitals, "
            f"{world['companies']:,} companies with {world['capabilities']:,} capabilities and "
            f"{world['matches']:,} matches in {time.monotonic() - started:.0f} s"
        )
        stage.web(workers=WORKERS, app="healthmatch.bench.pages.wsgi")
        headers = sign_in(stage.base_url, world)
        targets, skipped = {}, {}
        for name in pages:
            page = world["pages"][name]
            status = fetch(stage.base_url, page["path"], headers[page["as"]])[0]
            if name == "api_needs" and status == 404:
                skipped[name] = f"{page['path']} is not there (yet)"
                say(f"{name}: skipped, {skipped[name]}")
                continue
            page["response_bytes"] = check(stage.base_url, name, page, headers[page["as"]])
            targets[name] = page
        check(stage.base_url, "bare", {"path": BARE, "as": "anonymous", "expect": [["ok"]]}, {})
        say(
            f"loading each page for {seconds} s at {connections} connections "
            f"({min(threads, connections)} wrk threads), gunicorn with {WORKERS} sync workers"
            + ("" if page_cache else ", whole pages not kept (PAGE_CACHE_SECONDS=0)")
        )

        def load(name, path, person_headers):
            got = wrk.run(
                stage.base_url + path,
                headers=person_headers,
                seconds=seconds,
                connections=connections,
                threads=threads,
            )
            (stage.logs / f"wrk-{name}.txt").write_text(got.pop("output"))
            got["drain_s"] = drain(stage.base_url)
            return got

        bare_before = load("bare-before", BARE, {})
        measured = {
            name: load(name, page["path"], headers[page["as"]]) for name, page in targets.items()
        }
        bare_after = load("bare-after", BARE, {})
    cleaned_up = _gone(stage)
    result = figures(
        world, targets, measured, bare_before, bare_after, skipped,
        seconds=seconds, connections=connections, threads=min(threads, connections),
        page_cache=page_cache,
    )  # fmt: skip
    result.update(
        stage=str(stage.folder), kept=keep, cleaned_up=cleaned_up,
        elapsed_s=round(time.monotonic() - began, 1),
    )  # fmt: skip
    for line in table(result):
        say(line)
    return result


# --- The world and the people -----------------------------------------------------------------


def build_world(stage: Stage, *, needs: int, companies: int, seed: int) -> dict:
    argv = [PYTHON, "-m", "healthmatch.bench.pages.world", "--needs", str(needs),
            "--companies", str(companies), "--seed", str(seed)]  # fmt: skip
    done = subprocess.run(  # noqa: S603 (our own arguments)
        argv, env=stage.env, cwd=ROOT, capture_output=True, text=True, timeout=3600
    )
    if done.returncode:
        raise RuntimeError(f"building the world failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def sign_in(base_url: str, world: dict) -> dict[str, dict]:
    """The headers each person's requests carry: their session cookie after signing in through
    the login form (the API: the read token)."""
    headers = {"anonymous": {}, "token": {"Authorization": f"Bearer {world['token']}"}}
    for person, login in world["logins"].items():
        headers[person] = {"Cookie": log_in(base_url, login["email"], login["password"])}
    return headers


def log_in(base_url: str, email: str, password: str) -> str:
    """Sign in through allauth's form as a browser does; the Cookie header of the session."""
    browser = Browser(timeout=30, server_ip="127.0.0.1", source_ip=None)
    url = base_url + LOGIN
    status, _location, body = browser.send("GET", url)
    form = parse(url, status, body).form_with("password") if status == 200 else None
    if form is None:
        raise RuntimeError(f"GET {LOGIN} answered {status} without a login form")
    field = "login" if "login" in form.names() else "email"
    data = form.data({field: email, "password": password})
    status, location, _body = browser.send("POST", form.action, data, referer=url)
    cookies = {cookie.name: cookie.value for cookie in browser.jar}
    if status != 302 or "sessionid" not in cookies or location.endswith(LOGIN):
        raise RuntimeError(f"{email} could not sign in: {status} {location}")
    # The browser follows the redirect: the page it lands on shows "Successfully signed in" and
    # its answer empties the messages cookie. wrk replays one Cookie header for every request;
    # with that message in it, every page would show it again and never be kept (page_cache).
    status, _location, _body = browser.send("GET", urljoin(url, location), referer=url)
    cookies = {cookie.name: cookie.value for cookie in browser.jar}
    if status != 200 or cookies.get("messages"):
        raise RuntimeError(f"{email}'s landing page answered {status} or left messages waiting")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- Checking a page before it is loaded ------------------------------------------------------


def fetch(base_url: str, path: str, headers: dict) -> tuple[int, str, str]:
    """(status, Location, body) of one GET, with exactly the headers wrk will send."""
    port = int(base_url.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
    finally:
        connection.close()
    return response.status, response.getheader("Location") or "", body


def check(base_url: str, name: str, page: dict, headers: dict) -> int:
    """GET the page a few times (warming both workers); each answer must be 200 and show
    something of every group in ``page["expect"]``. Its size in bytes."""
    for _ in range(WARM_UP_REQUESTS):
        status, location, body = fetch(base_url, page["path"], headers)
        where = f"{name}: GET {page['path']} as the {page['as']}"
        if status != 200:
            to = f" to {location}" if location else ""
            raise RuntimeError(f"{where} answered {status}{to}: not measured")
        for group in page["expect"]:
            if not any(text in body for text in group):
                raise RuntimeError(f"{where} does not show {group[0]!r}: not measured")
    return len(body.encode())


def drain(base_url: str) -> float:
    """Wait until every worker is free; the seconds waited. When wrk stops, up to one request
    per connection is still queued or being served (a sync worker does not notice that its
    client left), and that work would be charged to the next page. One request to the hold view
    (a quarter of a second asleep) per worker, all at once: they come back together only when
    each found a free worker, else the later ones waited for the first (twice the hold)."""
    began = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        while time.monotonic() - began < DRAIN_WITHIN_S:
            sent = time.monotonic()
            statuses = list(pool.map(lambda _: fetch(base_url, HOLD, {})[0], range(WORKERS)))
            if statuses != [200] * WORKERS:
                raise RuntimeError(f"GET {HOLD} answered {statuses}")
            if time.monotonic() - sent < HOLD_SECONDS * 1.8:
                return round(time.monotonic() - began, 1)
    raise RuntimeError(f"the server was still busy {DRAIN_WITHIN_S} s after wrk stopped")


def _gone(stage: Stage) -> bool:
    """The stage's folder is removed and nothing answers on its ports any more."""

    def answers(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    ports = (stage.postgres.port, stage.redis.port, stage.web_port)
    return not Path(stage.folder).exists() and not any(answers(port) for port in ports)


# --- Figures ------------------------------------------------------------------------------------


def figures(world, targets, measured, bare_before, bare_after, skipped, **shape) -> dict:
    reference = round((bare_before["per_second"] + bare_after["per_second"]) / 2, 1)
    pages = {}
    for name, page in targets.items():
        got = measured[name]
        ratio = round(got["per_second"] / reference, 3) if reference else 0.0
        pages[name] = {
            "path": page["path"],
            "as": page["as"],
            **({"results": page["results"]} if "results" in page else {}),
            "response_bytes": page["response_bytes"],
            **got,
            "ratio": ratio,
            "met": got["errors"] == 0 and ratio >= TARGET_RATIO and got["p99_ms"] <= TARGET_P99_MS,
        }
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        **{key: world[key] for key in ("needs", "hospitals", "companies", "capabilities")},
        "matches": world["matches"],
        "seconds_per_page": shape["seconds"],
        "connections": shape["connections"],
        "wrk_threads": shape["threads"],
        "gunicorn_workers": WORKERS,
        "page_cache": shape["page_cache"],
        "bare": {"path": BARE, "before": bare_before, "after": bare_after, "per_second": reference},
        "pages": pages,
        "skipped": skipped,
        "targets": {"ratio": TARGET_RATIO, "p99_ms": TARGET_P99_MS, "errors": 0},
        "met": [name for name, page in pages.items() if page["met"]],
        "missed": [name for name, page in pages.items() if not page["met"]],
    }


def table(result: dict) -> list[str]:
    head = (
        f"{'page':<20} {'as':<11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'ratio':>6}  target"
    )
    lines = [head, "-" * len(head)]

    def row(name, person, got, ratio, met):
        return (
            f"{name:<20} {person:<11} {got['per_second']:>8.1f} {got['p50_ms']:>8.1f} "
            f"{got['p99_ms']:>8.1f} {got['errors']:>6} {ratio:>6}  {met}"
        )

    bare = result["bare"]
    lines.append(row("bare (before)", "anonymous", bare["before"], "-", "-"))
    for name, page in result["pages"].items():
        lines.append(row(name, page["as"], page, f"{page['ratio']:.3f}", _yes(page["met"])))
    lines.append(row("bare (after)", "anonymous", bare["after"], "-", "-"))
    lines.append(
        f"reference: the bare view's mean, {bare['per_second']:.1f} requests/s; targets: ratio >= "
        f"{TARGET_RATIO}, p99 <= {TARGET_P99_MS:.0f} ms, 0 errors, at {result['connections']} "
        f"connections; met by {len(result['met'])} of {len(result['pages'])} pages"
    )
    for name, reason in result["skipped"].items():
        lines.append(f"skipped {name}: {reason}")
    cleanup = "kept (--keep)" if result["kept"] else "removed" if result["cleaned_up"] else "LEFT"
    lines.append(f"stage {result['stage']}: {cleanup}")
    return lines


def _yes(met: bool) -> str:
    return "yes" if met else "no"
