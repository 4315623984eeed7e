"""A task that takes its time, for the shutdown tests (tests/test_make_run_shutdown.py): the
worker under test imports it with ``--include tests.celery_nap``. Not a test module."""

import time

from healthmatch.celery import app


@app.task(name="tests.celery_nap.nap", acks_late=True)
def nap(seconds: float):
    print("napping", flush=True)
    time.sleep(seconds)
    print("woke up", flush=True)
