#!/usr/bin/env python
"""Django's command-line utility for HealthMatch."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthmatch.settings")
    # A checkout with no SECRET_KEY is a developer's machine: manage.py runs in DEBUG there.
    # Production always sets SECRET_KEY (and DEBUG=0); gunicorn and Celery get no such default,
    # so they refuse to start without a SECRET_KEY.
    if not (os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE")):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
