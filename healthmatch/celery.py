"""The Celery application. Tasks live in each app's ``tasks.py``."""

import gc
import os

from celery import Celery
from celery.signals import setup_logging, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthmatch.settings")

app = Celery("healthmatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def log_through_django_settings(loglevel=None, **kwargs):
    """The worker and beat log through settings.LOGGING (one format, in UTC, for every process
    of `make run`), not through the handlers and format Celery would set up (a receiver of this
    signal replaces them all), at the level of their --loglevel."""
    import logging
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    if loglevel:
        logging.getLogger().setLevel(loglevel)


@worker_ready.connect
def freeze_startup_objects(**kwargs):
    """What the worker loaded to start (Django, the apps, the matching engine) lives until it
    exits: keep it out of the garbage collector's passes. A stopping worker spent a second and
    more of honcho's five (`make run`) collecting it at exit."""
    gc.freeze()
