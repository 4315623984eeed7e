"""The drills' stage: a private PostgreSQL cluster and Redis server on loopback, an SMTP sink, and
HealthMatch's own processes (gunicorn, the Celery worker, beat) started as production starts
them, so a drill can kill and restart any of them without touching the machine's own servers.

Everything lives under one temporary folder (kept with ``keep=True`` for its logs) and is
stopped and removed when the stage closes.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable
BIN = Path(PYTHON).parent
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)
SINK_DOMAIN = "drills.healthmatch.invalid"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds: float, every: float = 0.1):
    """Call ``check`` until it returns something true or ``seconds`` pass; return its value."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(every)


def _as_postgres(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its commands as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


class Postgres:
    """A throwaway PostgreSQL cluster: initdb, start, stop (a crash with ``immediate``)."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = found[-1] if found else shutil.which("initdb")
        if not initdb:
            raise RuntimeError(
                "the drills need PostgreSQL's server programs (initdb, pg_ctl): "
                "apt-get install postgresql"
            )
        self.bin = Path(initdb).parent
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/healthmatch"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 (our own arguments)
            _as_postgres([str(self.bin / argv[0]), *argv[1:]]),
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def create(self) -> None:
        self.folder.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        subprocess.run(  # noqa: S603
            [
                "psql",
                f"postgres://postgres@127.0.0.1:{self.port}/postgres",
                "-q",
                "-c",
                "CREATE DATABASE healthmatch",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop",
                  check=False)  # fmt: skip


class Redis:
    """A throwaway Redis server that keeps nothing on disk, like the machine's."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.folder)]  # fmt: skip
        log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 (the server's for its life)
        self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        if not wait_for(self.ping, 20):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        self.process = None


class Sink:
    """An SMTP server on loopback that notes when each Message-ID arrived (one entry per
    arrival, so a message delivered twice has two). ``delay`` seconds per message slow it to
    stand for a real relay, so a batch is still being sent when a drill kills the worker."""

    def __init__(self, delay: float = 0.0):
        import logging

        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per command
        self.delay = delay
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        import asyncio

        if self.delay:
            await asyncio.sleep(self.delay)
        head = (envelope.original_content or envelope.content or b"").split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        with self.lock:
            self.arrivals[found.group(1).decode() if found else ""].append(time.monotonic())
        return "250 OK"

    def received(self) -> dict[str, int]:
        with self.lock:
            return {key: len(times) for key, times in self.arrivals.items()}


class Process:
    """One of HealthMatch's processes, in its own process group so a kill takes its children
    (the worker's pool) with it, as a machine or container loss does."""

    def __init__(self, name: str, argv: list[str], env: dict, logs: Path):
        self.name, self.argv, self.env, self.logs = name, argv, env, logs
        self.process = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"{self.name}.log", "ab")  # noqa: SIM115 (the process's for its life)
        log.write(f"\n=== start {self.starts} at {time.time():.3f}\n".encode())
        log.flush()
        self.process = subprocess.Popen(  # noqa: S603
            self.argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, number: int) -> None:
        if self.alive():
            try:
                os.killpg(self.process.pid, number)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """SIGKILL, the whole group, no goodbye."""
        self.signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(30)

    def stop(self, seconds: float = 20) -> None:
        """SIGTERM, as a supervisor stops it; SIGKILL after ``seconds``."""
        if not self.alive():
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            self.kill()


class Stage:
    def __init__(self, *, keep: bool = False, sink_delay: float = 0.0, settings_env=None):
        self.folder = Path(tempfile.mkdtemp(prefix="healthmatch-drills-"))
        os.chmod(self.folder, 0o755)  # noqa: S103 (PostgreSQL's user must reach its folder)
        self.logs = self.folder / "logs"
        self.logs.mkdir()
        self.keep = keep
        self.postgres = Postgres(self.folder / "pg")
        self.redis = Redis(self.folder / "redis")
        self.sink = Sink(sink_delay)
        self.processes: dict[str, Process] = {}
        self.web_port = free_port()
        self.env = self._environment(settings_env or {})

    def _environment(self, extra: dict) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "PYTEST", "HEALTHMATCH_"))
            and key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DEBUG", "CI"}
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "healthmatch.settings",
                "DEBUG": "0",
                "SECRET_KEY": "drills-" + "x" * 50,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "0",
                "SESSION_COOKIE_SECURE": "0",
                "CSRF_COOKIE_SECURE": "0",
                "HEALTHMATCH_VAR_DIR": str(self.folder / "var"),
                "DATABASE_URL": self.postgres.url,
                "REDIS_URL": self.redis.url,
                "EMAIL_URL": f"smtp://127.0.0.1:{self.sink.port}?timeout=10",
                "MATCHING_SEMANTIC": "0",
                "PYTHONUNBUFFERED": "1",
                "TZ": "UTC",
            }
        )
        env.update({key: str(value) for key, value in extra.items()})
        return env

    # --- lifecycle ----------------------------------------------------------------------------

    def open(self, *, web: bool = False) -> Stage:
        self.postgres.create()
        self.redis.start()
        self.sink.controller.start()
        self.manage("migrate", "--noinput", timeout=600)
        if web:
            self.manage("collectstatic", "--noinput", timeout=300)
        return self

    def close(self) -> None:
        for process in self.processes.values():
            process.stop(10)
        try:
            self.sink.controller.stop()
        except Exception:  # noqa: BLE001,S110 (already stopped)
            pass
        self.redis.stop()
        self.postgres.stop("fast")
        if not self.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- commands and processes ---------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def agent(self, *args: str, timeout: float = 300) -> dict:
        """Run one step of healthmatch/bench/drills/agent.py against the stage; its JSON."""
        done = subprocess.run(  # noqa: S603
            [PYTHON, "-m", "healthmatch.bench.drills.agent", *args], env=self.env, cwd=ROOT,
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"agent {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def add(self, name: str, argv: list[str]) -> Process:
        process = Process(name, argv, self.env, self.logs)
        self.processes[name] = process
        process.start()
        return process

    def worker(self, name: str = "worker", concurrency: int = 2) -> Process:
        return self.add(
            name,
            [str(BIN / "celery"), "-A", "healthmatch", "worker", "--loglevel=INFO",
             f"--concurrency={concurrency}", f"--hostname={name}@drills"],
        )  # fmt: skip

    def beat(self, name: str = "beat") -> Process:
        schedule = self.folder / f"{name}-schedule"
        return self.add(
            name,
            [str(BIN / "celery"), "-A", "healthmatch", "beat", "--loglevel=INFO",
             f"--schedule={schedule}"],
        )  # fmt: skip

    def web(self, workers: int = 2, app: str = "healthmatch.wsgi") -> Process:
        """gunicorn with production's configuration; ``app``: another WSGI module (page_bench's
        adds the bare view to the site)."""
        process = self.add(
            "web",
            [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--bind", f"127.0.0.1:{self.web_port}", "--workers", str(workers),
             "--worker-tmp-dir", str(self.folder), app],
        )  # fmt: skip
        if not wait_for(lambda: self.get("/health/")[0] == 200, 60, 0.25):
            raise RuntimeError("gunicorn did not answer /health/ within 60 s")
        return process

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        """GET a page; (status, body), status 0 when nothing answered."""
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=timeout) as answer:  # noqa: S310
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (OSError, urllib.error.URLError):
            return 0, ""

    def tail(self, name: str, lines: int = 15) -> str:
        path = self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
