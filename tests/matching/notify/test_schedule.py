"""Beat runs the three passes; each task is safe to redeliver and stays within its limits."""

from celery.schedules import crontab
from django.conf import settings

from healthmatch.celery import app
from matching import tasks


def test_beat_runs_the_immediate_pass_often_and_the_digests_in_the_morning():
    schedule = settings.CELERY_BEAT_SCHEDULE
    now = schedule["match-notices-immediately"]
    assert now["task"] == "matching.tasks.send_match_notices"
    assert now["schedule"] == settings.MATCH_NOTICES_EVERY_SECONDS <= 300
    daily = schedule["match-digests-daily"]["schedule"]
    weekly = schedule["match-digests-weekly"]["schedule"]
    assert isinstance(daily, crontab) and daily.hour == {7} and daily.minute == {0}
    assert isinstance(weekly, crontab) and weekly.day_of_week == {1} and weekly.hour == {7}
    for entry in ("match-notices-immediately", "match-digests-daily", "match-digests-weekly"):
        assert schedule[entry]["task"] in app.tasks


def test_the_tasks_are_redelivered_after_a_crash_and_end_before_the_broker_gives_up():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    for task in (
        tasks.send_match_notices,
        tasks.send_daily_match_digests,
        tasks.send_weekly_match_digests,
    ):
        assert task.acks_late
        assert task.soft_time_limit < task.time_limit < visibility
