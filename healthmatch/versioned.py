"""Version tokens in the cache: a key whose random value changes whenever what it stands for is
written. Cached fragments and pages put the token in their own keys, so one change makes all of
them miss once; nothing is deleted, old entries age out. Used for the catalogue
(accounts/versions.py), the needs list (needs/listing.py) and the whole site
(page_cache/versions.py).

``bump`` replaces the token at once and again after the transaction commits: a request that read
the old rows between the two would otherwise have kept them under the new token. The second
replacement is registered once per transaction, however many rows it writes.
"""

import secrets

from django.core.cache import cache
from django.db import transaction

_replacers = {}


def current(key: str) -> str:
    token = cache.get(key)
    if token is None:
        token = secrets.token_hex(4)
        # add(): two processes starting at once agree on the first one written.
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    return token


def _replacer(key: str):
    if key not in _replacers:
        _replacers[key] = lambda: cache.set(key, secrets.token_hex(4), None)
    return _replacers[key]


def bump(key: str) -> None:
    replace = _replacer(key)
    replace()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Already to run after the commit, from this savepoint or one around it (whose rollback
        # would take this write with it): once is enough.
        here = set(connection.savepoint_ids)
        for savepoints, callback, _robust in connection.run_on_commit:
            if callback is replace and savepoints <= here:
                return
    transaction.on_commit(replace)
