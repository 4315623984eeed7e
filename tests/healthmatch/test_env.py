"""healthmatch.env: typed settings from the environment, secrets from NAME_FILE."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from healthmatch.env import email_config, env_bool, env_int, env_list, env_str

BASE = Path("/srv/healthmatch")
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def secret_file(tmp_path):
    def write(text):
        path = tmp_path / "secret"
        path.write_text(text)
        return str(path)

    return write


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("off", False)],
)
def test_env_bool_parses_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("HM_FLAG", raw)
    assert env_bool("HM_FLAG") is expected


def test_env_bool_unset_gives_default(monkeypatch):
    monkeypatch.delenv("HM_FLAG", raising=False)
    assert env_bool("HM_FLAG", True) is True
    assert env_bool("HM_FLAG") is False


def test_env_bool_garbage_is_improperly_configured(monkeypatch):
    monkeypatch.setenv("HM_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="HM_FLAG must be a boolean"):
        env_bool("HM_FLAG")


def test_env_bool_reads_name_file(monkeypatch, secret_file):
    monkeypatch.setenv("HM_FLAG", "0")
    monkeypatch.setenv("HM_FLAG_FILE", secret_file("true\n"))
    assert env_bool("HM_FLAG") is True


def test_env_int_parses_and_defaults(monkeypatch):
    monkeypatch.setenv("HM_NUMBER", "42")
    assert env_int("HM_NUMBER", 7) == 42
    monkeypatch.setenv("HM_NUMBER", "  ")
    assert env_int("HM_NUMBER", 7) == 7
    monkeypatch.delenv("HM_NUMBER")
    assert env_int("HM_NUMBER", 7) == 7


def test_env_int_garbage_is_improperly_configured(monkeypatch):
    monkeypatch.setenv("HM_NUMBER", "forty-two")
    with pytest.raises(ImproperlyConfigured, match="HM_NUMBER must be an integer"):
        env_int("HM_NUMBER", 7)


def test_env_int_reads_name_file(monkeypatch, secret_file):
    monkeypatch.setenv("HM_NUMBER_FILE", secret_file("8080\n"))
    assert env_int("HM_NUMBER", 7) == 8080


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HM_HOSTS", " a.example , b.example,, ")
    assert env_list("HM_HOSTS") == ["a.example", "b.example"]


def test_env_list_unset_gives_copy_of_default(monkeypatch):
    monkeypatch.delenv("HM_HOSTS", raising=False)
    default = ["localhost"]
    result = env_list("HM_HOSTS", default)
    assert result == ["localhost"]
    assert result is not default
    assert env_list("HM_HOSTS") == []


def test_env_list_reads_name_file(monkeypatch, secret_file):
    monkeypatch.setenv("HM_HOSTS_FILE", secret_file("x.example,y.example\n"))
    assert env_list("HM_HOSTS") == ["x.example", "y.example"]


def test_env_str_name_file_wins_and_is_stripped(monkeypatch, secret_file):
    monkeypatch.setenv("HM_SECRET", "from-variable")
    monkeypatch.setenv("HM_SECRET_FILE", secret_file("  from-file\n"))
    assert env_str("HM_SECRET") == "from-file"


def test_email_config_smtp_with_credentials():
    config = email_config("smtp://mailer%40example.org:p%40ss@mail.example.org:2525", BASE)
    assert config == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 10,
    }


@pytest.mark.parametrize(
    ("url", "port", "tls", "ssl"),
    [
        ("smtp://mailpit", 25, False, False),
        ("smtp+tls://mail.example.org", 587, True, False),
        ("smtps://mail.example.org", 465, False, True),
        ("SMTPS://mail.example.org:10465", 10465, False, True),
    ],
)
def test_email_config_smtp_schemes_default_ports_and_tls(url, port, tls, ssl):
    config = email_config(url, BASE)
    assert config["EMAIL_BACKEND"] == SMTP
    assert (config["EMAIL_PORT"], config["EMAIL_USE_TLS"], config["EMAIL_USE_SSL"]) == (
        port,
        tls,
        ssl,
    )
    assert config["EMAIL_HOST_USER"] == config["EMAIL_HOST_PASSWORD"] == ""


def test_email_config_smtp_timeout_from_query():
    assert email_config("smtp://mailpit:1025?timeout=3", BASE)["EMAIL_TIMEOUT"] == 3


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", "django.core.mail.backends.console.EmailBackend"),
        ("locmem://", "django.core.mail.backends.locmem.EmailBackend"),
        ("dummy://", "django.core.mail.backends.dummy.EmailBackend"),
    ],
)
def test_email_config_simple_backends(url, backend):
    assert email_config(url, BASE) == {"EMAIL_BACKEND": backend}


def test_email_config_file_absolute_path():
    assert email_config("file:///var/spool/healthmatch-mail", BASE) == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/spool/healthmatch-mail",
    }


def test_email_config_file_relative_path_is_under_base_dir():
    config = email_config("file://var/mail", BASE)
    assert config["EMAIL_FILE_PATH"] == str(BASE / "var" / "mail")


def test_email_config_unknown_scheme_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match="'sendmail' is not supported"):
        email_config("sendmail://localhost", BASE)
