"""One beat at a time: Celery beat's scheduler behind a lock in the cache (Redis in production).

Two beat processes (a second one started by mistake, a standby, or two hosts during a rolling
deploy) would each send every periodic task: two scoring runs and two digest passes per period.
The tasks are safe to run twice, but doubled runs are wasted work and doubled load. With this
scheduler every beat ticks, but only the one holding ``healthmatch:beat-lock`` sends tasks; the
others check the lock every ``BEAT_LOCK_SECONDS / 3`` seconds and take over within
``BEAT_LOCK_SECONDS`` when the holder stops renewing it (killed, machine gone). A beat that
stops cleanly hands the lock back at once.

The lock is the cache's ``add`` (Redis ``SET NX``) with a timeout, renewed by its holder with
``touch``. The renewal is two commands, not one: a holder paused for longer than the lock's
lifetime between them may share one tick with its successor, which the tasks tolerate. When
the cache cannot be reached the beat sends nothing (with Redis down it could not send anyway)
and tries again on its next tick.
"""

import logging
import os
import socket
import uuid

from celery.beat import PersistentScheduler
from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)

LOCK_KEY = "healthmatch:beat-lock"


class SingleBeatScheduler(PersistentScheduler):
    def __init__(self, *args, **kwargs):
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.leading = None  # not known yet: the first tick logs which it is
        super().__init__(*args, **kwargs)

    @property
    def lock_seconds(self) -> int:
        return max(3, settings.BEAT_LOCK_SECONDS)

    def tick(self, *args, **kwargs):
        renew_every = self.lock_seconds / 3
        if not self.lead():
            return renew_every
        return min(super().tick(*args, **kwargs), renew_every)

    def lead(self) -> bool:
        """Take or renew the lock; True while this beat holds it."""
        try:
            leading = cache.add(LOCK_KEY, self.holder, self.lock_seconds) or (
                cache.get(LOCK_KEY) == self.holder and cache.touch(LOCK_KEY, self.lock_seconds)
            )
        except Exception as error:  # noqa: BLE001 (any cache error: send nothing, retry next tick)
            if self.leading:
                log.warning("beat: the lock cannot be reached (%s); sending nothing", error)
            leading = False
        leading = bool(leading)
        if leading != self.leading:
            log.info(
                "beat %s: %s",
                self.holder,
                "holds the lock, sending periodic tasks"
                if leading
                else "another beat holds the lock, standing by",
            )
        self.leading = leading
        return leading

    def close(self):
        try:
            if self.leading and cache.get(LOCK_KEY) == self.holder:
                cache.delete(LOCK_KEY)
        except Exception:  # noqa: BLE001 (the lock then expires on its own)
            log.warning("beat: could not hand the lock back; it expires on its own")
        self.leading = None
        super().close()
