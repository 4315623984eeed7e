"""Publishing rescores just that item after commit; closing, returning, archiving retire."""

import pytest
from kombu.exceptions import OperationalError

from companies import services as company_services
from companies.models import Capability
from matching import services
from matching.models import Match
from matching.runs.models import MatchRun
from matching.runs.rescore import rescore
from needs import services as need_services
from needs.models import Need
from tests.matching.conftest import make_capability, make_need


def suggested_caps(need):
    return set(Match.objects.suggested().filter(need=need).values_list("capability_id", flat=True))


def test_freshly_published_need_gets_matches(
    world, buyer_org, coordinator, django_capture_on_commit_callbacks
):
    need = make_need(
        buyer_org, title="Radar that detects falls at night", status=Need.Status.SUBMITTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        need_services.publish_need(need, actor=coordinator)

    assert world.radar.pk in suggested_caps(need)
    run = MatchRun.objects.get()
    assert (run.kind, run.state, run.need_ids) == ("item", "done", [need.pk])


def test_nothing_is_scored_before_the_commit(world, buyer_org, coordinator):
    need = make_need(buyer_org, status=Need.Status.SUBMITTED)

    need_services.publish_need(need, actor=coordinator)  # the test's transaction never commits

    assert not Match.objects.exists()


def test_freshly_published_capability_gets_matches(
    world, profile, company_member, django_capture_on_commit_callbacks
):
    capability = make_capability(
        profile, title="Night-time fall alarm sensors", status=Capability.Status.DRAFT
    )

    with django_capture_on_commit_callbacks(execute=True):
        company_services.publish_capability(capability, actor=company_member)

    assert capability.pk in suggested_caps(world.need)


def test_closing_a_need_retires_its_suggestions(world, owner, django_capture_on_commit_callbacks):
    rescore(full=True)
    assert suggested_caps(world.need)

    with django_capture_on_commit_callbacks(execute=True):
        need_services.close_need(world.need, actor=owner)

    assert not suggested_caps(world.need)


def test_returning_a_need_retires_its_suggestions(
    world, coordinator, django_capture_on_commit_callbacks
):
    rescore(full=True)

    with django_capture_on_commit_callbacks(execute=True):
        need_services.return_need(world.need, actor=coordinator, comment="Say more.")

    assert not suggested_caps(world.need)


def test_archiving_a_capability_retires_its_suggestions_but_not_dismissals(
    world, company_member, owner, django_capture_on_commit_callbacks
):
    rescore(full=True)
    dismissed = Match.objects.get(need=world.need, capability=world.radar)
    services.dismiss(dismissed, by=owner)

    with django_capture_on_commit_callbacks(execute=True):
        company_services.archive_capability(world.radar, actor=company_member)
        company_services.archive_capability(world.mats, actor=company_member)

    assert not Match.objects.suggested().filter(capability__in=[world.radar, world.mats])
    dismissed.refresh_from_db()
    assert dismissed.status == Match.Status.DISMISSED_BY_BUYER


def test_a_broker_outage_does_not_break_publishing(
    world, buyer_org, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    from matching import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.rescore_need, "delay", broker_down)
    need = make_need(buyer_org, status=Need.Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        need_services.publish_need(need, actor=coordinator)

    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED
    assert not Match.objects.exists()  # the next incremental run picks it up


@pytest.mark.parametrize("status", [Need.Status.DRAFT, Need.Status.SUBMITTED])
def test_unpublished_needs_are_not_scored(
    world, buyer_org, status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_need(buyer_org, status=status)

    assert not MatchRun.objects.exists()


def test_seed_demo_queues_no_rescore_per_item(db, django_capture_on_commit_callbacks):
    """Bulk loading pauses the per-item rescore hooks; make seed queues one full run instead."""
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("seed_demo", "--quiet")
    from matching import signals

    queued = [cb for cb in callbacks if getattr(cb, "func", None) is signals._enqueue]
    assert queued == []
    assert Match.objects.count() == 0
