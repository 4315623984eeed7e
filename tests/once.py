"""Posting create forms in tests the way a browser does: with the one-time form token the
form's page carries (healthmatch/once/), and twice at the same moment."""

import os
import threading

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connection
from django.test import Client

from healthmatch.once.services import FIELD, mint

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true",
    reason="concurrent transactions need PostgreSQL",
)


def once(client, data=None, *, user=None):
    """``data`` plus a fresh form token for ``user`` (by default the person signed in on
    ``client``, or nobody)."""
    if user is None and client is not None:
        user_id = client.session.get(SESSION_KEY)
        user = get_user_model().objects.get(pk=user_id) if user_id else None
    return {**(data or {}), FIELD: mint(user)}


def post_twice_at_once(user, url, data, **extra):
    """Two POSTs of the same ``data`` with the same form token, by ``user``, at the same
    moment from two threads with their own connections: the two responses (or exceptions).
    ``data`` may be a callable making each thread's data (files can be read once only)."""
    token = once(None, user=user)
    clients = []
    for _ in range(2):
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(2)
    results = [None, None]

    def target(i):
        try:
            payload = data() if callable(data) else dict(data)
            barrier.wait(30)
            results[i] = clients[i].post(url, {**payload, **token}, **extra)
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results
