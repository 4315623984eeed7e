"""Production settings, loaded the way a server loads them: in a fresh process, clean env."""

import secrets
import subprocess
import sys

from tests.real_services import BASE_DIR

SETUP = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_settings_without_secret_key_refuse_to_start(clean_env):
    result = _run(["-c", SETUP], {**clean_env, "DEBUG": "0"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_settings_with_secret_key_from_file_start(clean_env, tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")

    result = _run(["-c", SETUP], {**clean_env, "DEBUG": "0", "SECRET_KEY_FILE": str(key_file)})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_settings_debug_runs_without_secret_key(clean_env):
    result = _run(["-c", SETUP], {**clean_env, "DEBUG": "1"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_check_deploy_passes_with_production_env(clean_env):
    env = {
        **clean_env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "healthmatch.example.org",
    }

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_https_is_switched_off(clean_env):
    """The check is real: the plain-HTTP switches of docker-compose.yml are reported."""
    env = {
        **clean_env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    for check_id in ("security.W008", "security.W012", "security.W016"):
        assert check_id in output


def test_wsgi_without_secret_key_or_debug_refuses_to_start(clean_env):
    result = _run(["-c", "import healthmatch.wsgi"], clean_env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_manage_py_on_a_machine_without_secret_key_runs_in_debug(clean_env):
    result = _run(
        ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        clean_env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


def test_manage_py_with_a_secret_key_runs_in_production_mode(clean_env):
    env = {**clean_env, "SECRET_KEY": secrets.token_urlsafe(50)}
    result = _run(
        ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"], env
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
