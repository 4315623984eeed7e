"""`make run` stops on Ctrl-C: honcho, on the embedded defaults (SQLite, the filesystem broker),
sends SIGTERM to the web server, the worker and beat, and each must exit before honcho's 5
seconds run out and it sends SIGKILL (a killed worker loses the messages it had taken).

Real processes, started from Procfile.dev as `make run` starts them."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

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


@pytest.fixture
def embedded_env(clean_env):
    """Nothing configured (SQLite, the filesystem broker, var/ in a temp folder), as a newcomer
    runs `make run`; the virtualenv's commands on PATH, as the Makefile puts them."""
    return {
        **clean_env,
        "PATH": f"{BIN}{os.pathsep}{clean_env['PATH']}",
        "DEBUG": "1",
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


def test_ctrl_c_stops_web_worker_and_beat_without_sigkill(embedded_env):
    env = {**embedded_env, "HM_PORT": str(free_port())}
    honcho = start([str(BIN / "honcho"), "start", "-f", "Procfile.dev"], env)
    output = Output(honcho)
    try:
        output.wait_for(r"worker\.1 .*celery@\S+ ready\.", r"beat\.1 .*beat: Starting", r"web\.1 ")
        time.sleep(1)  # a moment of idling: beat sends its first tasks, the worker polls
    finally:
        mark = output.mark()
        took = stop(honcho, signal.SIGINT, STOP_BOUND)

    # (Before the signal the worker may fail beat's first tasks: this database has no tables.)
    text = output.since(mark)
    assert "SIGKILL" not in text, text
    assert "Traceback" not in text, text
    for name in ("web", "worker", "beat"):
        assert re.search(rf"{name}\.1 stopped", text), text
    assert honcho.returncode == 130  # honcho's answer to SIGINT once all stopped by themselves
    assert took < STOP_BOUND


def test_sigterm_stops_a_busy_worker_and_puts_its_task_back(embedded_env, tmp_path):
    """Honcho's SIGTERM while a task runs (the demo's first scoring run takes a minute): the
    worker stops it at once and puts its message back in the queue, for the next start."""
    worker = start(
        ["sh", "-c", procfile_command("worker") + " --include tests.celery_nap"], embedded_env
    )
    output = Output(worker)
    try:
        output.wait_for(r"celery@\S+ ready\.")
        send = "from healthmatch.celery import app; app.send_task('tests.celery_nap.nap', [60])"
        subprocess.run(
            [sys.executable, "-c", send], cwd=BASE_DIR, env=embedded_env, check=True, timeout=60
        )
        output.wait_for("napping")
    finally:
        mark = output.mark()
        took = stop(worker, signal.SIGTERM, STOP_BOUND, group=True)  # as honcho does

    text = output.since(mark)
    assert "woke up" not in text
    assert "Traceback" not in text, text
    assert "Restoring 1 unacknowledged message(s)" in text
    queue = tmp_path / "var" / "celery" / "queue"
    [message] = list(queue.glob("*.msg"))
    assert "tests.celery_nap.nap" in message.read_text()
    assert took < 5, text  # within honcho's patience
