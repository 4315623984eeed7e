"""Two passes at once (two workers, or beat firing while a slow pass runs) write one email per
person and one notice per match: the preference row is the per-person lock. PostgreSQL only
(SQLite serialises every writer anyway)."""

import threading

import pytest
from django.db import connection

from healthmatch.mail.models import OutboxMessage
from matching.notify.emails import announce
from matching.notify.models import MatchNotice, NotificationPreference
from matching.notify.selection import pending
from tests import factories as f
from tests.matching.notify.conftest import make_match, published_capability

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(frequency, passes=4):
    barrier = threading.Barrier(passes)
    results, errors = [], []

    def work():
        from django.db import connection as own

        try:
            barrier.wait()
            results.append(announce(frequency))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=work) for _ in range(passes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.parametrize("frequency", ["daily", "immediately"])
def test_passes_at_once_write_each_email_once(world, frequency, owner, member, hub):
    for user in (owner, member):
        NotificationPreference.objects.update_or_create(
            user=user, defaults={"frequency": frequency}
        )
    for n in range(6):
        org = f.OrganisationFactory(company=True, name=f"Vendor {n}", hub=hub)
        capability = published_capability(f.CompanyProfileFactory(organisation=org))
        make_match(world.need, capability, 0.6 + n / 20)

    expected = pending(frequency)
    assert len(expected[owner.pk]) >= 6

    results, errors = run_at_once(frequency)

    assert errors == []
    assert sum(r["failed"] for r in results) == 0
    assert sum(r["emails"] for r in results) == len(expected)  # one email per person
    for user_id, items in expected.items():
        assert OutboxMessage.objects.filter(user_id=user_id).count() == 1
        notices = MatchNotice.objects.filter(user_id=user_id)
        assert set(notices.values_list("match_id", flat=True)) == {p.match_id for p in items}
