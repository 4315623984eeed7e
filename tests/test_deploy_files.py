"""The container's start-up path, run here without Docker: entrypoint -> migrate -> gunicorn with
deploy/gunicorn.conf.py -> the compose healthcheck against /health/."""

import os
import secrets
import sqlite3
import subprocess
import sys
import time
import urllib.request

from tests.real_services import BASE_DIR, free_port


def _healthcheck(port: int) -> int:
    """What docker-compose.yml's web healthcheck runs (X-Forwarded-Proto: the TLS proxy)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/health/", headers={"X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.status


def test_entrypoint_migrates_then_gunicorn_serves_health(clean_env, tmp_path):
    port = free_port()
    env = {
        **clean_env,
        "PATH": f"{os.path.dirname(sys.executable)}:{clean_env['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_MIGRATE": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 (as the image does)
    command = ["deploy/entrypoint.sh", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    log_path = tmp_path / "web.log"
    with open(log_path, "w") as log:
        web = subprocess.Popen(  # noqa: S603
            [*command, "healthmatch.wsgi"], cwd=BASE_DIR, env=env, stdout=log, stderr=log
        )
        try:
            status, deadline = None, time.monotonic() + 90
            while status is None and time.monotonic() < deadline and web.poll() is None:
                try:
                    status = _healthcheck(port)
                except OSError:
                    time.sleep(0.3)
        finally:
            web.terminate()
            web.wait(timeout=30)

    assert status == 200, log_path.read_text()
    output = log_path.read_text()
    assert "entrypoint: applying database migrations" in output
    db = sqlite3.connect(tmp_path / "var" / "db.sqlite3")
    applied = {app for (app,) in db.execute("SELECT DISTINCT app FROM django_migrations")}
    assert {"accounts", "needs", "companies"} <= applied


def test_entrypoint_without_migrate_flag_just_runs_the_command(clean_env):
    result = subprocess.run(
        ["deploy/entrypoint.sh", "echo", "worker starting"],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0
    assert result.stdout == "worker starting\n"


def test_gunicorn_without_collected_static_files_fails_at_start_up(clean_env, tmp_path):
    """Not an error 500 on every page later: the server does not start, and says what to run."""
    env = {
        **clean_env,
        "PATH": f"{os.path.dirname(sys.executable)}:{clean_env['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "1",
    }
    result = subprocess.run(  # noqa: S603
        ["gunicorn", "-c", "deploy/gunicorn.conf.py", "healthmatch.wsgi"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "No collected static files" in result.stderr
    assert "collectstatic --noinput" in result.stderr
