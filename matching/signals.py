"""Publishing a need or a capability rescores just that item after commit; closing, returning or
archiving it retires its suggestions. Connected in MatchingConfig.ready(), so needs and
companies never import matching."""

import contextlib
import logging
import threading
from functools import partial

from django.db import transaction

from companies.models import Capability
from needs.models import Need

log = logging.getLogger(__name__)

_state = threading.local()


@contextlib.contextmanager
def paused():
    """Bulk loads (seed_demo) save hundreds of published items: no rescore per item inside;
    the caller queues one full run instead."""
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = False


def _is_paused() -> bool:
    return getattr(_state, "paused", False)


def _enqueue(task, object_id):
    try:
        task.delay(object_id)
    except Exception:  # the broker is down: the next incremental run picks the item up
        log.exception("could not enqueue %s(%s)", task.name, object_id)


def _retire(field, object_id):
    from matching.runs.store import retire_for_capabilities, retire_for_needs

    if field == "need":
        retire_for_needs([object_id])
    else:
        retire_for_capabilities([object_id])


def _status_touched(created, update_fields) -> bool:
    return not created and (update_fields is None or "status" in update_fields)


def need_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or _is_paused():
        return
    if instance.status == Need.Status.PUBLISHED:
        from matching.tasks import rescore_need

        transaction.on_commit(partial(_enqueue, rescore_need, instance.pk), robust=True)
    elif _status_touched(created, update_fields):
        transaction.on_commit(partial(_retire, "need", instance.pk), robust=True)


def _capability_changed(capability, *, created=False, update_fields=None):
    if capability.status == Capability.Status.PUBLISHED:
        from matching.tasks import rescore_capability

        transaction.on_commit(partial(_enqueue, rescore_capability, capability.pk), robust=True)
    elif _status_touched(created, update_fields):
        transaction.on_commit(partial(_retire, "capability", capability.pk), robust=True)


def capability_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if not raw and not _is_paused():
        _capability_changed(instance, created=created, update_fields=update_fields)


def capability_status_changed(sender, capability, **kwargs):
    if not _is_paused():
        _capability_changed(capability)
