import pytest

from needs import services, tasks
from needs.models import Need, NeedStatusChange
from tests import factories as f
from tests.needs.conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(buyer_org):
    return f.NeedFactory(organisation=buyer_org, published=True, response_deadline=in_days(-1))


def test_close_needs_past_deadline_closes_only_overdue_published(buyer_org, overdue):
    today = f.NeedFactory(organisation=buyer_org, published=True, response_deadline=in_days(0))
    open_ended = f.NeedFactory(organisation=buyer_org, published=True, response_deadline=None)
    draft = f.NeedFactory(organisation=buyer_org, response_deadline=in_days(-5))

    assert services.close_needs_past_deadline() == 1

    overdue.refresh_from_db()
    assert overdue.status == Need.Status.CLOSED
    change = NeedStatusChange.objects.get(need=overdue, to_status="closed")
    assert change.actor is None
    assert change.from_status == "published"
    for need in (today, open_ended, draft):
        need.refresh_from_db()
    assert today.status == open_ended.status == Need.Status.PUBLISHED
    assert draft.status == Need.Status.DRAFT


def test_close_needs_past_deadline_is_idempotent(overdue):
    assert services.close_needs_past_deadline() == 1
    assert services.close_needs_past_deadline() == 0
    assert NeedStatusChange.objects.filter(need=overdue, to_status="closed").count() == 1


def test_close_needs_past_deadline_accepts_a_date(overdue):
    assert services.close_needs_past_deadline(today=in_days(-3)) == 0
    assert services.close_needs_past_deadline(today=in_days(1)) == 1


def test_close_needs_past_deadline_task(overdue):
    assert tasks.close_needs_past_deadline.name == "needs.tasks.close_needs_past_deadline"
    assert tasks.close_needs_past_deadline.delay().get() == 1
    overdue.refresh_from_db()
    assert overdue.status == Need.Status.CLOSED


def test_beat_schedule_points_at_the_task(settings):
    tasks_in_schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.close_needs_past_deadline.name in tasks_in_schedule
