"""Posting create forms in tests the way a browser does: with the one-time form token the
form's page carries (healthmatch/once/), and twice at the same moment."""

import os
import threading
import time

import pytest
from django.conf import settings
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


def post_twice(client, url, data):
    """The same form sent twice in a row (a double click, a browser retry): both responses.
    ``data`` may be a callable making each sending's data."""
    token = once(client)
    return [client.post(url, {**(data() if callable(data) else data), **token}) for _ in "12"]


def expired(client, data=None, *, user=None):
    """``data`` plus a token minted for the client's person a second past its lifetime."""
    real_time = time.time
    try:
        time.time = lambda: real_time() - settings.ONCE_TOKEN_MAX_AGE - 1
        return once(client, data, user=user)
    finally:
        time.time = real_time


def forged(data=None):
    return {**(data or {}), FIELD: "eyJuIjoiZm9yZ2VkIiwidSI6MX0:1vVJxM:forgedsignature"}


def assert_landed_on_the_first(client, first, second):
    """The second sending was answered with where the first led, and says why."""
    assert first.status_code == 302, getattr(first, "context", None) and first.context.get("form")
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    page = client.get(second["Location"]).content.decode()
    assert "You had sent this form already" in page


def assert_refused_token(response, *, expired=False):
    """The form came back with the token's error on top (nothing was saved)."""
    assert response.status_code == 200
    text = "open for too long" if expired else "could not be checked"
    assert text in response.content.decode()
