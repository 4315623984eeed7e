"""manage.py rematch [--full]: the same service, synchronously, with progress."""

import io

import pytest
from django.core.management import CommandError, call_command

from matching.models import Match
from matching.runs import records
from matching.runs.models import MatchRun


def rematch(*args):
    out = io.StringIO()
    call_command("rematch", *args, stdout=out)
    return out.getvalue()


def test_rematch_full_shows_progress_and_a_summary(world):
    output = rematch("--full")

    assert "Full rescore…" in output
    assert "Scoring 1 needs against 4 capabilities…" in output
    assert "needs 1/1:" in output
    assert "Pruning to the top matches" in output
    run = MatchRun.objects.get()
    assert f"Run {run.pk} (full) done in" in output
    assert f"1 needs, 4 capabilities, {run.matches} matches written, 0 retired." in output
    assert run.matches >= Match.objects.count() > 0
    assert Match.objects.suggested().filter(need=world.need).exists()


def test_rematch_incremental_after_a_full_run(world):
    rematch("--full")

    output = rematch()

    assert "Incremental rescore…" in output
    assert "changed need(s)" in output
    assert MatchRun.objects.order_by("-pk").first().kind == MatchRun.Kind.INCREMENTAL


def test_rematch_incremental_without_history_runs_full(world):
    output = rematch()

    assert "running a full one" in output
    assert MatchRun.objects.get().kind == MatchRun.Kind.FULL


def test_rematch_refuses_while_another_run_is_in_progress(world):
    records.claim_run(MatchRun.Kind.FULL)

    with pytest.raises(CommandError, match="Another matching run is in progress"):
        rematch("--full")
