"""Fifty people registering at once for the last ten seats: exactly ten confirmed, forty on the
waiting list in a strict order, never more than the capacity. Real concurrent transactions need
PostgreSQL; on SQLite this is skipped, except under CI=true (a CI on SQLite fails here)."""

import os
import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests import factories as f

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true",
    reason="concurrent transactions need PostgreSQL",
)

PEOPLE = 50
SEATS_LEFT = 10


def _race(funcs):
    """Run every function at once, each in a thread with its own connection."""
    barrier = threading.Barrier(len(funcs))
    results = [None] * len(funcs)

    def target(i):
        try:
            barrier.wait(30)
            results[i] = funcs[i]()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(len(funcs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_the_last_ten_seats(hub):
    org = f.OrganisationFactory(hub=hub)
    event = f.EventFactory(hub=hub, capacity=20)
    for _ in range(20 - SEATS_LEFT):
        f.RegistrationFactory(event=event, organisation=org)
    people = [f.MembershipFactory(organisation=org).user for _ in range(PEOPLE)]

    results = _race(
        [lambda person=person: services.register(event, person, org) for person in people]
    )

    assert all(isinstance(r, Registration) for r in results), results
    fresh = Registration.objects.filter(user__in=people)
    assert fresh.filter(status=Registration.Status.CONFIRMED).count() == SEATS_LEFT
    assert fresh.filter(status=Registration.Status.WAITLISTED).count() == PEOPLE - SEATS_LEFT
    assert event.registrations.confirmed().count() == 20
    positions = sorted(
        services.waitlist_position(r) for r in fresh.filter(status=Registration.Status.WAITLISTED)
    )
    assert positions == list(range(1, PEOPLE - SEATS_LEFT + 1))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_cancellations_racing_registrations_never_overfill(hub):
    org = f.OrganisationFactory(hub=hub)
    event = f.EventFactory(hub=hub, capacity=10)
    seated = [f.RegistrationFactory(event=event, organisation=org) for _ in range(10)]
    for registration in seated:
        f.MembershipFactory(user=registration.user, organisation=org)
    newcomers = [f.MembershipFactory(organisation=org).user for _ in range(20)]

    funcs = [lambda r=r: services.cancel_registration(r, actor=r.user) for r in seated[:5]] + [
        lambda p=p: services.register(event, p, org) for p in newcomers
    ]
    results = _race(funcs)

    assert not any(isinstance(r, BaseException) for r in results), results
    assert event.registrations.confirmed().count() == 10
    assert event.registrations.waitlisted().count() == 15
