"""Two workers claiming at the same moment never get the same row (PostgreSQL: FOR UPDATE SKIP
LOCKED plus the conditional UPDATE)."""

import threading

import pytest
from django.db import connection, connections

from healthmatch.mail import services
from healthmatch.mail.models import OutboxMessage
from healthmatch.mail.sending import claim_due


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_are_disjoint():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers at BEGIN)")
    OutboxMessage.objects.bulk_create(  # written directly: no kick, nobody sends them
        OutboxMessage(
            key=f"c:{n}",
            kind="test",
            to_email=f"p{n}@example.org",
            language="en",
            from_email="x@example.org",
            subject="s",
            text="t",
            message_id=services.message_id_for(f"c:{n}"),
        )
        for n in range(60)
    )
    barrier = threading.Barrier(4)
    claims = []

    def worker():
        try:
            barrier.wait()
            for _ in range(10):
                _token, rows = claim_due(4)
                claims.extend(r.pk for r in rows)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(claims) == len(set(claims)) == 60
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
