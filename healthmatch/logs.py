"""One log format for every process: ISO 8601 time in UTC, level, logger, message.

`make run` shows the web server, the worker and beat side by side; each used to print its own
format and its own clock (Django and Celery in the local time of TIME_ZONE, honcho in the
machine's). settings.LOGGING uses this formatter, and Celery's worker and beat log through
settings.LOGGING (healthmatch/celery.py).
"""

import logging
import time

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class UTCFormatter(logging.Formatter):
    """``2026-12-05T07:31:50.123Z INFO django.server: "GET / HTTP/1.1" 200 5124``"""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def __init__(self, fmt=FORMAT, datefmt=None, style="%", **kwargs):
        super().__init__(fmt, datefmt, style, **kwargs)
