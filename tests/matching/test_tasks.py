"""The Celery side: beat entries, thin tasks over the services, chunks spread as a group."""

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.conf import settings as django_settings

from healthmatch.celery import app
from matching import tasks
from matching.models import Match
from matching.runs import records
from matching.runs.models import MatchRun
from tests.matching.conftest import make_need


def test_beat_runs_incremental_every_five_minutes_and_full_nightly():
    schedule = {
        entry["task"]: entry["schedule"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()
    }

    assert schedule["matching.tasks.rescore_incremental"] == 300
    nightly = schedule["matching.tasks.rescore_full"]
    assert isinstance(nightly, crontab)
    assert nightly.hour == {2} and nightly.minute == {30}
    for name in (
        "matching.tasks.rescore_incremental",
        "matching.tasks.rescore_full",
        "matching.tasks.rescore_chunk",
        "matching.tasks.rescore_need",
        "matching.tasks.rescore_capability",
    ):
        assert name in app.tasks


def test_rescore_incremental_task_runs(world):
    tasks.rescore_incremental.delay()

    assert MatchRun.objects.get().state == MatchRun.State.DONE
    assert Match.objects.suggested().filter(need=world.need).exists()


def test_rescore_full_task_spreads_chunks_over_a_group(world, buyer_org, settings):
    for i in range(4):
        make_need(buyer_org, title=f"Fall sensors for ward {i}")
    settings.MATCHING_CHUNK_NEEDS = 2

    tasks.rescore_full.delay()

    run = MatchRun.objects.get()
    assert run.state == MatchRun.State.DONE
    assert run.chunks_total == 3 and len(run.chunks_done) == 3  # id ranges of needs
    assert run.needs == 5
    assert Match.objects.suggested().values("need").distinct().count() == 5


def test_rescore_need_task_retries_while_another_run_holds_the_lock(world):
    records.claim_run(MatchRun.Kind.FULL)

    with pytest.raises(Retry):  # eager mode raises what a worker would schedule
        tasks.rescore_need.delay(world.need.pk)
    with pytest.raises(Retry):
        tasks.rescore_capability.delay(world.radar.pk)

    assert not Match.objects.exists()


def test_rescore_need_and_capability_tasks(world):
    tasks.rescore_need.delay(world.need.pk)
    tasks.rescore_capability.delay(world.rival.pk)

    assert Match.objects.filter(need=world.need, capability=world.radar).exists()
    assert MatchRun.objects.filter(kind="item", state="done").count() == 2


def test_rescore_chunk_of_a_finished_run_does_nothing(world):
    run = records.claim_run(MatchRun.Kind.FULL)
    records.finish_run(run)

    tasks.rescore_chunk.delay(run.pk, "needs", world.need.pk, world.need.pk)

    assert not Match.objects.exists()
