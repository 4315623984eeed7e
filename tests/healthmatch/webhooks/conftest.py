"""A real HTTP receiver on loopback that checks every delivery's signature with its own
implementation of the Standard Webhooks check (not the kit's), records what came, and answers
as a test scripts it: a status per request, a delay, or holding the request until released.
Plus the SMTP server of the mail tests, and endpoints pointing at the receiver."""

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from healthmatch.webhooks import services
from tests.healthmatch.mail.conftest import smtp  # noqa: F401 (a fixture)

TOLERANCE_SECONDS = 5 * 60


def standard_webhooks_verify(secret: str, headers: dict, body: bytes, now=None) -> bool:
    """The receiver's side of https://www.standardwebhooks.com/, written from the spec: the key
    is the base64 after ``whsec_``; the signed content is ``id.timestamp.body``; any ``v1,``
    signature in the space-separated header may match; an old timestamp is refused."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not msg_id or not timestamp.isdigit():
        return False
    if abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.split("_", 1)[1])
    content = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    for candidate in headers.get("webhook-signature", "").split(" "):
        version, _comma, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


class Receiver:
    """``replies``: (status, body, headers) used up one per POST, then ``default``;
    ``delay``: seconds to wait before answering; ``hold``: an Event the handler waits on before
    answering (set it to let the request finish)."""

    def __init__(self):
        self.requests = []
        self.secrets: list[str] = []
        self.replies = []
        self.default = (200, b'{"ok": true}', {})
        self.delay = 0.0
        self.hold: threading.Event | None = None
        self.arrived = threading.Event()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path="/hooks") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def posts(self, path=None) -> list[dict]:
        with self.lock:
            return [r for r in self.requests if r["method"] == "POST" and path in (None, r["path"])]

    def processed(self) -> dict:
        """What a receiver that deduplicates by webhook-id acts on: id -> payload, once each,
        verified requests only."""
        seen = {}
        for request in self.posts():
            if request["verified"]:
                seen.setdefault(request["headers"]["webhook-id"], request["json"])
        return seen

    def ids(self) -> Counter:
        return Counter(r["headers"].get("webhook-id") for r in self.posts())

    def _handler(receiver):  # noqa: N805 (the receiver, seen from its handler class)
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _record(self, method):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = {
                    "method": method,
                    "path": self.path,
                    "headers": headers,
                    "body": body,
                    "verified": any(
                        standard_webhooks_verify(s, headers, body) for s in receiver.secrets
                    ),
                    "json": json.loads(body) if body else None,
                    "at": time.time(),
                }
                with receiver.lock:
                    receiver.requests.append(request)
                    reply = receiver.replies.pop(0) if receiver.replies else receiver.default
                receiver.arrived.set()
                return reply

            def _answer(self, reply):
                if receiver.hold is not None:
                    receiver.hold.wait(60)
                if receiver.delay:
                    time.sleep(receiver.delay)
                status, body, headers = reply
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client is gone (timed out, killed)
                    pass

            def do_POST(self):  # noqa: N802
                self._answer(self._record("POST"))

            def do_GET(self):  # noqa: N802
                self._answer(self._record("GET"))

        return Handler

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        if self.hold is not None:
            self.hold.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def loopback(settings):
    """Deliveries to this machine allowed, over plain HTTP: what DEBUG does."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    return settings


@pytest.fixture
def endpoint(loopback, receiver, buyer_org, owner):
    """An active endpoint of the buyer organisation at the receiver, subscribed to
    need.published and bid.submitted; the receiver knows its secret."""
    made = services.create_endpoint(
        buyer_org,
        actor=owner,
        url=receiver.url(),
        description="Our procurement system",
        events=["need.published", "bid.submitted"],
    )
    receiver.secrets = [made.secret]
    return made


def subscribe(organisation, *events) -> "Endpoint":  # noqa: F821
    """An active endpoint of ``organisation`` for ``events``, written directly (no URL check):
    for the apps' tests, which look at the rows emit() writes, not at sending."""
    from healthmatch.webhooks.models import Endpoint
    from healthmatch.webhooks.signing import generate_secret

    return Endpoint.objects.create(
        organisation=organisation,
        url=f"https://hooks.example/{organisation.slug}",
        secret=generate_secret(),
        events=list(events),
    )


def deliveries(event_type=None) -> list[tuple[str, int, dict]]:
    """(event type, organisation id, data) of every delivery written, oldest first."""
    from healthmatch.webhooks.models import Delivery

    rows = Delivery.objects.select_related("endpoint").order_by("pk")
    if event_type:
        rows = rows.filter(event_type=event_type)
    return [(r.event_type, r.endpoint.organisation_id, r.payload["data"]) for r in rows]
