"""Loading the demo sends no email and no webhook.

The seeder creates, submits, publishes and decides through the same services as the pages, and
those write their emails to the outbox in the same transaction. ``no_outgoing_email()`` removes
again every outbox row written in this thread inside the block, before the transaction commits,
so no row is ever visible to the sender task and nothing leaves. Webhook deliveries
(``healthmatch.webhooks``; there are some only when an organisation added an endpoint while
trying the demo) are taken back the same way; events sent with ``bulk`` write none at all.
Rows written by other threads or processes meanwhile (a running web server) are left alone.
"""

import contextlib
import threading

from django.db import transaction
from django.db.models.signals import post_save

from healthmatch.mail.models import OutboxMessage
from healthmatch.webhooks.models import Delivery


@contextlib.contextmanager
def no_outgoing_email():
    """Run the block with the emails it writes to the outbox taken back before commit. Must
    run inside a transaction (the rows must never be committed)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("no_outgoing_email() needs a transaction around it.")
    thread = threading.get_ident()
    written: list[int] = []

    def collect(sender, instance, created, **kwargs):
        if created and threading.get_ident() == thread:
            written.append(instance.pk)

    uid = f"demo-no-outgoing-email-{id(written)}"
    webhooks: list[int] = []

    def collect_delivery(sender, instance, created, **kwargs):
        if created and threading.get_ident() == thread:
            webhooks.append(instance.pk)

    post_save.connect(collect, sender=OutboxMessage, weak=False, dispatch_uid=uid)
    post_save.connect(collect_delivery, sender=Delivery, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        post_save.disconnect(sender=OutboxMessage, dispatch_uid=uid)
        post_save.disconnect(sender=Delivery, dispatch_uid=uid)
    OutboxMessage.objects.filter(pk__in=written).delete()
    Delivery.objects.filter(pk__in=webhooks).delete()
