"""`make run` on the embedded defaults (SQLite, the filesystem broker), with real processes
started from Procfile.dev as the Makefile starts them.

On Ctrl-C honcho sends SIGTERM to the web server, the worker and beat, and each must exit
before honcho's 5 seconds run out and it sends SIGKILL (a killed worker loses the messages it
had taken). Their log lines share one format and one clock, UTC, which is honcho's too."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import redis
import yaml  # drf-spectacular's dependency

from tests.real_services import BASE_DIR, free_port

BIN = Path(sys.executable).parent
# honcho waits 5 seconds after the first process stopped; the rest is start-up slack.
STOP_BOUND = 15


class Output:
    """Reads a process's output in a thread; ``wait_for`` waits until patterns have appeared."""

    def __init__(self, process):
        self.lines = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.reader.start()

    def _read(self, process):
        for line in process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    @property
    def text(self) -> str:
        with self.changed:
            return "".join(self.lines)

    def mark(self) -> int:
        with self.changed:
            return len(self.lines)

    def since(self, mark: int) -> str:
        self.reader.join(10)  # the process has exited: read what it wrote last
        with self.changed:
            return "".join(self.lines[mark:])

    def wait_for(self, *patterns, timeout=90):
        deadline = time.monotonic() + timeout
        with self.changed:
            while not all(re.search(p, "".join(self.lines)) for p in patterns):
                left = deadline - time.monotonic()
                assert left > 0, f"never saw {patterns}:\n{''.join(self.lines)}"
                self.changed.wait(left)


def embedded_env(var_dir: Path) -> dict:
    """Nothing configured, as a newcomer runs `make run`, var/ in a temp folder; the
    virtualenv's commands on PATH and TZ=UTC, as the Makefile's run target sets them."""
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(var_dir.parent),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "healthmatch.settings",
        "HEALTHMATCH_VAR_DIR": str(var_dir),
        "DEBUG": "1",
        "TZ": "UTC",
        "PYTHONUNBUFFERED": "1",
    }


def start(command, env):
    return subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a terminal's Ctrl-C reaches honcho only, as here
    )


def stop(process, sig, timeout, group=False):
    """Send ``sig`` to the process (honcho: to its process group) and wait for it to exit."""
    started = time.monotonic()
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail(f"still running {timeout} s after {sig.name}")
    return time.monotonic() - started


def procfile_command(name: str) -> str:
    for line in (BASE_DIR / "Procfile.dev").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.partition(":")[2].strip()
    raise AssertionError(f"no {name} in Procfile.dev")


# What the demo's web server (runserver, DEBUG=1) answers; the database has no tables.
PAGES = ("/no-such-page/", "/static/no-such-file.css", "/favicon.ico")


def fetch(url):
    """(status, content type, body) of a GET, redirects followed."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our http URL)
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    """honcho on Procfile.dev until web, worker and beat are up and the web server has answered
    a request, then Ctrl-C (SIGINT to honcho). Its output, and what came after the SIGINT."""
    assert "TZ=UTC $(BIN)/honcho start -f Procfile.dev" in (BASE_DIR / "Makefile").read_text()
    port = free_port()
    env = {**embedded_env(tmp_path_factory.mktemp("make-run") / "var"), "HM_PORT": str(port)}
    honcho = start([str(BIN / "honcho"), "start", "-f", "Procfile.dev"], env)
    output = Output(honcho)
    try:
        output.wait_for(r"worker\.1 .*celery@\S+ ready\.", r"beat\.1 .*beat: Starting", r"Quit the")
        pages = {path: fetch(f"http://127.0.0.1:{port}{path}") for path in PAGES}
        output.wait_for(r"web\.1 .*GET /no-such-page/")
        time.sleep(1)  # a moment of idling: beat sends its first tasks, the worker polls
    finally:
        mark = output.mark()
        took = stop(honcho, signal.SIGINT, STOP_BOUND)
    return {
        "pages": pages,
        "all": output.since(0),
        "after_ctrl_c": output.since(mark),
        "took": took,
        "rc": honcho.returncode,
    }


def test_ctrl_c_stops_web_worker_and_beat_without_sigkill(make_run):
    # (Before Ctrl-C the worker may fail beat's first tasks: this database has no tables.)
    text = make_run["after_ctrl_c"]
    assert "SIGKILL" not in text, text
    assert "No hostname was supplied" not in make_run["all"]  # kombu's warning, meaningless here
    assert "Traceback" not in text, text
    for name in ("web", "worker", "beat"):
        assert re.search(rf"{name}\.1 stopped", text), text
    assert make_run["rc"] == 130  # honcho's answer to SIGINT once all stopped by themselves
    assert make_run["took"] < STOP_BOUND


def test_the_demo_server_answers_with_the_sites_pages(make_run):
    """The site's 404, not Django's debug page, for an unknown URL and a missing static file
    (runserver's own static handler answered that one); the icon is there."""
    for path in ("/no-such-page/", "/static/no-such-file.css"):
        status, _type, html = make_run["pages"][path]
        assert status == 404, path
        assert "Page not found" in html, path
        assert "DEBUG = True" not in html, path
        assert "Using the URLconf" not in html, path
    status, content_type, icon = make_run["pages"]["/favicon.ico"]
    assert status == 200
    assert content_type == "image/svg+xml"
    assert icon.startswith("<svg")


# A time in any format the processes used: Celery's "[2026-12-05 08:31:50,592: INFO/...",
# runserver's "[05/Dec/2026 08:31:50]", ours.
ANY_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\d\d/\w{3}/\d{4} \d\d:\d\d")
OUR_RECORD = re.compile(
    r"(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+: "
)
HONCHO_LINE = re.compile(
    r"^(?P<time>\d\d:\d\d:\d\d) (?P<name>web|worker|beat)\.1\s*\| (?P<line>.*)$"
)
# Start-up banners that print the local time of TIME_ZONE, labelled as such, once.
BANNERS = ("LocalTime -> ", "-- ******* ---- ")


def test_web_worker_and_beat_log_in_one_format_and_clock(make_run):
    records = {"web": 0, "worker": 0, "beat": 0}
    for raw in make_run["all"].splitlines():
        match = HONCHO_LINE.match(raw)
        if not match or not ANY_TIME.search(match["line"]) or match["line"].startswith(BANNERS):
            continue
        record = OUR_RECORD.match(match["line"])
        assert record, f"not in the one format: {raw}"
        logged = datetime.strptime(record["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
        printed = datetime.strptime(match["time"], "%H:%M:%S")
        printed = datetime.combine(logged.date(), printed.time())
        assert abs(printed - logged) < timedelta(seconds=3), f"two clocks: {raw}"
        records[match["name"]] += 1
    assert all(records.values()), records  # each process logged something


def stop_busy_worker(command: str, env: dict) -> tuple[str, float]:
    """Start a worker, give it a minute-long task, SIGTERM its process group while the task
    runs: what it wrote after the signal, and how long it took to exit."""
    worker = start(["sh", "-c", f"{command} --include tests.celery_nap"], env)
    output = Output(worker)
    try:
        output.wait_for(r"celery@\S+ ready\.")
        send = "from healthmatch.celery import app; app.send_task('tests.celery_nap.nap', [60])"
        subprocess.run([sys.executable, "-c", send], cwd=BASE_DIR, env=env, check=True, timeout=60)
        output.wait_for("napping")
    finally:
        mark = output.mark()
        took = stop(worker, signal.SIGTERM, STOP_BOUND, group=True)  # as honcho and docker do
    text = output.since(mark)
    assert "woke up" not in text
    assert "Traceback" not in text, text
    assert "Restoring 1 unacknowledged message(s)" in text
    return text, took


def test_sigterm_stops_a_busy_worker_and_puts_its_task_back(tmp_path):
    """Honcho's SIGTERM while a task runs (the demo's first scoring run takes a minute): the
    worker stops it at once and puts its message back in the queue, for the next start."""
    text, took = stop_busy_worker(procfile_command("worker"), embedded_env(tmp_path / "var"))
    [message] = list((tmp_path / "var" / "celery" / "queue").glob("*.msg"))
    assert "tests.celery_nap.nap" in message.read_text()
    assert took < 5, text  # within honcho's patience


@pytest.mark.redis
def test_docker_stop_puts_a_busy_workers_task_back_in_redis(tmp_path, redis_url):
    """docker-compose's worker on Redis: `docker stop` (SIGTERM, SIGKILL 10 s later) puts the
    running task back in the queue at once, not after Redis's visibility timeout (an hour)."""
    service = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())["services"]["worker"]
    compose_env = {k: str(v) for k, v in service["environment"].items()}
    env = {
        **embedded_env(tmp_path / "var"),
        "REDIS_URL": redis_url,
        "REMAP_SIGTERM": compose_env["REMAP_SIGTERM"],
    }
    queue = redis.Redis.from_url(redis_url)
    queue.delete("celery", "unacked", "unacked_index")
    try:
        text, took = stop_busy_worker(" ".join(service["command"]), env)
        [message] = queue.lrange("celery", 0, -1)
        assert b"tests.celery_nap.nap" in message
        assert took < 10, text  # within docker's patience
    finally:
        queue.delete("celery", "unacked", "unacked_index")
