"""The run lock, stale runs, a worker killed mid-run, an error mid-run, concurrent runs."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from matching.models import Match
from matching.runs import records
from matching.runs.models import MatchRun
from matching.runs.rescore import chunk_key, rescore, rescore_need, run_chunk
from tests.matching.conftest import make_need

Kind, State = MatchRun.Kind, MatchRun.State


def pairs():
    return {
        (m.need_id, m.capability_id): (m.status, round(m.score, 6)) for m in Match.objects.all()
    }


def make_stale(run):
    old = timezone.now() - datetime.timedelta(hours=1)
    MatchRun.objects.filter(pk=run.pk).update(heartbeat_at=old)


@pytest.fixture
def needs(world, buyer_org):
    """Four published needs (the world's and three more), in id order."""
    extra = [make_need(buyer_org, title=f"Fall sensors for ward {i}") for i in range(3)]
    return [world.need, *extra]


def test_claim_run_refuses_while_another_runs(db):
    first = records.claim_run(Kind.FULL)

    assert first is not None
    assert records.claim_run(Kind.INCREMENTAL) is None
    assert records.claim_run(Kind.ITEM, need_ids=[1]) is None
    assert rescore() is None
    assert rescore_need(1) is None


def test_only_one_running_run_can_exist(db):
    MatchRun.objects.create(kind=Kind.FULL)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchRun.objects.create(kind=Kind.INCREMENTAL)


def test_finished_runs_release_the_lock(db):
    run = records.claim_run(Kind.FULL)
    records.finish_run(run)

    assert records.claim_run(Kind.FULL) is not None


def test_stale_run_is_taken_over(db):
    stale = records.claim_run(Kind.INCREMENTAL)
    make_stale(stale)

    fresh = records.claim_run(Kind.INCREMENTAL)

    stale.refresh_from_db()
    assert fresh is not None and fresh.pk != stale.pk
    assert stale.state == State.FAILED
    assert "Abandoned" in stale.error
    with pytest.raises(records.RunAborted):
        records.heartbeat(stale)


def test_worker_killed_mid_run_leaves_whole_chunks_and_the_next_run_completes(needs, settings):
    # The distributed full run, driven by hand: claim, split, then only the first chunk runs
    # before the worker "dies" (nothing else happens: no finish, no failure recorded).
    settings.MATCHING_CHUNK_NEEDS = 2
    chunks = []
    run = rescore(full=True, dispatch=lambda run, c: chunks.extend(c))
    assert run.state == State.RUNNING
    assert [side for side, *_ in chunks] == ["needs", "needs"]
    run_chunk(run.pk, *chunks[0])

    first_chunk = {n.pk for n in needs[:2]}
    assert Match.objects.exists()
    assert set(Match.objects.values_list("need_id", flat=True)) <= first_chunk
    assert set(Match.objects.values_list("status", flat=True)) == {"suggested"}
    run.refresh_from_db()
    assert run.state == State.RUNNING and run.chunks_done == [chunk_key(*chunks[0])]
    assert rescore() is None  # still looks alive

    make_stale(run)
    nxt = rescore()

    run.refresh_from_db()
    assert run.state == State.FAILED
    assert nxt.kind == Kind.FULL and nxt.state == State.DONE
    assert set(Match.objects.values_list("need_id", flat=True)) == {n.pk for n in needs}
    recovered = pairs()
    rescore(full=True)
    assert pairs() == recovered  # the same as a clean full run


def test_a_late_chunk_of_a_taken_over_run_writes_nothing(needs, settings):
    settings.MATCHING_CHUNK_NEEDS = 2
    chunks = []
    run = rescore(full=True, dispatch=lambda run, c: chunks.extend(c))
    make_stale(run)
    rescore(full=True)
    after = pairs()

    assert run_chunk(run.pk, *chunks[1]) is False
    assert pairs() == after


def test_chunk_done_twice_counts_once(needs, settings):
    settings.MATCHING_CHUNK_NEEDS = 2
    chunks = []
    run = rescore(full=True, dispatch=lambda run, c: chunks.extend(c))
    keys = [chunk_key(*chunk) for chunk in chunks]

    assert records.mark_chunk_done(run, keys[0]) is False
    assert records.mark_chunk_done(run, keys[0]) is False
    assert records.mark_chunk_done(run, keys[1]) is True


def test_error_mid_run_fails_the_run_and_the_next_run_completes(needs, settings):
    settings.MATCHING_ENGINE_CHUNK = 1  # one need per batch: several transactions

    def crash_after_first_batch(message):
        if "needs 1/" in message:
            raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError):
        rescore(full=True, progress=crash_after_first_batch)

    failed = MatchRun.objects.get()
    assert failed.state == State.FAILED and "worker lost" in failed.error
    assert set(Match.objects.values_list("need_id", flat=True)) == {needs[0].pk}

    nxt = rescore()  # incremental, but the failed full run is owed

    assert nxt.kind == Kind.FULL and nxt.state == State.DONE
    assert set(Match.objects.values_list("need_id", flat=True)) == {n.pk for n in needs}


def test_process_killed_mid_run_keeps_the_run_running_until_stale(needs, settings):
    settings.MATCHING_ENGINE_CHUNK = 1

    def killed(message):
        if "needs 2/" in message:
            raise SystemExit("SIGTERM")

    with pytest.raises(SystemExit):
        rescore(full=True, progress=killed)

    run = MatchRun.objects.get()
    assert run.state == State.RUNNING
    assert rescore() is None
    make_stale(run)
    assert rescore().state == State.DONE


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"
)


def in_thread(func, *args, **kwargs):
    """Run ``func`` in a thread with its own database connection; returns (thread, result)."""
    result = {}

    def target():
        try:
            result["value"] = func(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    return thread, result


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_second_run_started_during_a_run_does_nothing(world):
    claimed, second_done = threading.Event(), threading.Event()
    before = MatchRun.objects.count()  # publishing the world's items ran item runs already

    def hold(message):
        if not claimed.is_set():
            claimed.set()
            second_done.wait(30)

    first, first_result = in_thread(rescore, full=True, progress=hold)
    assert claimed.wait(30)
    second, second_result = in_thread(rescore, full=True)
    second.join(30)
    second_done.set()
    first.join(60)

    assert second_result == {"value": None}
    assert first_result["value"].state == State.DONE
    assert MatchRun.objects.count() == before + 1
    assert Match.objects.suggested().exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_claims_racing_at_the_same_moment_give_one_run(db):
    for _ in range(10):
        barrier = threading.Barrier(2)

        def claim(barrier=barrier):
            barrier.wait(10)
            return records.claim_run(Kind.INCREMENTAL)

        started = [in_thread(claim) for _ in range(2)]
        for thread, _ in started:
            thread.join(30)
        claimed = [result.get("value") for _, result in started]
        assert all("error" not in result for _, result in started)
        assert len([run for run in claimed if run is not None]) == 1
        records.finish_run(next(run for run in claimed if run is not None))
    assert MatchRun.objects.filter(state=State.DONE).count() == 10


def test_old_runs_are_forgotten_after_a_full_run(world):
    old = timezone.now() - datetime.timedelta(days=40)
    for kind in (Kind.FULL, Kind.INCREMENTAL, Kind.ITEM, Kind.ITEM):
        run = records.claim_run(kind)
        records.finish_run(run)
    MatchRun.objects.update(started_at=old)

    latest = rescore(full=True)

    kept = set(MatchRun.objects.values_list("kind", flat=True))
    assert MatchRun.objects.count() == 2  # this run, and the last incremental (the watermark)
    assert kept == {Kind.FULL, Kind.INCREMENTAL}
    assert MatchRun.objects.filter(pk=latest.pk).exists()
