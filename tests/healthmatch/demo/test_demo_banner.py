from io import StringIO

import pytest
from django.core.management import call_command

from healthmatch.demo.data import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def banner(*args):
    out = StringIO()
    call_command("demo_banner", *args, stdout=out)
    return out.getvalue()


def test_demo_banner_shows_url_logins_mail_and_stop(seeded, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    text = banner("--url", "http://127.0.0.1:8123/")
    assert "http://127.0.0.1:8123/" in text
    assert "http://127.0.0.1:8123/accounts/login/" in text
    for item in DEMO_LOGINS:
        assert item["email"] in text
        assert item["role"] in text
    assert DEMO_PASSWORD in text
    assert str(tmp_path / "mail") in text
    assert "Ctrl-C" in text
    assert "seed_demo" not in text


def test_demo_banner_adds_slash_to_url(seeded):
    assert "http://localhost:9000/admin/" in banner("--url", "http://localhost:9000")


def test_demo_banner_names_smtp_server(seeded, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "mail.example.org"
    settings.EMAIL_PORT = 587
    assert "mail.example.org:587" in banner()


def test_demo_banner_without_seed_says_to_seed(db):
    text = banner("--url", "http://127.0.0.1:8000/")
    assert "run `manage.py seed_demo`" in text
