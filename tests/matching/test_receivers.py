"""The services send domain events; matching's receivers rescore what was published just after
commit, and retire what was closed, returned or archived. Raw model saves send nothing."""

import contextlib

import pytest
from django.core.management import call_command
from django.urls import reverse
from kombu.exceptions import OperationalError

from companies import services as company_services
from companies import signals as company_signals
from companies.models import Capability
from events.feedback.models import MeetingFollowUp
from matching import receivers
from matching.lifecycle import services
from matching.models import Match
from matching.runs.models import MatchRun
from matching.runs.rescore import rescore
from needs import services as need_services
from needs import signals as need_signals
from needs.models import Need
from tests.admin_forms import change_form_data
from tests.matching.conftest import make_capability, make_need


@contextlib.contextmanager
def received(*events):
    """The events sent inside the block, in order, as (event name, object)."""
    names = {event: name for name, event in vars(need_signals).items() if event in events}
    names |= {event: name for name, event in vars(company_signals).items() if event in events}
    log = []

    def listen(signal, sender, **kwargs):
        log.append((names[signal], kwargs.get("need") or kwargs.get("capability")))

    for event in events:
        event.connect(listen, weak=False)
    try:
        yield log
    finally:
        for event in events:
            event.disconnect(listen)


NEED_EVENTS = (need_signals.need_published, need_signals.need_changed, need_signals.need_withdrawn)
CAPABILITY_EVENTS = (
    company_signals.capability_published,
    company_signals.capability_changed,
    company_signals.capability_archived,
)


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


# --- Each service sends its event; the receivers follow with real tasks (Celery eager) --------


def test_publishing_a_need_sends_need_published_and_rescores_after_commit(
    world, buyer_org, coordinator, django_capture_on_commit_callbacks
):
    need = make_need(
        buyer_org, title="Radar that detects falls at night", status=Need.Status.SUBMITTED
    )

    with django_capture_on_commit_callbacks(execute=True), received(*NEED_EVENTS) as sent:
        need_services.publish_need(need, actor=coordinator)
        assert sent and not MatchRun.objects.exists()  # sent now, scored after the commit

    assert sent == [("need_published", need)]
    assert world.radar.pk in suggested_caps(need)
    assert MatchRun.objects.get().need_ids == [need.pk]


def test_need_services_send_one_event_each(
    world, buyer_org, owner, coordinator, django_capture_on_commit_callbacks
):
    need = make_need(buyer_org, status=Need.Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True), received(*NEED_EVENTS) as sent:
        need_services.update_need(need, actor=owner, data={"title": "Falls at night"}, m2m={})
        need_services.submit_need(need, actor=owner)
        need_services.return_need(need, actor=coordinator, comment="Say more.")
        need_services.submit_need(need, actor=owner)
        need_services.publish_need(need, actor=coordinator)
        need_services.close_need(need, actor=owner)

    assert [name for name, _need in sent] == [
        "need_changed",
        "need_changed",
        "need_withdrawn",
        "need_changed",
        "need_published",
        "need_withdrawn",
    ]
    assert {sent_need.pk for _name, sent_need in sent} == {need.pk}
    assert not suggested_caps(need)  # closed in the end


def test_closing_needs_past_deadline_retires_their_suggestions(
    world, django_capture_on_commit_callbacks
):
    rescore(full=True)
    Need.objects.filter(pk=world.need.pk).update(response_deadline="2020-01-01")

    with django_capture_on_commit_callbacks(execute=True), received(*NEED_EVENTS) as sent:
        assert need_services.close_needs_past_deadline() == 1

    assert sent == [("need_withdrawn", world.need)]
    assert not suggested_caps(world.need)


def test_capability_services_send_one_event_each(
    world, profile, company_member, django_capture_on_commit_callbacks
):
    capability = make_capability(
        profile, title="Night-time fall alarm sensors", status=Capability.Status.DRAFT
    )

    with django_capture_on_commit_callbacks(execute=True), received(*CAPABILITY_EVENTS) as sent:
        company_services.publish_capability(capability, actor=company_member)
        company_services.publish_capability(capability, actor=company_member)  # no change
    assert capability.pk in suggested_caps(world.need)

    with django_capture_on_commit_callbacks(execute=True), received(*CAPABILITY_EVENTS) as later:
        company_services.update_capability(
            capability, actor=company_member, data={"trl": 8}, m2m={}
        )
        company_services.archive_capability(capability, actor=company_member)
        company_services.unarchive_capability(capability, actor=company_member)

    assert [name for name, _cap in sent + later] == [
        "capability_published",
        "capability_changed",
        "capability_archived",
        "capability_changed",
    ]
    assert capability.pk not in suggested_caps(world.need)


def test_editing_a_published_capability_in_the_admin_rescores_it(
    client, world, coordinator, django_capture_on_commit_callbacks
):
    """The admin's change form saves the capability itself and sends capability_changed."""
    Match.objects.all().delete()
    client.force_login(coordinator)
    url = reverse("admin:companies_capability_change", args=[world.radar.pk])
    data = change_form_data(client.get(url))
    data["trl"] = "8"

    with django_capture_on_commit_callbacks(execute=True), received(*CAPABILITY_EVENTS) as sent:
        assert client.post(url, data).status_code == 302

    assert [name for name, _cap in sent] == ["capability_changed"]
    assert world.radar.pk in suggested_caps(world.need)
    assert MatchRun.objects.get().capability_ids == [world.radar.pk]


# --- What sends nothing -------------------------------------------------------------------------


def test_a_raw_model_save_sends_no_event_and_queues_no_rescore(
    world, buyer_org, django_capture_on_commit_callbacks
):
    """The contract is the services: the ORM (the demo seeder, a shell) changes rows quietly;
    the next incremental run picks them up by their updated_at."""
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        received(*NEED_EVENTS, *CAPABILITY_EVENTS) as sent,
    ):
        need = make_need(buyer_org, title="Radar that detects falls at night")
        need.title = "Radar fall detection at night"
        need.save()
        world.radar.status = Capability.Status.ARCHIVED
        world.radar.save()

    assert sent == []
    assert callbacks == []
    assert not MatchRun.objects.exists()
    run = rescore()  # the safety net: the incremental run (here a first full one)
    assert need.pk in set(Match.objects.suggested().values_list("need_id", flat=True))
    assert run.state == MatchRun.State.DONE


def test_seeding_the_demo_sends_bulk_events_and_queues_no_rescore(
    db, django_capture_on_commit_callbacks
):
    """The seeder publishes through the services with bulk=True: no rescore per seeded item;
    `make seed` queues one full run afterwards."""
    flags = []

    def listen(signal, sender, bulk=False, **kwargs):
        flags.append(bulk)

    for event in (*NEED_EVENTS, *CAPABILITY_EVENTS):
        event.connect(listen, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            call_command("seed_demo", "--quiet")
    finally:
        for event in (*NEED_EVENTS, *CAPABILITY_EVENTS):
            event.disconnect(listen)

    assert Need.objects.published().exists() and Capability.objects.published().exists()
    assert len(flags) > 100 and all(flags)
    assert not [cb for cb in callbacks if getattr(cb, "func", None) is receivers._enqueue]
    assert not MatchRun.objects.exists()
    # No scoring ran: the only matches are those the past matchmaking day's follow-ups made
    # (both sides wanted to follow up; events.feedback creates the match at "meeting held").
    followed_up = MeetingFollowUp.objects.values("match")
    assert not Match.objects.exclude(pk__in=followed_up).exists()


def test_a_bulk_publish_is_left_to_the_full_run(
    world, buyer_org, coordinator, django_capture_on_commit_callbacks
):
    need = make_need(
        buyer_org, title="Radar that detects falls at night", status=Need.Status.SUBMITTED
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        need_services.publish_need(need, actor=coordinator, bulk=True)

    assert not [cb for cb in callbacks if getattr(cb, "func", None) is receivers._enqueue]
    assert need.pk not in set(Match.objects.values_list("need_id", flat=True))
    rescore(full=True)
    assert need.pk in set(Match.objects.suggested().values_list("need_id", flat=True))
