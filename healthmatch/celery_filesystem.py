"""The embedded broker (no REDIS_URL): kombu's filesystem transport, quick to stop.

Celery drives a transport that cannot wait on a socket (this one: a folder of message files)
with its blocking loop, which looks at the shutdown flag only between calls to
``drain_events(timeout=2.0)``, and kombu's virtual transport sleeps a polling interval of one
second between looks at the folder until that timeout has passed. A worker asked to stop went
on polling for up to three seconds, and with its pool and timer threads took 6 to 8 seconds to
exit: longer than honcho (``make run``) waits before it sends SIGKILL (5 seconds), and a killed
worker loses the messages it had taken. This transport looks every 0.2 seconds and returns from
``drain_events`` as soon as the worker is shutting down.
"""

from queue import Empty
from time import monotonic, sleep

from celery.worker import state
from kombu.transport import filesystem


def worker_is_stopping() -> bool:
    """Whether a warm or cold shutdown was asked for (Celery's signal handlers set these)."""
    return any(
        flag is not None and flag is not False
        for flag in (state.should_stop, state.should_terminate)
    )


class FilesystemTransport(filesystem.Transport):
    polling_interval = 0.2

    def drain_events(self, connection, timeout=None):
        started = monotonic()
        while True:
            try:
                self.cycle.get(self._deliver, timeout=timeout)
                return
            except Empty:
                if worker_is_stopping():
                    raise TimeoutError from None
                if timeout is not None and monotonic() - started >= timeout:
                    raise TimeoutError from None
                sleep(self.polling_interval)
