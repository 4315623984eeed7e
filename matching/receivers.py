"""Matching's receivers of the needs' and companies' domain events (``needs/signals.py``,
``companies/signals.py``), connected in MatchingConfig.ready(), so needs and companies never
import matching.

A published item is rescored alone by a task queued after commit; an item that left the
directory (returned, closed, archived) loses its suggestions after commit. If the broker is
down, or a raw save sent no event, the next incremental run picks the item up by its
``updated_at``. An event sent with ``bulk=True`` (the demo seeder, loading hundreds of items)
is left to one full run the loader queues afterwards.
"""

import logging
from functools import partial, wraps

from django.db import transaction

from companies.models import Capability
from needs.models import Need

log = logging.getLogger(__name__)


def _enqueue(task, object_id):
    try:
        task.delay(object_id)
    except Exception:  # the broker is down: the next incremental run picks the item up
        log.exception("could not enqueue %s(%s)", task.name, object_id)


def _unless_bulk(receiver):
    """A receiver that leaves the events of a bulk load (``bulk=True``) to the full run the
    loader queues afterwards."""

    @wraps(receiver)
    def receive(sender, *args, bulk=False, **kwargs):
        if not bulk:
            receiver(sender, *args, **kwargs)

    return receive


def _retire_need(need_id):
    from matching.runs.store import retire_for_needs

    retire_for_needs([need_id])


def _retire_capability(capability_id):
    from matching.runs.store import retire_for_capabilities

    retire_for_capabilities([capability_id])


# --- Needs ------------------------------------------------------------------------------------


@_unless_bulk
def rescore_need(sender, need, **kwargs):
    from matching.tasks import rescore_need

    transaction.on_commit(partial(_enqueue, rescore_need, need.pk), robust=True)


@_unless_bulk
def retire_need(sender, need, **kwargs):
    transaction.on_commit(partial(_retire_need, need.pk), robust=True)


@_unless_bulk
def need_changed(sender, need, **kwargs):
    if need.status == Need.Status.PUBLISHED:
        rescore_need(sender, need)
    else:
        retire_need(sender, need)


# --- Capabilities -------------------------------------------------------------------------------


@_unless_bulk
def rescore_capability(sender, capability, **kwargs):
    from matching.tasks import rescore_capability

    transaction.on_commit(partial(_enqueue, rescore_capability, capability.pk), robust=True)


@_unless_bulk
def retire_capability(sender, capability, **kwargs):
    transaction.on_commit(partial(_retire_capability, capability.pk), robust=True)


@_unless_bulk
def capability_changed(sender, capability, **kwargs):
    if capability.status == Capability.Status.PUBLISHED:
        rescore_capability(sender, capability)
    else:
        retire_capability(sender, capability)


def connect():
    """Called once by MatchingConfig.ready(). The table in docs/decisions.md, "Domain events"."""
    from companies import signals as companies
    from needs import signals as needs

    for event, sender, receiver in (
        (needs.need_published, Need, rescore_need),
        (needs.need_changed, Need, need_changed),
        (needs.need_withdrawn, Need, retire_need),
        (companies.capability_published, Capability, rescore_capability),
        (companies.capability_changed, Capability, capability_changed),
        (companies.capability_archived, Capability, retire_capability),
    ):
        event.connect(receiver, sender=sender, dispatch_uid=f"matching.{receiver.__name__}")
