"""email_bench: N people with new matches, the real digest and send path against an SMTP server
on loopback, beside a raw smtplib loop to the same server. Used by ``manage.py email_bench``.

The data is bulk-created in the current database under a random tag and deleted afterwards.
Celery runs eagerly for the run, so the outbox's kick after each commit of the digest pass runs
the real send task (``deliver_outbox``: claim a batch, one SMTP connection, mark each row sent)
in this process, against the loopback server, as a worker that keeps up would; nothing reaches
the configured broker or mail server. The time spent in the send task is measured apart from
the digest pass (Celery's task_prerun/task_postrun signals). Run it against a throwaway database
(docs/benchmarks.md): it refuses to start while the outbox holds queued mail it would otherwise
deliver to its own server.
"""

from __future__ import annotations

import re
import secrets
import smtplib
import socket
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test.utils import override_settings
from django.utils import timezone

from companies.models import Capability, CompanyProfile
from healthmatch.accounts.models import Hub, Membership, Organisation, User
from healthmatch.env import email_config
from healthmatch.mail.models import OutboxMessage
from matching.models import Match
from matching.notify.emails import announce
from matching.notify.selection import chunks
from matching.runs.models import MatchingConfig
from needs.models import Need

State = OutboxMessage.State
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)
TERMS = ["fall", "radar", "night", "ward", "sensor", "alarm", "telemedicine", "rehabilitation"]
NEEDS = 40
SEND_TASK = "healthmatch.accounts.tasks.deliver_outbox"
ROWS_PER_INSERT = 1000


class CountingHandler:
    """aiosmtpd handler that only notes each message's Message-ID (cheap, so the server is not
    what is measured more than it must be)."""

    def __init__(self):
        self.ids: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        content = envelope.original_content or envelope.content or b""
        head = content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        with self.lock:
            self.ids.append(found.group(1) if found else b"")
        return "250 OK"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server():
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


@dataclass
class World:
    tag: str
    hub: Hub
    user_ids: list[int] = field(default_factory=list)


def build(users: int, matches_per_user: int) -> World:
    """One hub, one hospital with NEEDS published needs (and nobody to email), and ``users``
    companies with one member and one published capability matched to ``matches_per_user``
    needs, all first seen now and above the notification threshold."""
    tag = secrets.token_hex(4)
    now = timezone.now()
    hub = Hub.objects.create(name=f"email_bench {tag}", slug=f"email-bench-{tag}")
    hospital = Organisation.objects.create(
        name=f"Bench hospital {tag}",
        slug=f"bench-hospital-{tag}",
        kind=Organisation.Kind.HOSPITAL,
        hub=hub,
        verified_at=now,
    )
    needs = Need.objects.bulk_create(
        Need(
            organisation=hospital,
            hub=hub,
            title=f"Bench need {n}: fewer falls at night on the geriatric ward",
            summary="Detect patients about to fall before it happens.",
            description="Night shifts are thin; sensor mats give false alarms.",
            status=Need.Status.PUBLISHED,
            published_at=now,
        )
        for n in range(NEEDS)
    )
    password = make_password(None)
    world = World(tag, hub)
    for numbers in chunks(range(users), ROWS_PER_INSERT):
        people = User.objects.bulk_create(
            User(
                email=f"bench-{tag}-{n}@bench.healthmatch.invalid",
                name=f"Bench {n}",
                password=password,
            )
            for n in numbers
        )
        companies = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench company {tag} {n}",
                slug=f"bench-{tag}-{n}",
                kind=Organisation.Kind.COMPANY,
                hub=hub,
                verified_at=now,
            )
            for n in numbers
        )
        Membership.objects.bulk_create(
            Membership(
                user=person,
                organisation=company,
                role=Membership.Role.ADMIN,
                status=Membership.Status.ACTIVE,
            )
            for person, company in zip(people, companies, strict=True)
        )
        profiles = CompanyProfile.objects.bulk_create(
            CompanyProfile(organisation=company) for company in companies
        )
        capabilities = Capability.objects.bulk_create(
            Capability(
                company=profile,
                title=f"Radar fall detection, edition {n}",
                description="Contact-free radar that detects falls at night.",
                status=Capability.Status.PUBLISHED,
                published_at=now,
            )
            for n, profile in zip(numbers, profiles, strict=True)
        )
        Match.objects.bulk_create(
            Match(
                need=needs[(n + k) % NEEDS],
                capability=capability,
                hub=hub,
                score=0.95 - 0.05 * k,
                factors={"relevance": 0.8, "text": 0.7, "clinical_area": 1.0, "care_setting": 0.9},
                shared_terms=[TERMS[(n + j) % len(TERMS)] for j in range(4)],
                first_seen_at=now,
            )
            for n, capability in zip(numbers, capabilities, strict=True)
            for k in range(min(matches_per_user, NEEDS))
        )
        world.user_ids.extend(person.pk for person in people)
    return world


def clean(world: World) -> None:
    """Delete everything ``build`` made, and the outbox rows of its people."""
    for ids in chunks(world.user_ids):
        OutboxMessage.objects.filter(user_id__in=ids).delete()
    Need.objects.filter(hub=world.hub).delete()  # its matches and notices go with it
    CompanyProfile.objects.filter(organisation__hub=world.hub).delete()  # and capabilities
    Organisation.objects.filter(hub=world.hub).delete()
    for ids in chunks(world.user_ids):
        User.objects.filter(pk__in=ids).delete()
    MatchingConfig.objects.filter(hub=world.hub).delete()
    world.hub.delete()


def other_mail_waiting() -> int:
    return OutboxMessage.objects.filter(state__in=[State.QUEUED, State.SENDING]).count()


class TaskClock:
    """Seconds spent inside the outbox's send task (eager runs send the same signals)."""

    def __init__(self):
        self.seconds = 0.0
        self._started: dict[str, float] = {}

    def started(self, task_id=None, task=None, **kwargs):
        if task is not None and task.name == SEND_TASK:
            self._started[task_id] = time.perf_counter()

    def finished(self, task_id=None, task=None, **kwargs):
        began = self._started.pop(task_id, None)
        if began is not None:
            self.seconds += time.perf_counter() - began


@contextmanager
def pointed_at(host: str, port: int):
    """Django's email at the loopback server, Celery eager (the kicks run the send task here),
    and a clock on the send task."""
    from celery.signals import task_postrun, task_prerun

    from healthmatch.celery import app

    url = f"smtp://{host}:{port}?timeout=30"
    values = email_config(url, Path(settings.BASE_DIR))
    clock = TaskClock()
    task_prerun.connect(clock.started, weak=False)
    task_postrun.connect(clock.finished, weak=False)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with override_settings(**values):
            yield clock
    finally:
        app.conf.task_always_eager = eager
        task_prerun.disconnect(clock.started)
        task_postrun.disconnect(clock.finished)


def send_all() -> dict:
    """The outbox task's code, batch after batch, until nothing is due."""
    from healthmatch.mail.tasks import deliver_outbox

    totals = Counter()
    while True:
        counts = deliver_outbox.apply().get()
        totals.update(counts)
        if not counts["claimed"]:
            return dict(totals)


def raw_loop(host: str, port: int, rows, *, prebuilt: bool = False) -> float:
    """Seconds a plain smtplib loop takes to send the same messages (the rows' subject, text,
    HTML and extra headers) over one connection: no Django, no database. Each message is built
    in the loop with the standard library's email.mime classes, the classic smtplib idiom; with
    ``prebuilt`` all are built first and only the SMTP transfer is timed. Each message has a
    Message-ID of its own, so it never counts as a duplicate of the outbox's."""

    def build(n, row):
        message = MIMEMultipart("alternative")
        message["Subject"] = Header(row.subject, "utf-8")
        message["From"] = row.from_email
        message["To"] = row.to_email
        message["Message-ID"] = f"<raw-{n}@email-bench.invalid>"
        for name, value in row.headers.items():
            message[name] = value
        message.attach(MIMEText(row.text, "plain", "utf-8"))
        message.attach(MIMEText(row.html, "html", "utf-8"))
        data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        return row.from_email, row.to_email, data

    built = [build(n, row) for n, row in enumerate(rows)] if prebuilt else None
    started = time.perf_counter()
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        for n, row in enumerate(rows):
            sender, recipient, data = built[n] if prebuilt else build(n, row)
            smtp.sendmail(sender, [recipient], data)
    return time.perf_counter() - started


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def run(users: int, matches_per_user: int, *, keep: bool = False, say=print) -> dict:
    waiting = other_mail_waiting()
    if waiting:
        raise RuntimeError(
            f"the outbox holds {waiting} queued message(s) that would be sent to the bench's "
            "own SMTP server: run email_bench against a throwaway database "
            "(see docs/benchmarks.md)"
        )
    started = time.perf_counter()
    world = build(users, matches_per_user)
    say(
        f"data: {users} people, {users * matches_per_user} matches in "
        f"{time.perf_counter() - started:.1f} s (tag {world.tag})"
    )
    try:
        with (
            smtp_server() as (controller, handler),
            pointed_at(controller.hostname, controller.port) as clock,
        ):
            started = time.perf_counter()
            digest = announce("daily", user_ids=world.user_ids)
            leftover = send_all()  # what the kicks left: nothing, unless a send failed
            total_seconds = time.perf_counter() - started
            send_seconds = clock.seconds
            digest_seconds = total_seconds - send_seconds
            rows = []
            for ids in chunks(world.user_ids):
                rows.extend(OutboxMessage.objects.filter(user_id__in=ids))
            sent = sum(1 for row in rows if row.state == State.SENT)
            say(
                f"digest pass: {digest['emails']} emails written in {digest_seconds:.2f} s "
                f"({rate(digest['emails'], digest_seconds)}/s, send task time excluded)"
            )
            say(
                f"send task (claim, one SMTP connection per batch, mark each sent): {sent} "
                f"messages in {send_seconds:.2f} s ({rate(sent, send_seconds)}/s)"
            )
            received = Counter(handler.ids)
            expected = {row.message_id.encode() for row in rows}
            raw_seconds = raw_loop(controller.hostname, controller.port, rows)
            say(
                f"raw smtplib loop: {len(rows)} messages in {raw_seconds:.2f} s "
                f"({rate(len(rows), raw_seconds)}/s)"
            )
            transfer_seconds = raw_loop(controller.hostname, controller.port, rows, prebuilt=True)
            say(
                f"raw smtplib, messages built beforehand: {len(rows)} in "
                f"{transfer_seconds:.2f} s ({rate(len(rows), transfer_seconds)}/s)"
            )
    finally:
        if not keep:
            clean(world)
    duplicates = sum(count - 1 for mid, count in received.items() if mid in expected)
    unexpected = sum(count for mid, count in received.items() if mid not in expected)
    missing = len(expected - set(received)) + (users - len(rows))
    result = {
        "users": users,
        "matches_per_user": matches_per_user,
        "emails": digest["emails"],
        "sent": sent,
        "sent_by_the_last_pass": leftover["sent"],
        "batch_size": settings.OUTBOX_BATCH_SIZE,
        "digest_per_second": rate(digest["emails"], digest_seconds),
        "messages_per_second": rate(sent, send_seconds),
        "end_to_end_per_second": rate(sent, total_seconds),
        "raw_smtp_per_second": rate(len(rows), raw_seconds),
        "raw_smtp_prebuilt_per_second": rate(len(rows), transfer_seconds),
        "duplicates": duplicates + unexpected,
        "missing": missing,
    }
    raw_rate = result["raw_smtp_per_second"]
    result["ratio"] = round(result["messages_per_second"] / raw_rate, 2) if raw_rate else 0.0
    return result
