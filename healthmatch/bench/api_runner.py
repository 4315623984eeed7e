"""api_bench: requests per second and p99 of the needs list over the API (with a token), the
needs list page and the barest Django view, on 10,000 published needs, interleaved. Used by
``manage.py api_bench``.

Requests go through Django's test client in this process: the whole Django stack (middleware,
URL resolution, authentication, throttling, the view, the database, rendering), without HTTP
parsing, sockets or a server's workers, which add about the same to each target. The data is
bulk-created in the current database under a random tag and deleted afterwards; use a
throwaway database (docs/benchmarks.md).
"""

from __future__ import annotations

import secrets
import statistics
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from healthmatch.accounts.models import Hub, Membership, Organisation, User
from healthmatch.api import services as tokens
from needs.models import Need

BARE = "/bench/bare/"
PAGE = "/needs/"
FALLBACK = "/api/v1/organisations/"
ROWS_PER_INSERT = 2000


def build(needs: int, tag: str):
    now = timezone.now()
    hub = Hub.objects.create(name=f"API bench {tag}", slug=f"api-bench-{tag}")
    hospital = Organisation.objects.create(
        name=f"API bench hospital {tag}",
        slug=f"api-bench-{tag}",
        kind=Organisation.Kind.HOSPITAL,
        hub=hub,
        verified_at=now,
    )
    person = User.objects.create(
        email=f"api-bench-{tag}@bench.healthmatch.invalid",
        name="API bench",
        password=make_password(None),
    )
    Membership.objects.create(
        user=person,
        organisation=hospital,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    )
    Need.objects.bulk_create(
        (
            Need(
                organisation=hospital,
                hub=hub,
                title=f"Bench need {n}: fewer falls at night on the geriatric ward",
                summary="Detect patients about to fall before it happens.",
                description="Night shifts are thin; sensor mats give false alarms.",
                status=Need.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(needs)
        ),
        batch_size=ROWS_PER_INSERT,
    )
    _row, token = tokens.create_token(person, name="api_bench", scope="read", expires_in_days=30)
    return hub, hospital, person, token


def remove(hub, hospital, person) -> None:
    Need.objects.filter(hub=hub).delete()
    person.delete()
    hospital.delete()
    hub.delete()


def measure(targets: dict, requests: int, warmup: int) -> dict:
    """Time ``requests`` GETs of each target, interleaved: one request of each in turn, so that
    a change in the machine's load weighs on every target alike. ``targets``: name ->
    (client, path, headers). Requests per second is requests over the time spent in them."""
    last = {}
    for name, (client, path, headers) in targets.items():
        for _ in range(warmup):
            last[name] = client.get(path, **headers)
        if last[name].status_code != 200:
            raise RuntimeError(f"GET {path} answered {last[name].status_code}")
    timings = {name: [] for name in targets}
    for _ in range(requests):
        for name, (client, path, headers) in targets.items():
            began = time.perf_counter()
            last[name] = client.get(path, **headers)
            timings[name].append(time.perf_counter() - began)
            assert last[name].status_code == 200
    results = {}
    for name, (_client, path, _headers) in targets.items():
        spent = sorted(timings[name])
        results[name] = {
            "path": path,
            "requests": requests,
            "per_second": round(requests / sum(spent), 1),
            "p50_ms": round(statistics.median(spent) * 1000, 2),
            "p99_ms": round(spent[min(len(spent) - 1, int(len(spent) * 0.99))] * 1000, 2),
            "bytes": len(last[name].content),
        }
    return results


def analyze() -> None:
    """Refresh the planner's statistics after the bulk insert, as autovacuum soon does on a
    live database: without them PostgreSQL guesses a handful of needs and sorts all 10,000."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def run(*, needs: int, requests: int, warmup: int, path: str, keep: bool, say) -> dict:
    tag = secrets.token_hex(4)
    started = time.perf_counter()
    hub, hospital, person, token = build(needs, tag)
    analyze()
    say(f"built {needs} published needs in {time.perf_counter() - started:.1f} s")
    rates = {"token": None, "user": None, "anon": None}
    bench_settings = override_settings(
        ROOT_URLCONF="healthmatch.bench.api_urls",
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates},
    )
    try:
        with bench_settings:
            client = Client()
            bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
            if client.get(path, **bearer).status_code == 404:
                say(f"{path} is not there (yet): measuring {FALLBACK} instead")
                path = FALLBACK
            # The page as the token's person sees it (signed in: their organisations' menu and
            # answers), and as an anonymous visitor (the lightest the page gets).
            signed_in = Client()
            signed_in.force_login(person)
            targets = {
                "api": (client, path, bearer),
                "page": (signed_in, PAGE, {}),
                "page_anonymous": (client, PAGE, {}),
                "bare": (client, BARE, {}),
            }
            results = measure(targets, requests, warmup)
    finally:
        if not keep:
            remove(hub, hospital, person)
    for name, figures in results.items():
        say(
            f"{name:14} GET {figures['path']}: {figures['per_second']} requests/s, "
            f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, {figures['bytes']} bytes"
        )
    return {"needs": needs, **results}
