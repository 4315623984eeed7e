"""One beat at a time (healthmatch/beat.py): the lock in the cache decides who sends."""

import time

import pytest
from django.core.cache import cache

from healthmatch.accounts.tasks import HEARTBEAT_KEY
from healthmatch.beat import LOCK_KEY, SingleBeatScheduler
from healthmatch.celery import app

EVERY_SECOND = {
    "heartbeat": {"task": "healthmatch.accounts.tasks.record_heartbeat", "schedule": 0.01}
}


@pytest.fixture
def beats(tmp_path):
    cache.delete(LOCK_KEY)
    cache.delete(HEARTBEAT_KEY)
    made = [
        SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / name))
        for name in ("first", "second")
    ]
    for beat in made:
        beat.update_from_dict(EVERY_SECOND)
    yield made
    for beat in made:
        if beat.leading is not None:
            beat.close()
    cache.delete(LOCK_KEY)


def test_the_first_beat_takes_the_lock_and_the_second_stands_by(beats):
    first, second = beats

    assert first.lead() is True
    assert second.lead() is False
    assert first.lead() is True  # renewing
    assert cache.get(LOCK_KEY) == first.holder


def test_a_standing_by_beat_sends_nothing(beats):
    first, second = beats
    first.lead()

    second.tick()
    time.sleep(0.05)
    second.tick()

    assert cache.get(HEARTBEAT_KEY) is None
    assert second.schedule["heartbeat"].total_run_count == 0


def test_the_beat_holding_the_lock_sends_its_due_tasks(beats, settings):
    first, _second = beats

    first.tick()  # the first tick orders the entries; the next one sends what is due
    time.sleep(0.05)
    wait = first.tick()

    # The task ran (eagerly in the suite): its entry counted one run and the heartbeat is set.
    assert first.schedule["heartbeat"].total_run_count == 1
    assert cache.get(HEARTBEAT_KEY)
    assert wait <= settings.BEAT_LOCK_SECONDS / 3  # back before the lock could expire


def test_a_stopping_beat_hands_the_lock_over(beats):
    first, second = beats
    first.lead()

    first.close()

    assert cache.get(LOCK_KEY) is None
    assert second.lead() is True


def test_an_expired_lock_is_taken_over(beats):
    first, second = beats
    first.lead()
    cache.delete(LOCK_KEY)  # what its timeout does when the holder stops renewing it

    assert second.lead() is True
    assert first.lead() is False
